package object

import "io"

// lookahead tells whether a stream has more bytes by reading one ahead,
// where a bufio.Reader would stage everything through its buffer: reads
// go straight from the source into the caller's buffer, so a large PUT's
// bytes are not copied once more on their way to the disk.
type lookahead struct {
	r   io.Reader
	b   [1]byte
	has bool
}

// more reads one byte ahead if none is held: nil if there is one, io.EOF
// at the end, else the source's error.
func (l *lookahead) more() error {
	for !l.has {
		n, err := l.r.Read(l.b[:])
		if n == 1 {
			l.has = true
			break
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (l *lookahead) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if !l.has {
		return l.r.Read(p)
	}
	p[0], l.has = l.b[0], false
	if len(p) == 1 {
		return 1, nil
	}
	n, err := l.r.Read(p[1:])
	return n + 1, err
}

// readerPastPeek reads what br holds and then src directly: after a Peek
// that filled br, reading on through br would copy every later byte
// through its buffer.
func readerPastPeek(br interface {
	io.Reader
	Buffered() int
}, src io.Reader) io.Reader {
	return io.MultiReader(io.LimitReader(br, int64(br.Buffered())), src)
}
