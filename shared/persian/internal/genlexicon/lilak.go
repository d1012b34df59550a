package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Lilak is the Persian hunspell dictionary of npm's dictionary-fa 2.0.0
// (Apache-2.0; 104,024 stems, 40,383 of them written with a ZWNJ, and
// affix rules). It is a devDependency of the repository, so `npm ci` puts
// it in node_modules/dictionary-fa. Unlike myspell-fa it spells out which
// words are written with a ZWNJ inside (پیش‌بینی، قطب‌نما) and, where
// both spellings are in use, lists both (آنها and آن‌ها).
type lilak struct {
	// forms: every word form the stems and affixes make, as written
	forms map[string]bool
	// stems with a ZWNJ inside, that are not می‌/نمی‌ + a verb
	compounds []string
}

// readLilak reads index.dic and index.aff in dir and expands the stems
// with their affixes. Every affix rule of the dictionary adds a string
// (hunspell's strip is 0 and its condition "." throughout: the reader
// checks that), and a suffix may carry a second one (تر/sdslso).
func readLilak(dir string) (*lilak, error) {
	aff, err := os.ReadFile(filepath.Join(dir, "index.aff"))
	if err != nil {
		return nil, fmt.Errorf("%w (run npm ci at the repository root: dictionary-fa is a devDependency)", err)
	}
	type affix struct {
		add   string
		flags []string
	}
	pfx, sfx := map[string][]affix{}, map[string][]affix{}
	for _, line := range strings.Split(string(aff), "\n") {
		f := strings.Fields(line)
		if len(f) < 5 || f[0] != "PFX" && f[0] != "SFX" {
			continue
		}
		if f[2] != "0" || f[4] != "." {
			return nil, fmt.Errorf("index.aff: a rule that strips or has a condition: %q", line)
		}
		add, cont, _ := strings.Cut(f[3], "/")
		a := affix{add: canon(add), flags: flags(cont)}
		if f[0] == "PFX" {
			pfx[f[1]] = append(pfx[f[1]], a)
		} else {
			sfx[f[1]] = append(sfx[f[1]], a)
		}
	}
	f, err := os.Open(filepath.Join(dir, "index.dic"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	l := &lilak{forms: map[string]bool{}}
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if first || line == "" {
			first = false
			continue
		}
		w, fl, _ := strings.Cut(line, "/")
		w = canon(w)
		fs := flags(fl)
		if has(fs, "!!") {
			continue // NOSUGGEST: forms the dictionary accepts but does not offer
		}
		var forms []string
		forms = append(forms, w)
		for _, g := range fs {
			for _, s := range sfx[g] {
				forms = append(forms, w+s.add)
				for _, g2 := range s.flags {
					for _, s2 := range sfx[g2] {
						forms = append(forms, w+s.add+s2.add)
					}
				}
			}
		}
		n := len(forms)
		for _, g := range fs {
			for _, p := range pfx[g] {
				for _, x := range forms[:n] {
					forms = append(forms, p.add+x)
				}
			}
		}
		for _, x := range forms {
			l.forms[x] = true
		}
		if strings.Contains(w, zwnj) && !strings.HasPrefix(w, "می"+zwnj) && !strings.HasPrefix(w, "نمی"+zwnj) {
			l.compounds = append(l.compounds, w)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(l.forms) < 500000 {
		return nil, fmt.Errorf("%s: %d forms, want the whole dictionary", dir, len(l.forms))
	}
	sort.Strings(l.compounds)
	return l, nil
}

// flags splits hunspell's long flags (FLAG long: two characters each).
func flags(s string) []string {
	var out []string
	r := []rune(s)
	for i := 0; i+1 < len(r); i += 2 {
		out = append(out, string(r[i:i+2]))
	}
	return out
}

// stemFlags returns the stems of the dictionary with their flags.
func readLilakStems(dir string) (map[string][]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "index.dic"))
	if err != nil {
		return nil, err
	}
	m := map[string][]string{}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if i == 0 || line == "" {
			continue
		}
		w, fl, _ := strings.Cut(line, "/")
		m[canon(w)] = append(m[canon(w)], flags(fl)...)
	}
	return m, nil
}

