package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"golang.org/x/net/netutil"

	"github.com/barg-app/barg/shared/receive"
)

// runReceive implements 'barg receive': an HTTP receiver that stores the
// extension's uploads in a directory until interrupted.
func runReceive(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("receive", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on this `host:port`")
	dir := fs.String("dir", "captures", "store articles in this `directory`")
	tokenFile := fs.String("token-file", "", "require 'Authorization: Bearer T', T read from this `file` (or set $BARG_RECEIVE_TOKEN)")
	insecure := fs.Bool("insecure", false, "allow listening on a non-loopback address without a token (anyone who reaches it can store files)")
	maxBody := fs.Int64("max-body", receive.DefaultMaxBody, "largest request body in `bytes`")
	maxUploads := fs.Int("max-uploads", receive.DefaultMaxUploads, "uploads handled at `once` (503 with Retry-After beyond)")
	quiet := fs.Bool("q", false, "do not log requests")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: barg receive [-addr host:port] [-dir dir] [-token-file file]\n\n"+
			"Stores articles POSTed or PUT by the extension (one per request, a JSON array,\n"+
			"or JSON Lines), once per article. GET / lists what it holds.\n\n"+
			"The bearer token is read from a file (-token-file) or from $BARG_RECEIVE_TOKEN,\n"+
			"never from the command line, where every user of the machine can read it (ps).\n"+
			"Without a token it listens only on a loopback address unless -insecure is given.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "barg receive: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	token := os.Getenv("BARG_RECEIVE_TOKEN")
	if *tokenFile != "" {
		b, err := os.ReadFile(*tokenFile)
		if err != nil {
			return err
		}
		token = strings.TrimSpace(string(b))
		if token == "" {
			return errors.New("the token file " + *tokenFile + " is empty")
		}
	}
	if token == "" && !loopback(*addr) {
		if !*insecure {
			return errors.New("refusing to listen on " + *addr + " without a token: anyone who reaches it could store files. " +
				"Set a token (-token-file or $BARG_RECEIVE_TOKEN), listen on 127.0.0.1, or add -insecure")
		}
		fmt.Fprintf(stderr, "barg receive: WARNING: -insecure: listening on %s without a token; anyone who reaches it can store files\n", *addr)
	}
	debug.SetMemoryLimit(receive.MemoryLimit)
	opts := receive.Options{Dir: *dir, Token: token, MaxBody: *maxBody, MaxUploads: *maxUploads}
	if !*quiet {
		opts.Log = stderr
	}
	h, err := receive.New(opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	auth := "no token"
	if token != "" {
		auth = "bearer token required"
	}
	fmt.Fprintf(stdout, "barg receive: listening on http://%s, storing in %s (%s)\n", ln.Addr(), *dir, auth)
	return serveReceive(ctx, netutil.LimitListener(ln, maxConns), h)
}

// maxConns caps the connections served at once; more wait in the kernel's
// queue instead of taking file descriptors (1,100 held connections once
// exhausted the file limit).
const maxConns = 64

// loopback reports whether addr (host:port) listens only on a loopback
// address: 127.0.0.0/8, ::1 or localhost. An empty host means every
// interface.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// serveReceive serves h on ln until ctx is done, then lets requests in
// flight finish (for up to 5 seconds).
func serveReceive(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		// Enough for the largest body (32 MiB) at 1 MB/s; a refused
		// request is answered before its body and its connection closed.
		ReadTimeout:  45 * time.Second,
		WriteTimeout: time.Minute,
		IdleTimeout:  30 * time.Second,
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
