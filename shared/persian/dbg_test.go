package persian

import (
	"os"
	"strings"
	"testing"
)

func TestDbg(t *testing.T) {
	ws := os.Getenv("DBG")
	if ws == "" {
		t.Skip()
	}
	l := getLexicon()
	for _, w := range strings.Fields(ws) {
		t.Logf("%s class=%b compound=%q cuts=%v", w, l.class[w], l.compound[w], l.restoreDeleted([]byte(w), false, nil))
	}
}
