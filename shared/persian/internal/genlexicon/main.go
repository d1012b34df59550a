// Command genlexicon builds lexicon.bin, the compact word list that package
// persian uses to restore zero-width non-joiners (U+200C).
//
// Source: the Persian hunspell word list of Debian's myspell-fa package
// (fa_IR.dic, 331,788 full word forms, GPL-2.0-or-later; see
// NOTICE.persian.md at the repository root). The list spells out word forms
// rather than stems and affixes, and writes the same word sometimes with and
// sometimes without a ZWNJ, so it is not shipped as it is: genlexicon reduces
// it to a few classes that the morphology in package persian combines at run
// time:
//
//	V  verb forms written after the prefixes می‌ and نمی‌ (from "می‌Y")
//	N  stems that take the plural ‌ها and ‌های… (from "X‌ها…" and "Xها…")
//	A  adjectives that take ‌تر and ‌ترین (from "X‌تر…")
//	P  past participles that take ‌اند, ‌است, ‌ام… (from "X‌اند")
//	M  stems ending in a non-joining letter that take ها without ZWNJ (کار),
//	   only those where Xه‌ای is a reading too or a prefix به، بی، هم meets them
//	H  words ending in ه that take ‌ای (from "X‌ای")
//	C  compounds written with a ZWNJ inside ("بین‌المللی", "شبه‌جزیره"),
//	   with inflections stripped and with ZWNJs after letters that do not
//	   join to the left removed (they change nothing on screen)
//	E  words Xه whose Xه‌ای is the likelier reading of a fused Xهای that
//	   also reads X‌های (تازه: تازه‌ای, not تاز‌های)
//	L  stems X whose plural X‌های is the likelier reading (سال: سال‌های,
//	   not ساله‌ای)
//
// E and L come from a third list, of frequent words: the word list of
// Tesseract's Persian model (tessdata_fast, Apache-2.0; 13,892 words of web
// text, in Debian's tesseract-ocr-fas). A fused Xهای whose two readings are
// both words is decided by what that list holds: a plural of X (X‌ها,
// X‌های, Xها) against Xه‌ای, and else the bare words X and Xه. Where it
// says nothing, package persian leaves such a word alone unless the
// sentence decides it.
//
// A fourth list, Lilak (npm's dictionary-fa 2.0.0, Apache-2.0, a
// devDependency of the repository: `npm ci` installs it in
// node_modules/dictionary-fa, read with -lilak), adds its compounds written
// with a ZWNJ, marks the words it writes joined as whole (F), keeps the
// spellings it allows both ways as the writer wrote them (آنها، بزرگترین),
// and adds stems and verb forms from its affix flags (see addLilak).
//
// The output is the classes front-coded, then DEFLATE-compressed.
//
// Usage (what `go generate ./shared/persian` runs):
//
//	go run ./internal/genlexicon [-dic fa_IR.dic] [-cspell words.txt] [-freq words.txt] [-lilak DIR] -o lexicon.bin
//
// Without -dic it fetches the list the ordinary way, with
// `apt-get download myspell-fa` and `dpkg-deb -x`, in a temporary directory.
// A second list, npm's @cspell/dict-fa-ir 4.0.5 (Apache-2.0; 764,549 words
// in common use, none with a ZWNJ), filters the classes: a compound whose
// joined spelling is in common use is dropped, and stems must be words of
// it. Without -cspell it is fetched with `npm pack` and decoded with
// `npx cspell-trie reader`. Without -freq the Tesseract list is fetched with
// `apt-get download tesseract-ocr-fas` and read with combine_tessdata and
// dawg2wordlist (Debian's tesseract-ocr package).
package main

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

const zwnj = "\u200c"

