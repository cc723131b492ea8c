package swifttest

import (
	"archive/tar"
	"io"
)

type tarW struct{ w *tar.Writer }

func newTar(w io.Writer) *tarW { return &tarW{tar.NewWriter(w)} }

func (t *tarW) add(name, body string) {
	t.w.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg})
	t.w.Write([]byte(body))
}

func (t *tarW) close() { t.w.Close() }
