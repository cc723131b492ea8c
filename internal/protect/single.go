package protect

import (
	"context"
	"fmt"
	"io"

	"github.com/strata-storage/strata/internal/strata"
)

// writeSingle stores a one-fragment policy (SINGLE) by handing r to put
// directly: no staging buffer, pipe or goroutine between the request body
// and the store, so the bytes are copied once less and the store reads
// as large as it likes. Errors are those of writeCopies: a failing input
// keeps its own error; a failing put is a quorum error.
func writeSingle(ctx context.Context, p Policy, r io.Reader, index int, put PutFunc) (Metachunk, error) {
	in := &trackedReader{r: r}
	frag, err := put(ctx, index, in)
	if err == nil && in.err != io.EOF {
		// A put that returns early without reading everything did not
		// store the whole fragment.
		if n, rerr := in.Read(make([]byte, 1)); n > 0 || rerr != io.EOF {
			err = strata.Errorf("protect.Write", strata.Internal, "fragment %d: put returned before the end of its stream", index)
		}
	}
	var mc Metachunk
	mc.Size = in.n
	if in.err != nil && in.err != io.EOF {
		if err == nil {
			// The store took a short stream as whole: drop it.
			mc.Fragments = []Fragment{withIndex(frag, index)}
		}
		return mc, strata.E("protect.Write", strata.Other, in.err)
	}
	if err == nil {
		err = ctx.Err()
		if err != nil {
			mc.Fragments = []Fragment{withIndex(frag, index)}
			return mc, strata.E("protect.Write", strata.Other, err)
		}
	}
	if err != nil {
		kind := strata.Unavailable
		if strata.Is(err, strata.NoSpace) {
			kind = strata.NoSpace
		}
		return mc, strata.E("protect.Write", kind, fmt.Errorf("only 0 of %d fragments stored, %d needed: %w", p.Width(), p.WriteQuorum(), err))
	}
	mc.Fragments = []Fragment{withIndex(frag, index)}
	return mc, nil
}

func withIndex(f Fragment, i int) Fragment {
	f.Index = i
	return f
}

// trackedReader counts what it passes and keeps the first error.
type trackedReader struct {
	r   io.Reader
	n   int64
	err error
}

func (t *trackedReader) Read(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	n, err := t.r.Read(p)
	t.n += int64(n)
	if err != nil {
		t.err = err
	}
	return n, err
}
