//go:build !wasip1

package fn

import (
	"fmt"
	"os"
)

// inside is false: there is no host to call outside a Strata function.
const inside = false

func hostOpen(bucket, key string) (int32, error)      { return -1, ErrUnsupported }
func hostSize(h int32) (int64, error)                 { return 0, ErrUnsupported }
func hostRead(h int32, p []byte) (int, error)         { return 0, ErrUnsupported }
func hostClose(h int32) error                         { return ErrUnsupported }
func hostWrite(_, _ string, _ []byte, _ string) error { return ErrUnsupported }

// hostLog writes to stderr so local runs still show the log.
func hostLog(line string) { fmt.Fprintln(os.Stderr, line) }
