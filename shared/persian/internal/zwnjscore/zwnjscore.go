// Package zwnjscore measures ZWNJ restoration by package persian with the
// team kit's tools (../shared/tools/zwnj_damage.py and zwnj_score.py, run
// with python3).
package zwnjscore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/barg-app/barg/shared/persian"
)

// Run returns the scorer's JSON results for "joined", "spaced" and "clean".
func Run(shared, gold string) (map[string]map[string]any, error) {
	tools := filepath.Join(shared, "tools")
	dir, err := os.MkdirTemp("", "zwnjeval")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	goldText, err := os.ReadFile(gold)
	if err != nil {
		return nil, err
	}
	res := map[string]map[string]any{}
	for _, mode := range []string{"joined", "spaced", "clean"} {
		in := goldText
		if mode != "clean" {
			cmd := exec.Command("python3", filepath.Join(tools, "zwnj_damage.py"), mode)
			cmd.Stdin = bytes.NewReader(goldText)
			if in, err = cmd.Output(); err != nil {
				return nil, fmt.Errorf("zwnj_damage.py %s: %w", mode, err)
			}
		}
		out, _ := persian.Normalize(string(in), persian.Options{})
		pred := filepath.Join(dir, mode+".txt")
		if err := os.WriteFile(pred, []byte(out), 0o644); err != nil {
			return nil, err
		}
		args := []string{filepath.Join(tools, "zwnj_score.py"), gold, pred, "--json"}
		if mode == "clean" {
			args = append(args, "--clean")
		}
		b, err := exec.Command("python3", args...).Output()
		if err != nil {
			return nil, fmt.Errorf("zwnj_score.py %s: %w", mode, err)
		}
		var r map[string]any
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, err
		}
		res[mode] = r
	}
	return res, nil
}
