package extract

import "io"

// readAll reads r up to limit bytes. A reader that knows its length (a
// bytes.Reader from rawpage.Extract, the strings.Reader of the WebAssembly
// bridge) is read into one buffer of that size: io.ReadAll's doubling from
// 512 bytes cost a tenth of a whole CLI run in allocation and clearing.
func readAll(r io.Reader, limit int64) ([]byte, error) {
	if l, ok := r.(interface{ Len() int }); ok {
		buf := make([]byte, 0, min(int64(l.Len())+1, limit))
		for {
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err == io.EOF {
				return buf, nil
			}
			if err != nil {
				return buf, err
			}
			if len(buf) == cap(buf) {
				// Longer than announced, or at the limit: read the rest
				// the ordinary way, still bounded.
				rest, err := io.ReadAll(io.LimitReader(r, limit-int64(len(buf))))
				return append(buf, rest...), err
			}
		}
	}
	return io.ReadAll(io.LimitReader(r, limit))
}
