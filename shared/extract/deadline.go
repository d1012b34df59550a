package extract

import (
	"bytes"
	"errors"
	"io"
	"time"
)

// ErrTimeout means the extraction ran past Options.Deadline.
var ErrTimeout = errors.New("the page took too long")

// readChunk is the most a clock's reader hands the parser at a time, so
// that the deadline is checked (and Pause called) at least every readChunk
// bytes of page tokenized.
const readChunk = 2 << 10

// clock bounds one extraction in time: check reports ErrTimeout once the
// deadline has passed and calls the caller's Pause at every check. A nil
// clock never expires.
type clock struct {
	deadline time.Time
	pause    func()
	expired  error // sticky: once out of time, always
}

// newClock returns the clock of opts, or nil when they set neither a
// deadline nor a pause.
func newClock(opts *Options) *clock {
	if opts.Deadline.IsZero() && opts.Pause == nil {
		return nil
	}
	return &clock{deadline: opts.Deadline, pause: opts.Pause}
}

// check returns ErrTimeout (wrapped with how long the deadline allowed)
// when the deadline has passed, else calls Pause and returns nil.
func (c *clock) check() error {
	if c == nil {
		return nil
	}
	if c.expired != nil {
		return c.expired
	}
	if !c.deadline.IsZero() && time.Now().After(c.deadline) {
		c.expired = ErrTimeout
		return c.expired
	}
	if c.pause != nil {
		c.pause()
	}
	if !c.deadline.IsZero() && time.Now().After(c.deadline) {
		c.expired = ErrTimeout
	}
	return c.expired
}

// err is the clock's verdict so far, without checking the time again.
func (c *clock) err() error {
	if c == nil {
		return nil
	}
	return c.expired
}

// reader reads data, checking the clock before every chunk: a tokenizer or
// parser reading from it stops with ErrTimeout (x/net/html returns a
// reader's error as its own) once the deadline has passed.
func (c *clock) reader(data []byte) io.Reader {
	if c == nil {
		return bytes.NewReader(data)
	}
	return &clockReader{data: data, clk: c}
}

type clockReader struct {
	data []byte
	clk  *clock
}

func (r *clockReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	if err := r.clk.check(); err != nil {
		return 0, err
	}
	if len(p) > readChunk {
		p = p[:readChunk]
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}
