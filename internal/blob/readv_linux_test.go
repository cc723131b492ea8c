package blob

import (
	"slices"
	"testing"
)

// readv completes a read the kernel returns in pieces, leaving the
// caller's buffers whole.
func TestReadvAdvance(t *testing.T) {
	a, b, c := make([]byte, 3), make([]byte, 4), make([]byte, 5)
	iov := [][]byte{a, b, c}
	rest := advance(slices.Clone(iov), 5)
	if len(rest) != 2 || len(rest[0]) != 2 || &rest[0][0] != &b[2] || len(iov[1]) != 4 {
		t.Fatalf("advance 5 over 3+4+5: %d buffers, first %d bytes", len(rest), len(rest[0]))
	}
	if rest = advance(rest, 7); len(rest) != 0 {
		t.Fatalf("advance to the end: %d buffers left", len(rest))
	}
}
