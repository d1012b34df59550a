package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestNormalizeCLI(t *testing.T) {
	tests := []struct {
		name string
		args []string
		in   string
		want string
		code int
	}{
		{name: "lines kept", in: "او میرود\n\nکتاب ها 12\nplain  text\n", want: "او می\u200cرود\n\nکتاب\u200cها ۱۲\nplain  text\n"},
		{name: "no final newline", in: "سال 1400", want: "سال ۱۴۰۰"},
		{name: "latin digits", args: []string{"-latin-digits"}, in: "سال ۱۴۰۰\n", want: "سال 1400\n"},
		{name: "strip diacritics", args: []string{"-strip-diacritics"}, in: "عمدتاً\n", want: "عمدتا\n"},
		{name: "invalid utf-8 survives", in: "\xffمی شود\n", want: "\ufffdمی\u200cشود\n"},
		{name: "crlf kept", in: "او میرود\r\nسال 1400\r\n", want: "او می\u200cرود\r\nسال ۱۴۰۰\r\n"},
		// a line past the reader's 64 KiB buffer comes out whole
		{name: "long line", in: strings.Repeat("کتاب ها ", 20000) + "\nمیرود\n", want: strings.Repeat("کتاب\u200cها ", 19999) + "کتاب\u200cها\nمی\u200cرود\n"},
		{name: "bad flag", args: []string{"-nope"}, in: "", want: "", code: 2},
		{name: "stray argument", args: []string{"file.txt"}, in: "", want: "", code: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(append([]string{"normalize"}, tt.args...), strings.NewReader(tt.in), &out, &errb)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d (stderr %q)", code, tt.code, errb.String())
			}
			if out.String() != tt.want {
				t.Errorf("output %q, want %q", out.String(), tt.want)
			}
		})
	}
}