// addLilak adds what Lilak knows to the classes that build made from
// myspell-fa and cspell:
//
//   - C: its compounds written with a ZWNJ (پیش‌بینی، قطب‌نما), as build
//     stores them (inflections stripped, ZWNJs only after joining letters),
//     unless Lilak also spells the same form joined (ریاضیدان beside
//     ریاضی‌دان: an optional spelling, which the writer chooses), or the
//     compound ends in a verb form (compound verbs take a space);
//   - F: the joined stems that Lilak also lists with a ZWNJ (آنها and
//     آن‌ها, هیچکدام and هیچ‌کدام): both spellings are correct, so a
//     joined one is left as the writer chose it;
//   - V, N, A, H, P: verb forms after می‌, stems that take ‌ها, ‌تر, ‌ای,
//     and past participles that take ‌اند, from its stems and affix flags.
func addLilak(classes map[byte][]string, l *lilak, stems map[string][]string) {
	cls := map[byte]map[string]bool{}
	for t, list := range classes {
		cls[t] = map[string]bool{}
		for _, w := range list {
			cls[t][w] = true
		}
	}
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
	// (V first: the other classes ask it, and map order must not matter)
	for w, fs := range stems {
		if v, ok := strings.CutPrefix(w, "می"+zwnj); ok && v != "" && !strings.Contains(v, zwnj) && !has(fs, "!!") {
			add('V', v)
		}
	}
	for w, fs := range stems {
		if has(fs, "!!") || strings.HasPrefix(w, "می"+zwnj) {
			continue
		}
		if strings.Contains(w, zwnj) || !joins(w) || len([]rune(w)) < 2 {
			continue
		}
		switch {
		case has(fs, "sg"):
			add('N', w)
		}
		if has(fs, "su") {
			add('A', w)
		}
		if has(fs, "sm") && strings.HasSuffix(w, "ه") {
			add('H', w)
		}
		// (Lilak gives ‌اند to every word in ه, سال‌ه too: a past
		// participle is a past stem the verbs know + ه)
		if has(fs, "sp") && (strings.HasSuffix(w, "ده") || strings.HasSuffix(w, "ته")) && cls['V'][strings.TrimSuffix(w, "ه")] {
			add('P', w)
		}
	}
	// F: every joined stem of Lilak is a word as it is written (میزان،
	// تنها، همچنان, and آنها beside آن‌ها): the morphology must not cut a
	// prefix, suffix or clitic off it. Not a verb form joined to می or نمی
	// (Lilak writes those with the ZWNJ, save a few slips: میگویی).
	//
	// Not a plural that Lilak lists as a stem of its own (ماهها،
	// بیماریها): a plural takes ‌ها, and the pronouns, which may be written
	// joined, are added below. Nor the weekdays, which build writes with a
	// ZWNJ whatever the lists say (سه‌شنبه).
	isPlural := func(w string) bool {
		for _, p := range plural {
			if st, ok := strings.CutSuffix(w, p); ok && st != "" && joins(st) {
				if _, ok := stems[st]; ok {
					return true
				}
			}
		}
		return false
	}
	for w, fs := range stems {
		if strings.Contains(w, zwnj) || has(fs, "!!") || len([]rune(w)) < 4 || isPlural(w) {
			continue
		}
		if isWeekday(w) {
			continue
		}
		if v, ok := strings.CutPrefix(w, "نمی"); ok && cls['V'][v] {
			continue
		}
		// (but a noun in silent ه, which Lilak marks with its flag pa, is
		// one whatever the verbs hold: میخانه، میکده, not می‌خانه from
		// myspell-fa's noun می‌خانه read as می‌Y; no verb form after می
		// ends so but a participle, which Lilak does not list joined.
		// Not every noun: میروند is a verb far more often than a noun)
		if v, ok := strings.CutPrefix(w, "می"); ok && cls['V'][v] && !(has(fs, "pa") && strings.HasSuffix(v, "ه")) {
			continue
		}
		add('F', w)
	}
	// Comparatives that Lilak allows joined (its flag st: بزرگترین beside
	// بزرگ‌ترین) are an optional spelling too; those it allows only with
	// the ZWNJ (flag su alone) are split by the morphology.
	for w, fs := range stems {
		if strings.Contains(w, zwnj) || has(fs, "!!") || !has(fs, "st") {
			continue
		}
		for _, s := range []string{"تر", "ترین", "تری", "ترینی"} {
			add('F', w+s)
		}
	}
	// The pronouns with ها, written joined by most news and many careful
	// writers, with a ZWNJ by others: both are correct (the Academy allows
	// both), so a joined one stays.
	for _, p := range []string{"آن", "این", "همان", "همین"} {
		for _, s := range []string{"ها", "های", "هایی", "هایشان", "هایمان", "هایتان", "هاست"} {
			add('F', p+s)
		}
	}
	// M: a stem in a letter that does not join, whose plural is written
	// joined (رویدادهای), where Xه takes ‌ای too (رویداده‌ای): the plural
	// is the reading unless the sentence or the frequent words say
	// otherwise.
	for w, fs := range stems {
		if !strings.Contains(w, zwnj) && w != "" && !joins(w) && has(fs, "sd") && cls['H'][w+"ه"] {
			add('M', w)
		}
	}
	for _, w := range l.compounds {
		fused := strings.ReplaceAll(w, zwnj, "")
		if _, ok := stems[fused]; ok {
			if !isWeekday(fused) {
				add('F', fused) // both spellings are stems: the writer's choice
			}
			continue
		}
		if l.forms[fused] {
			continue
		}
		parts := strings.Split(w, zwnj)
		for len(parts) > 1 && isInfl[parts[len(parts)-1]] {
			parts = parts[:len(parts)-1]
		}
		var b strings.Builder
		n, ok := 0, true
		for i, p := range parts {
			if p == "" {
				ok = false
				break
			}
			if i > 0 && joins(parts[i-1]) {
				b.WriteString(zwnj)
				n++
			}
			b.WriteString(p)
		}
		if !ok || n == 0 {
			continue
		}
		c := b.String()
		cp := strings.Split(c, zwnj)
		first, last := cp[0], cp[len(cp)-1]
		verb := cls['V'][last] || strings.HasSuffix(last, "ن") && cls['V'][strings.TrimSuffix(last, "ن")]
		if strings.HasPrefix(first, "خواه") || verb && !strings.HasSuffix(last, "ی") {
			continue
		}
		if l.forms[strings.ReplaceAll(c, zwnj, "")] {
			continue // (its stripped form is spelled joined too)
		}
		add('C', c)
	}
	// F needs only the words that some rule of the morphology could cut:
	// the others are never split anyway, and would only weigh on the
	// lexicon.
	// So do the words that are a later part of a compound: joinSpaced
	// joins a compound across a space only where its second part is no
	// word of its own (رئیس جمهور stays apart).
	compoundFused := map[string]bool{}
	for c := range cls['C'] {
		compoundFused[strings.ReplaceAll(c, zwnj, "")] = true
		for _, p := range strings.Split(c, zwnj)[1:] {
			compoundFused[p] = true
		}
	}
	for w := range cls['F'] {
		if !mayCut(w, compoundFused) {
			delete(cls['F'], w)
		}
	}
	for t, m := range cls {
		list := make([]string, 0, len(m))
		for w := range m {
			list = append(list, w)
		}
		sort.Strings(list)
		classes[t] = list
	}
}

