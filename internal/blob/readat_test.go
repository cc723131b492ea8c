package blob

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestReadAtEachMatchesReadv: the portable read other systems use fills
// the same bytes as this system's, and fails the same way past the end.
func TestReadAtEachMatchesReadv(t *testing.T) {
	data := make([]byte, 3000)
	for i := range data {
		data[i] = byte(i * 7)
	}
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, c := range []struct {
		sizes     []int
		want, pos int64
		short     bool
	}{
		{[]int{1000, 1000}, 2000, 0, false},
		{[]int{10, 500, 7}, 517, 100, false},
		{[]int{1000, 1000}, 1500, 1200, false}, // want ends inside the second buffer
		{[]int{1000, 1000}, 2000, 1500, true},  // past the end of the file
	} {
		got := map[string][]byte{}
		for name, read := range map[string]func(*os.File, [][]byte, int64, int64) error{"readv": readv, "readAtEach": readAtEach} {
			var iov [][]byte
			for _, n := range c.sizes {
				iov = append(iov, make([]byte, n))
			}
			err := read(f, iov, c.want, c.pos)
			if c.short != errors.Is(err, io.ErrUnexpectedEOF) || (!c.short && err != nil) {
				t.Fatalf("%s %+v: %v", name, c, err)
			}
			if !c.short {
				got[name] = bytes.Join(iov, nil)[:c.want]
				if !bytes.Equal(got[name], data[c.pos:c.pos+c.want]) {
					t.Fatalf("%s %+v: wrong bytes", name, c)
				}
			}
		}
	}
}