func main() {
	dic := flag.String("dic", "", "path to fa_IR.dic (default: fetch Debian's myspell-fa)")
	cspell := flag.String("cspell", "", "path to the word list of @cspell/dict-fa-ir, one a line (default: fetch it with npm)")
	freq := flag.String("freq", "", "path to the word list of Tesseract's Persian model, one a line (default: fetch tesseract-ocr-fas)")
	lilakDir := flag.String("lilak", "../../node_modules/dictionary-fa", "directory of npm's dictionary-fa 2.0.0 (index.dic, index.aff; npm ci installs it)")
	out := flag.String("o", "lexicon.bin", "output file")
	flag.Parse()
	if err := run(*dic, *cspell, *freq, *lilakDir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genlexicon:", err)
		os.Exit(1)
	}
}

func run(dic, cspell, freq, lilakDir, out string) error {
	dir, err := os.MkdirTemp("", "genlexicon")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if dic == "" {
		if dic, err = fetch(dir); err != nil {
			return err
		}
	}
	if cspell == "" {
		if cspell, err = fetchCSpell(dir); err != nil {
			return err
		}
	}
	words, err := readDic(dic)
	if err != nil {
		return err
	}
	joined, err := readCSpell(cspell)
	if err != nil {
		return err
	}
	if freq == "" {
		if freq, err = fetchFreq(dir); err != nil {
			return err
		}
	}
	frequent, err := readFreq(freq)
	if err != nil {
		return err
	}
	lil, err := readLilak(lilakDir)
	if err != nil {
		return err
	}
	lilStems, err := readLilakStems(lilakDir)
	if err != nil {
		return err
	}
	classes := build(words, joined)
	addLilak(classes, lil, lilStems)
	classes['E'], classes['L'] = preferences(classes, joined, frequent)
	var buf bytes.Buffer
	buf.WriteString("BARGLEX1")
	tags := make([]byte, 0, len(classes))
	for t := range classes {
		tags = append(tags, t)
	}
	sort.Slice(tags, func(i, j int) bool { return tags[i] < tags[j] })
	for _, t := range tags {
		list := classes[t]
		encode(&buf, t, list)
		fmt.Fprintf(os.Stderr, "class %c: %d entries\n", t, len(list))
	}
	// DEFLATE the whole: the table is read once, on first use, and the
	// compressed form keeps the WebAssembly binary small before transport
	// compression too.
	var z bytes.Buffer
	zw, err := flate.NewWriter(&z, flate.BestCompression)
	if err != nil {
		return err
	}
	zw.Write(buf.Bytes())
	if err := zw.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%s: %d bytes (%d before DEFLATE)\n", out, z.Len(), buf.Len())
	return os.WriteFile(out, z.Bytes(), 0o644)
}

// fetch downloads myspell-fa with apt-get into dir and returns the path of
// its fa_IR.dic.
func fetch(dir string) (string, error) {
	cmd := exec.Command("apt-get", "download", "myspell-fa")
	cmd.Dir, cmd.Stderr = dir, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("apt-get download myspell-fa: %w", err)
	}
	debs, _ := filepath.Glob(filepath.Join(dir, "myspell-fa_*.deb"))
	if len(debs) != 1 {
		return "", errors.New("apt-get download myspell-fa: no .deb")
	}
	x := filepath.Join(dir, "x")
	if err := exec.Command("dpkg-deb", "-x", debs[0], x).Run(); err != nil {
		return "", fmt.Errorf("dpkg-deb -x: %w", err)
	}
	return filepath.Join(x, "usr/share/hunspell/fa_IR.dic"), nil
}

// fetchCSpell downloads @cspell/dict-fa-ir with npm and decodes its trie
// with the cspell-trie tool, into dir; it returns the word list's path.
func fetchCSpell(dir string) (string, error) {
	for _, args := range [][]string{
		{"npm", "pack", "--silent", "@cspell/dict-fa-ir@4.0.5"},
		{"tar", "xzf", "cspell-dict-fa-ir-4.0.5.tgz"},
		{"npx", "--yes", "cspell-trie@9", "reader", "package/fa-IR.trie.gz", "-o", "cspell-fa.txt"},
	} {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir, cmd.Stderr = dir, os.Stderr
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("%s: %w", strings.Join(args, " "), err)
		}
	}
	return filepath.Join(dir, "cspell-fa.txt"), nil
}

