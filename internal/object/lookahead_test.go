package object

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// TestLookaheadKeepsEveryByte splits a stream into parts the way
// writeData does (more, then a limited read) over sources that return
// one byte at a time, all at once, or the data with the EOF.
func TestLookaheadKeepsEveryByte(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 1000)
	sources := map[string]func() io.Reader{
		"whole":   func() io.Reader { return bytes.NewReader(data) },
		"onebyte": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) },
		"dataerr": func() io.Reader { return iotest.DataErrReader(bytes.NewReader(data)) },
		"half":    func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) },
	}
	for name, src := range sources {
		l := &lookahead{r: src()}
		var got bytes.Buffer
		parts := 0
		for ; ; parts++ {
			if err := l.more(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: more: %v", name, err)
			}
			if _, err := io.Copy(&got, io.LimitReader(l, 4096)); err != nil {
				t.Fatalf("%s: copy: %v", name, err)
			}
		}
		if !bytes.Equal(got.Bytes(), data) || parts != (len(data)+4095)/4096 {
			t.Errorf("%s: got %d bytes in %d parts, want %d in %d", name, got.Len(), parts, len(data), (len(data)+4095)/4096)
		}
	}
}

// TestLookaheadPassesErrors: a failing source fails more and Read alike.
func TestLookaheadPassesErrors(t *testing.T) {
	boom := errors.New("boom")
	l := &lookahead{r: iotest.ErrReader(boom)}
	if err := l.more(); !errors.Is(err, boom) {
		t.Fatalf("more: %v, want boom", err)
	}
	l = &lookahead{r: io.MultiReader(bytes.NewReader([]byte("ab")), iotest.ErrReader(boom))}
	if err := l.more(); err != nil {
		t.Fatal(err)
	}
	if b, err := io.ReadAll(l); !errors.Is(err, boom) || string(b) != "ab" {
		t.Fatalf("ReadAll: %q, %v; want \"ab\", boom", b, err)
	}
}
