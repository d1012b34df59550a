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
	"syscall"
	"time"

	"github.com/barg-app/barg/shared/receive"
)

// runReceive implements 'barg receive': an HTTP receiver that stores the
// extension's uploads in a directory until interrupted.
func runReceive(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("receive", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on this `host:port`")
	dir := fs.String("dir", "captures", "store articles in this `directory`")
	token := fs.String("token", "", "require 'Authorization: Bearer `T`' (default $BARG_RECEIVE_TOKEN)")
	maxBody := fs.Int64("max-body", receive.DefaultMaxBody, "largest request body in `bytes`")
	quiet := fs.Bool("q", false, "do not log requests")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: barg receive [-addr host:port] [-dir dir] [-token T]\n\n"+
			"Stores articles POSTed or PUT by the extension (one per request, a JSON array,\n"+
			"or JSON Lines), once per Idempotency-Key. GET / lists what it holds.\n\n")
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
	if *token == "" {
		*token = os.Getenv("BARG_RECEIVE_TOKEN")
	}
	opts := receive.Options{Dir: *dir, Token: *token, MaxBody: *maxBody}
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
	if *token != "" {
		auth = "bearer token required"
	}
	fmt.Fprintf(stdout, "barg receive: listening on http://%s, storing in %s (%s)\n", ln.Addr(), *dir, auth)
	return serveReceive(ctx, ln, h)
}

// serveReceive serves h on ln until ctx is done, then lets requests in
// flight finish (for up to 5 seconds).
func serveReceive(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
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
