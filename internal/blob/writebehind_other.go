//go:build !linux

package blob

import "os"

// writeBehind is a plain write where sync_file_range does not exist.
type writeBehind struct{ f *os.File }

func (w *writeBehind) Write(p []byte) (int, error) { return w.f.Write(p) }