// fetchFreq downloads tesseract-ocr-fas with apt-get and writes the word
// list of its model into dir; it returns the list's path.
func fetchFreq(dir string) (string, error) {
	for _, args := range [][]string{
		{"apt-get", "download", "tesseract-ocr-fas"},
		{"sh", "-c", "dpkg-deb -x tesseract-ocr-fas_*.deb tess"},
		{"sh", "-c", "combine_tessdata -u tess/usr/share/tesseract-ocr/*/tessdata/fas.traineddata fas."},
		{"dawg2wordlist", "fas.lstm-unicharset", "fas.lstm-word-dawg", "tesseract-fa.txt"},
	} {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir, cmd.Stderr = dir, os.Stderr
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("%s: %w (combine_tessdata and dawg2wordlist come with: apt-get install tesseract-ocr)", strings.Join(args, " "), err)
		}
	}
	return filepath.Join(dir, "tesseract-fa.txt"), nil
}

// readFreq reads the frequent words, as written (with their ZWNJs).
func readFreq(path string) (map[string]bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	for _, w := range strings.Split(string(b), "\n") {
		if w = strings.TrimSpace(w); w != "" {
			set[canon(w)] = true
		}
	}
	if len(set) < 5000 {
		return nil, fmt.Errorf("%s: %d words, want the whole list", path, len(set))
	}
	return set, nil
}

// preferences decides the fused Xهای that read both X‌های and Xه‌ای, where
// X takes a plural (N) and Xه takes ‌ای (H), by the frequent words: first
// by the forms (X‌ها, X‌های or Xها against Xه‌ای), then by the bare words X
// and Xه. It returns the Xه that prefer ‌ای (E) and the X that prefer the
// plural (L); a pair the list does not decide is in neither. joined is
// the list of words in common use.
func preferences(cls map[byte][]string, joined, frequent map[string]bool) (heh, pl []string) {
	hasH := map[string]bool{}
	for _, w := range cls['H'] {
		hasH[w] = true
	}
	for _, x := range cls['N'] {
		xh := x + "ه"
		if !hasH[xh] || !joins(x) {
			continue
		}
		plural := frequent[x+zwnj+"ها"] || frequent[x+zwnj+"های"] || frequent[x+"ها"]
		indef := frequent[xh+zwnj+"ای"]
		if plural == indef {
			plural, indef = frequent[x], frequent[xh]
		}
		switch {
		case plural && !indef:
			pl = append(pl, x)
		case indef && !plural:
			heh = append(heh, xh)
		}
	}
	// A stem in a letter that does not join writes its plural fused, so
	// a fused Xهای reads Xها+ی or Xه‌ای (واژهای: واژه‌ای); Xه is marked
	// where the frequent words hold Xه‌ای and no plural of X (first by the
	// forms, then by the bare words).
	for _, x := range cls['M'] {
		xh := x + "ه"
		if !hasH[xh] {
			continue
		}
		plural := frequent[x+"ها"] || frequent[x+"های"]
		indef := frequent[xh+zwnj+"ای"]
		if plural == indef {
			plural, indef = frequent[x], frequent[xh]
		}
		if indef && !plural {
			heh = append(heh, xh)
		}
	}
	// After a letter that does not join, the plural is written fused
	// (نهادهای) and reads Xه‌ای as well (نهاده‌ای): X is marked where the
	// frequent words hold its plural and Xه is a word.
	for w := range frequent {
		x, ok := strings.CutSuffix(w, "ها")
		if !ok || joins(x) || len([]rune(x)) < 2 || !frequent[x] {
			continue
		}
		xh := x + "ه"
		if hasH[xh] || joined[xh] || has(cls['N'], xh) || has(cls['A'], xh) {
			pl = append(pl, x)
		}
	}
	sort.Strings(heh)
	sort.Strings(pl)
	return heh, pl
}

