package receive

import (
	"encoding/base32"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// staleIncoming is the age past which a temporary file is a leftover of a
// crash: no write takes that long, and a younger one may belong to another
// receiver sharing the directory.
const staleIncoming = 10 * time.Minute

// Store keeps received articles as files in one directory, one file per
// idempotency key. A file appears complete or not at all, and a key is
// stored at most once, even when several requests carry it at the same time
// (or several receivers share the directory): the article is written to a
// temporary file, synced, and then hard-linked to its final name, which
// fails when that name already exists.
type Store struct {
	dir string
}

// NewStore opens (creating if needed) the directory dir.
func NewStore(dir string) (*Store, error) {
	if dir == "" {
		return nil, errors.New("receive: no directory")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	s := &Store{dir: dir}
	s.cleanIncoming(time.Now().Add(-staleIncoming))
	return s, nil
}

// cleanIncoming removes the temporary files (".incoming-*") that a crash
// left behind, those last written before cutoff.
func (s *Store) cleanIncoming(cutoff time.Time) {
	des, err := os.ReadDir(s.dir)
	if err != nil {
		return
	}
	for _, de := range des {
		if !strings.HasPrefix(de.Name(), ".incoming-") || !de.Type().IsRegular() {
			continue
		}
		if info, err := de.Info(); err == nil && info.ModTime().Before(cutoff) {
			os.Remove(filepath.Join(s.dir, de.Name()))
		}
	}
}

// Dir is the directory the store writes to.
func (s *Store) Dir() string { return s.dir }

// Put stores data under key unless the key is already held. It reports
// whether this call stored it. The bytes are written exactly as given.
func (s *Store) Put(key string, data []byte) (created bool, err error) {
	name := filepath.Join(s.dir, FileName(key))
	if _, err := os.Lstat(name); err == nil {
		return false, nil
	}
	if old := legacyFileName(key); old != FileName(key) {
		if _, err := os.Lstat(filepath.Join(s.dir, old)); err == nil {
			return false, nil // stored by an earlier version under its old name
		}
	}
	tmp, err := os.CreateTemp(s.dir, ".incoming-*")
	if err != nil {
		return false, err
	}
	defer os.Remove(tmp.Name()) // the link, if made, keeps the data
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return false, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return false, err
	}
	if err := tmp.Close(); err != nil {
		return false, err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return false, err
	}
	switch err := os.Link(tmp.Name(), name); {
	case err == nil:
		// The answer tells the client it may forget the article: make the
		// new name durable first.
		syncDir(s.dir)
		return true, nil
	case errors.Is(err, fs.ErrExist):
		return false, nil
	default:
		return false, err
	}
}

// Entry describes one stored article.
type Entry struct {
	Key      string    `json:"key"`
	File     string    `json:"file"`
	Size     int64     `json:"size"`
	StoredAt time.Time `json:"stored_at"`
}

// List returns the stored articles, oldest first.
func (s *Store) List() ([]Entry, error) {
	des, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, err
	}
	out := []Entry{}
	for _, de := range des {
		key, ok := keyOf(de.Name())
		if !ok || !de.Type().IsRegular() {
			continue
		}
		info, err := de.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, Entry{Key: key, File: de.Name(), Size: info.Size(), StoredAt: info.ModTime().UTC()})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].StoredAt.Equal(out[j].StoredAt) {
			return out[i].StoredAt.Before(out[j].StoredAt)
		}
		return out[i].File < out[j].File
	})
	return out, nil
}

// Read returns the stored bytes of key.
func (s *Store) Read(key string) ([]byte, error) {
	return os.ReadFile(filepath.Join(s.dir, FileName(key)))
}

// FileName is the file a key is stored in: the key itself when it is made
// of lower-case letters, digits, '-', '_' and '.' (and does not start with
// '.', nor name a Windows device such as CON or nul), otherwise '~' and the
// key in lower-case unpadded base32, so that any key maps to one safe name
// and back, and two keys never map to names that differ only in case
// (which are one file on Windows' and macOS' file systems).
func FileName(key string) string {
	if safeName(key) {
		return key + ".json"
	}
	return "~" + strings.ToLower(b32.EncodeToString([]byte(key))) + ".json"
}

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// legacyFileName is the name earlier versions gave a key (any case kept,
// base64url): a key stored under it is held.
func legacyFileName(key string) string {
	if legacySafeName(key) {
		return key + ".json"
	}
	return "~" + base64.RawURLEncoding.EncodeToString([]byte(key)) + ".json"
}

func keyOf(file string) (string, bool) {
	base, ok := strings.CutSuffix(file, ".json")
	if !ok || base == "" || base[0] == '.' {
		return "", false
	}
	if enc, ok := strings.CutPrefix(base, "~"); ok {
		if b, err := b32.DecodeString(strings.ToUpper(enc)); err == nil && FileName(string(b)) == file {
			return string(b), true
		}
		b, err := base64.RawURLEncoding.DecodeString(enc) // an earlier version's name
		if err != nil {
			return "", false
		}
		return string(b), true
	}
	return base, legacySafeName(base)
}

func safeName(s string) bool {
	if !legacySafeName(s) || s != strings.ToLower(s) {
		return false
	}
	dev, _, _ := strings.Cut(s, ".")
	switch dev {
	case "con", "prn", "aux", "nul", "conin$", "conout$":
		return false
	}
	if len(dev) == 4 && (strings.HasPrefix(dev, "com") || strings.HasPrefix(dev, "lpt")) && '0' <= dev[3] && dev[3] <= '9' {
		return false
	}
	return true
}

func legacySafeName(s string) bool {
	if s == "" || s[0] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// checkKey rejects keys that cannot be stored (empty, too long, control characters).
func checkKey(key string) error {
	if key == "" {
		return errors.New("empty key")
	}
	if len(key) > MaxKeyLen {
		return fmt.Errorf("key longer than %d bytes", MaxKeyLen)
	}
	for _, r := range key {
		if r < 0x20 || r == 0x7f {
			return errors.New("key holds a control character")
		}
	}
	return nil
}

// MaxKeyLen bounds an idempotency key so that its file name stays within
// the 255 bytes most file systems allow (base32 takes 8 bytes per 5).
const MaxKeyLen = 150

// syncDir flushes a directory's entries to disk where the system allows it
// (not on Windows, where opening a directory for sync fails; NTFS journals
// the link itself).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
