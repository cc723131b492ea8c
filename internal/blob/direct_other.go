//go:build !linux

package blob

import "os"

// directWriter is a plain writer where O_DIRECT is not used.
type directWriter struct{ writeBehind }

func newDirectWriter(f *os.File, refuse func()) *directWriter {
	return &directWriter{writeBehind{f: f}}
}

func (w *directWriter) finish() error { return nil }