// readCSpell reads cspell's Persian words: spellings in common use, all
// written without ZWNJ ("~" marks case-folded duplicates).
func readCSpell(path string) (map[string]bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	for _, w := range strings.Split(string(b), "\n") {
		if w = strings.TrimPrefix(strings.TrimSpace(w), "~"); w != "" {
			set[canon(w)] = true
		}
	}
	return set, nil
}

func readDic(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var words []string
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if first { // hunspell's first line is the entry count
			first = false
			continue
		}
		if i := strings.IndexByte(line, '/'); i >= 0 {
			line = line[:i]
		}
		if line != "" {
			words = append(words, canon(line))
		}
	}
	return words, sc.Err()
}

// canon writes Arabic yeh and kaf as Persian, as package persian does
// before looking words up.
func canon(s string) string {
	return strings.NewReplacer("ي", "ی", "ى", "ی", "ك", "ک").Replace(s)
}

// nonJoining letters do not join the letter after them, so a ZWNJ after
// them is invisible; Persian style omits it.
const nonJoining = "اآأإٱدذرزژوؤۀةء"

func joins(s string) bool {
	if s == "" {
		return false
	}
	r := []rune(s)
	return !strings.ContainsRune(nonJoining, r[len(r)-1])
}

var (
	plural = []string{"ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "هاست"}
	comp   = []string{"تر", "ترین", "تری", "ترینی", "ترینم", "ترینت", "ترینش", "ترینمان", "ترینتان", "ترینشان"}
	perf   = []string{"اند", "ایم", "اید", "ام", "است"}
	// inflections stripped from compounds before they are stored.
	inflections = append(append(append([]string{"ای", "اش", "ات", "ی", "یی", "شان", "مان", "تان", "م", "ت", "ش",
		"بود", "بودم", "بودی", "بودیم", "بودید", "بودند", "باشد", "باشم", "باشی", "باشیم", "باشید", "باشند"},
		plural...), comp...), perf...)
)

// derivParts must match the list of the same name in package persian.
var derivParts = []string{"ناپذیری", "ناپذیر", "پذیری", "پذیر", "آمیز", "آمیزی", "انگیز", "انگیزی",
	"نامه", "گذاری", "گذار", "سازی", "گیری", "کننده", "کنندگان", "شناسی", "شناس", "گرایی", "رسانی",
	"دان", "دانان", "نگار", "نگاران", "نگاری", "نشین", "نشینان", "گرا", "گرایان", "مند", "مندی", "مندان",
	"دار", "داری", "داران", "زدایی", "آباد", "رانی",
	"آور", "آوران", "دهنده", "دهندگان", "نویس", "نویسان", "نویسی", "پرداز", "پردازی", "پردازان",
	"آفرین", "آفرینی", "طلب", "طلبی", "طلبان", "خیز", "خیزی", "گذاران", "سازان", "شناسان",
	"یافته", "ساز", "آوری", "شده", "شدگان", "آبادی", "نشینی"}

func build(words []string, joined map[string]bool) map[byte][]string {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	cls := map[byte]map[string]bool{}
	add := func(t byte, w string) {
		if cls[t] == nil {
			cls[t] = map[string]bool{}
		}
		cls[t][w] = true
	}
	isInfl := map[string]bool{}
	for _, s := range inflections {
		isInfl[s] = true
	}
	for _, w := range words {
		parts := strings.Split(w, zwnj)
		// V: verb forms after می‌ / نمی‌.
		if len(parts) == 2 && (parts[0] == "می" || parts[0] == "نمی") && len([]rune(parts[1])) >= 1 {
			add('V', parts[1])
		}
		last := parts[len(parts)-1]
		stem := strings.Join(parts[:len(parts)-1], "")
		if len(parts) >= 2 && !strings.Contains(strings.Join(parts[:len(parts)-1], zwnj), "می"+zwnj) {
			switch {
			case has(plural, last) && joins(stem):
				add('N', stem)
			case has(comp, last) && joins(stem):
				add('A', stem)
			case last == "اند" && strings.HasSuffix(stem, "ه"):
				add('P', stem)
			case last == "ای" && strings.HasSuffix(stem, "ه"):
				add('H', stem)
			}
		}
		if len(parts) == 1 { // fused plural forms name stems too
			for _, p := range plural {
				if s := strings.TrimSuffix(w, p); s != w && joins(s) && set[s] && len([]rune(s)) >= 2 {
					add('N', s)
				}
			}
		}
		// C: compounds.
		if len(parts) >= 2 && parts[0] != "می" && parts[0] != "نمی" {
			for len(parts) > 1 && isInfl[parts[len(parts)-1]] {
				parts = parts[:len(parts)-1]
			}
			var b strings.Builder
			n := 0
			ok := true
			for i, p := range parts {
				if p == "" {
					ok = false
					break
				}
				if i > 0 {
					if joins(parts[i-1]) {
						b.WriteString(zwnj)
						n++
					}
				}
				b.WriteString(p)
			}
			if ok && n > 0 {
				add('C', b.String())
			}
		}
	}
	// V: whole paradigms. Present stems come from the first and second
	// person plural forms (می‌کنیم → کن), past stems from the future tense
	// (خواهد‌کرد → کرد) and from past participles (کرده → کرد).
	for y := range cls['V'] {
		for _, e := range []string{"یم", "ید"} {
			if st := strings.TrimSuffix(y, e); st != y && len([]rune(st)) >= 1 {
				for _, end := range []string{"م", "ی", "د", "یم", "ید", "ند"} {
					add('V', st+end)
				}
			}
		}
	}
	past := map[string]bool{}
	for _, w := range words {
		parts := strings.Split(w, zwnj)
		if len(parts) == 2 && has([]string{"خواهم", "خواهی", "خواهد", "خواهیم", "خواهید", "خواهند"}, parts[0]) &&
			(strings.HasSuffix(parts[1], "د") || strings.HasSuffix(parts[1], "ت")) && len([]rune(parts[1])) >= 2 {
			past[parts[1]] = true
		}
	}
	for p := range cls['P'] {
		if strings.HasSuffix(p, "ده") || strings.HasSuffix(p, "ته") {
			past[strings.TrimSuffix(p, "ه")] = true
		}
	}
	for st := range past {
		if st == "است" || st == "هست" {
			continue
		}
		for _, end := range []string{"", "م", "ی", "یم", "ید", "ند"} {
			add('V', st+end)
		}
	}
	// A: also comparatives the list writes joined (بزرگترین → بزرگ), when
	// the stem has three letters or more (not به, که, بد…).
	for _, w := range words {
		if st := strings.TrimSuffix(w, "ترین"); st != w && !strings.Contains(st, zwnj) && set[st] && joins(st) && len([]rune(st)) >= 3 {
			add('A', st)
		}
	}
	// C: keep a compound only when the list prefers it with its ZWNJ: the
	// joined spelling is not a word of the list, or the list has at least as
	// many forms starting with the ZWNJ spelling (and two or more).
	sorted := append([]string(nil), words...)
	sort.Strings(sorted)
	prefixCount := func(p string) int {
		i := sort.SearchStrings(sorted, p)
		n := 0
		for ; i < len(sorted) && strings.HasPrefix(sorted[i], p); i++ {
			n++
		}
		return n
	}
	for c := range cls['C'] {
		fused := strings.ReplaceAll(c, zwnj, "")
		if !set[fused] {
			continue
		}
		z, f := prefixCount(c), prefixCount(fused)
		if z < 2 || z < f {
			delete(cls['C'], c)
		}
	}
	// cspell's list holds the spellings in common use, without ZWNJ: a
	// compound whose joined spelling it holds (همچنین، دستیابی) is written
	// joined, and a stem it lacks is most likely an artefact of
	// myspell-fa's generated forms (جنبشه).
	for c := range cls['C'] {
		if strings.HasPrefix(c, "به"+zwnj) {
			continue // به‌شمار: the joined spellings of به compounds are old style
		}
		if joined[strings.ReplaceAll(c, zwnj, "")] {
			delete(cls['C'], c)
		}
	}
	for _, t := range []byte{'N', 'A', 'H'} {
		for w := range cls[t] {
			if !joined[w] {
				delete(cls[t], w)
			}
		}
	}
	// N: also the stems of the plurals in cspell's list (واکنشها → واکنش).
	for w := range joined {
		for _, p := range []string{"ها", "های"} {
			if st := strings.TrimSuffix(w, p); st != w && joined[st] && len([]rune(st)) >= 2 {
				if joins(st) {
					add('N', st)
				} else {
					add('M', st) // کارهای is a plural, not کاره‌ای
				}
			}
		}
	}
	// Weekdays: یک‌شنبه، سه‌شنبه، پنج‌شنبه (a rule, whatever the lists say,
	// for a space typed for the ZWNJ; a joined یکشنبه is kept:
	// see isWeekday).
	for _, d := range []string{"یک", "سه", "پنج"} {
		add('C', d+zwnj+"شنبه")
	}
	// F: words in common use written joined that end in a derivational
	// part, which the morphology must not split (زندگینامه، زبانشناسی):
	// only those it would split, after three letters or more that join,
	// and those that start like به، بی، هم (همنشین), which it would split
	// there; not وساز, which would then pass for a word of its own.
	// (myspell-fa's joined forms count too, where it has no spelling of
	// the word with a ZWNJ: خونساز)
	withZWNJ := map[string]bool{}
	for _, w := range words {
		if strings.Contains(w, zwnj) {
			withZWNJ[strings.ReplaceAll(w, zwnj, "")] = true
		}
	}
	fused := map[string]bool{}
	for w := range joined {
		fused[w] = true
	}
	for _, w := range words {
		if !strings.Contains(w, zwnj) && !withZWNJ[w] {
			fused[w] = true
		}
	}
	for w := range fused {
		prefixed := strings.HasPrefix(w, "به") || strings.HasPrefix(w, "بی") || strings.HasPrefix(w, "هم")
		for _, d := range derivParts {
			if base, ok := strings.CutSuffix(w, d); ok && base != "" && (prefixed || len([]rune(base)) >= 3 && joins(base)) {
				add('F', w)
				break
			}
		}
	}
	// C: compound verbs (کمک‌کرد، خواهم‌رفت) are written with a space in
	// today's Persian; drop the compounds that end in a finite verb form or
	// an infinitive, or start with the future auxiliary.
	for c := range cls['C'] {
		parts := strings.Split(c, zwnj)
		first, last := parts[0], parts[len(parts)-1]
		verb := cls['V'][last] || strings.HasSuffix(last, "ن") && cls['V'][strings.TrimSuffix(last, "ن")]
		if strings.HasPrefix(first, "خواه") || verb && !strings.HasSuffix(last, "ی") {
			delete(cls['C'], c)
		}
	}
	// C: a compound whose last part ends in a plural or comparative suffix
	// written joined (خط‌مشیها، کم‌ارزشترین) is dropped where the compound
	// without it is kept: the morphology adds the suffix with its ZWNJ.
	for c := range cls['C'] {
		i := strings.LastIndex(c, zwnj)
		for _, s := range append(append([]string(nil), plural...), comp...) {
			r, ok := strings.CutSuffix(c[i+len(zwnj):], s)
			if ok && r != "" && joins(r) && cls['C'][c[:i+len(zwnj)]+r] {
				delete(cls['C'], c)
				break
			}
		}
	}
	// W: words of myspell-fa's list written joined that start like the
	// prefixes به، بی، هم before a word the lexicon knows (بهار، بیمار،
	// همکاری); the morphology splits the others (بهشمار → به‌شمار).
	knows := func(r string) bool {
		for _, t := range []byte{'N', 'A', 'H', 'P', 'V', 'M'} {
			if cls[t][r] {
				return true
			}
		}
		return false
	}
	// (from both lists: cspell's همانا، همدیگر are words too)
	wordsAndJoined := map[string]bool{}
	for _, list := range []map[string]bool{set, joined} {
		for w := range list {
			wordsAndJoined[w] = true
		}
	}
	compoundFused := map[string]bool{}
	for c := range cls['C'] {
		compoundFused[strings.ReplaceAll(c, zwnj, "")] = true
	}
	for w := range wordsAndJoined {
		if strings.Contains(w, zwnj) || compOfWord(w, wordsAndJoined) {
			continue // (the morphology adds ‌تر to بیرنگ)
		}
		for _, p := range []string{"به", "بی", "هم"} {
			r := strings.TrimPrefix(w, p)
			if r == w || len([]rune(r)) < 2 {
				continue
			}
			if knows(r) || compoundFused[r] || strings.HasSuffix(r, "ی") && knows(strings.TrimSuffix(r, "ی")) {
				add('W', w)
			}
		}
	}
	// W also: words written joined that start with کم or خوش before a
	// noun or adjective (کمرنگ، خوشبخت), from both lists; the morphology
	// splits the others (کم‌آبی، خوش‌قلب), as myspell-fa writes most of
	// them.
	nounLike := func(r string) bool {
		for _, t := range []byte{'N', 'A', 'H'} {
			if cls[t][r] {
				return true
			}
		}
		return false
	}
	for _, list := range []map[string]bool{set, joined} {
		for w := range list {
			if strings.Contains(w, zwnj) {
				continue
			}
			for _, p := range []string{"کم", "خوش"} {
				r, ok := strings.CutPrefix(w, p)
				if !ok || len([]rune(r)) < 3 || has(plural, r) || has(comp, r) {
					continue // خوشهای is خوشه‌ای
				}
				if nounLike(r) || strings.HasSuffix(r, "ی") && nounLike(strings.TrimSuffix(r, "ی")) {
					add('W', w)
				}
			}
		}
	}
	// M matters where Xه‌ای is a reading too (کارهای: کاره‌ای), and where
	// the prefixes به، بی، هم meet it: as the word after them (بی‌ضرر) or
	// as a word that starts like them (بهزاد). Keep those stems alone; the
	// rest would only weigh on the binary.
	afterPrefix := map[string]bool{}
	for _, list := range []map[string]bool{set, joined} {
		for w := range list {
			for _, p := range []string{"به", "بی", "هم"} {
				if r := strings.TrimPrefix(w, p); r != w {
					afterPrefix[strings.TrimPrefix(r, zwnj)] = true
				}
			}
		}
	}
	for st := range cls['M'] {
		_, pre := afterPrefix[st]
		if !cls['H'][st+"ه"] && !pre && !strings.HasPrefix(st, "به") && !strings.HasPrefix(st, "بی") && !strings.HasPrefix(st, "هم") {
			delete(cls['M'], st)
		}
	}
	res := map[byte][]string{}
	for t, m := range cls {
		for w := range m {
			res[t] = append(res[t], w)
		}
		sort.Strings(res[t])
	}
	return res
}

// compOfWord reports whether w is a word of set followed by a
// comparative suffix (بیرنگتر).
func compOfWord(w string, set map[string]bool) bool {
	for _, s := range comp {
		if st, ok := strings.CutSuffix(w, s); ok && set[st] {
			return true
		}
	}
	return false
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// encode appends a section: the tag, the entry count (uint32 LE), then each
// entry front-coded against the one before it as [shared prefix length]
// [rest length][rest bytes].
func encode(buf *bytes.Buffer, tag byte, list []string) {
	buf.WriteByte(tag)
	var n [4]byte
	binary.LittleEndian.PutUint32(n[:], uint32(len(list)))
	buf.Write(n[:])
	prev := ""
	for _, w := range list {
		p := 0
		for p < len(prev) && p < len(w) && p < 255 && prev[p] == w[p] {
			p++
		}
		rest := w[p:]
		if len(rest) > 255 {
			rest = rest[:255] // never happens for real words
		}
		buf.WriteByte(byte(p))
		buf.WriteByte(byte(len(rest)))
		buf.WriteString(rest)
		prev = w[:p] + rest
	}
}
