package blob

import "io"

// fill reads until buf is full or r ends. Unlike io.ReadFull it reports
// the end of r as io.EOF even after a partial read, and passes any other
// error through, so a failing stream is never mistaken for a short one.
func fill(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
