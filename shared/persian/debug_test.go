package persian

import (
	"os"
	"strings"
	"testing"
)

func TestDebugWords(t *testing.T) {
	ws := os.Getenv("DEBUGWORDS")
	if ws == "" {
		t.Skip("set DEBUGWORDS")
	}
	l := getLexicon()
	for _, w := range strings.Fields(ws) {
		k := []byte(w)
		t.Logf("%s class=%b compound=%q cuts=%v", w, l.class[w], l.compound[w], l.restoreDeleted(k, nil))
	}
}
