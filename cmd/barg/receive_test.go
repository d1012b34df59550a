package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/barg-app/barg/shared/receive"
)

func TestReceiveFlags(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"receive", "extra"}, nil, &out, &errb); code != 2 {
		t.Errorf("extra argument: exit %d, want 2", code)
	}
	errb.Reset()
	if code := run([]string{"receive", "-nope"}, nil, &out, &errb); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	errb.Reset()
	if code := run([]string{"receive", "-h"}, nil, &out, &errb); code != 0 || !strings.Contains(errb.String(), "-token-file") || !strings.Contains(errb.String(), "BARG_RECEIVE_TOKEN") {
		t.Errorf("-h: exit %d, usage %q", code, errb.String())
	}
	t.Setenv("BARG_RECEIVE_TOKEN", "")
	if code := run([]string{"receive", "-addr", "256.0.0.1:1", "-dir", t.TempDir()}, nil, &out, &errb); code != 1 {
		t.Errorf("bad address: exit %d, want 1", code)
	}
	// The token is never a flag: ps would show it.
	errb.Reset()
	if code := run([]string{"receive", "-token", "x"}, nil, &out, &errb); code != 2 {
		t.Errorf("-token: exit %d, want 2 (no such flag)", code)
	}
	// No token on a non-loopback address: refused unless -insecure.
	errb.Reset()
	if code := run([]string{"receive", "-addr", "0.0.0.0:0", "-dir", t.TempDir()}, nil, &out, &errb); code != 1 || !strings.Contains(errb.String(), "without a token") {
		t.Errorf("0.0.0.0 without a token: exit %d, %q; want 1 and a reason", code, errb.String())
	}
	errb.Reset()
	empty := filepath.Join(t.TempDir(), "token")
	os.WriteFile(empty, []byte("\n"), 0o600)
	if code := run([]string{"receive", "-token-file", empty, "-dir", t.TempDir()}, nil, &out, &errb); code != 1 || !strings.Contains(errb.String(), "empty") {
		t.Errorf("empty token file: exit %d, %q", code, errb.String())
	}
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "localhost:1": true, "[::1]:80": true, "127.1.2.3:9": true,
		":8080": false, "0.0.0.0:80": false, "192.168.1.2:80": false, "[::]:80": false, "example.org:80": false, "junk": false,
	} {
		if got := loopback(addr); got != want {
			t.Errorf("loopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

// The served receiver stores an upload and stops cleanly when asked to.
func TestServeReceive(t *testing.T) {
	dir := t.TempDir()
	h, err := receive.New(receive.Options{Dir: dir, Token: "T"})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveReceive(ctx, ln, h) }()

	art, err := os.ReadFile(filepath.Join("..", "..", "shared", "receive", "testdata", "article.json"))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("PUT", "http://"+ln.Addr().String()+"/captures", bytes.NewReader(art))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer T")
	req.Header.Set("Idempotency-Key", "cli-test")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status %d, want 201", resp.StatusCode)
	}
	if _, err := os.Stat(filepath.Join(dir, "cli-test.json")); err != nil {
		t.Error(err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serveReceive: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serveReceive did not stop")
	}
}

// A refused upload does not keep its connection: a client that sends
// headers and then a chunked body it never finishes gets its 401 and a
// closed connection at once, not when the read timeout ends. (1,100 such
// connections once exhausted the receiver's file limit.)
func TestRefusedConnectionClosed(t *testing.T) {
	h, err := receive.New(receive.Options{Dir: t.TempDir(), Token: "T"})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go serveReceive(ctx, ln, h)
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"partial\": "))
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	b, err := io.ReadAll(c) // until the server closes
	if err != nil {
		t.Fatalf("after %v: %v (the connection stayed open); read %q", time.Since(start), err, b)
	}
	if !strings.HasPrefix(string(b), "HTTP/1.1 401") {
		t.Errorf("answer %q, want 401", b)
	}
}