// cutEnds are the endings after which a rule of package persian may put a
// ZWNJ; cutStarts the beginnings.
var (
	cutEnds = append(append(append([]string{"ای", "هی", "ام", "اش", "هات", "شان", "مان", "تان", "ایست", "الدین", "الدوله", "السلطنه", "الملک"},
		plural...), comp...), perf...)
	cutStarts = []string{"می", "نمی", "به", "بی", "هم", "کم", "خوش", "پر", "بد", "سانتی", "میلی"}
)

// mayCut reports whether some rule of package persian's morphology may
// split w or join it to the word before: it starts or ends like an affix,
// ends in a derivational part, or is the joined form or a later part of a
// compound.
func mayCut(w string, compoundFused map[string]bool) bool {
	if compoundFused[w] {
		return true
	}
	for _, e := range cutEnds {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	for _, d := range derivParts {
		if strings.HasSuffix(w, d) {
			return true
		}
	}
	for _, p := range cutStarts {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// isWeekday reports the weekdays that build writes with a ZWNJ whatever
// the lists say: سهشنبه, whose ه would join شنبه, and پنجشنبه, which the
// seed fixture (../shared/fixtures/seed-alalam) requires as پنج‌شنبه.
// یکشنبه is written both ways (Lilak lists both; wordfreq-fa.tsv has
// یکشنبه 442 / یک‌شنبه 581, lower = more frequent; the kit's corpora write
// it joined 38 times, never with the ZWNJ), so it is the writer's choice
// like any stem Lilak allows both ways. (پنجشنبه has the same profile:
// 457 / 525, joined 11 times and 2 with the ZWNJ; the seed decides it.)
func isWeekday(w string) bool {
	return w == "سهشنبه" || w == "پنجشنبه"
}
