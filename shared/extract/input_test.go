package extract

import (
	"io"
	"strings"
	"testing"
)

func TestReadAll(t *testing.T) {
	for _, n := range []int{0, 1, 9, 10, 11, 5000} {
		page := strings.Repeat("x", n)
		for name, r := range map[string]io.Reader{
			"sized":   strings.NewReader(page),
			"unsized": io.MultiReader(strings.NewReader(page)),
		} {
			got, err := readAll(r, 11) // the page limit is 10: read one byte more
			if err != nil {
				t.Fatal(err)
			}
			if want := page[:min(n, 11)]; string(got) != want {
				t.Errorf("%s %d: read %d bytes, want %d", name, n, len(got), len(want))
			}
		}
	}
}
