package object

// Extent arithmetic on content maps. A file's content is a list of
// segments laid end to end; a write through the mount overlays a new
// extent on it, a truncate cuts or pads it with a hole. None of these
// copy data: segments are sliced by offset into their metachunk.

// contentSize is the byte length of a content map.
func contentSize(segs []segment) int64 {
	var n int64
	for _, s := range segs {
		n += s.Size
	}
	return n
}

// sliceSegment returns bytes [from, from+n) of one segment.
func sliceSegment(s segment, from, n int64) segment {
	out := s
	out.Size = n
	switch {
	case s.Hole:
	case s.MC == nil:
		out.Inline = s.Inline[from : from+n]
	default:
		out.Off = s.Off + from
	}
	return out
}

// sliceContent returns bytes [off, off+n) of segs; past the end it is
// shorter.
func sliceContent(segs []segment, off, n int64) []segment {
	var out []segment
	var base int64
	end := off + n
	for _, s := range segs {
		sEnd := base + s.Size
		if sEnd > off && base < end {
			from := max(off, base) - base
			to := min(end, sEnd) - base
			if to > from {
				out = append(out, sliceSegment(s, from, to-from))
			}
		}
		if sEnd >= end {
			break
		}
		base = sEnd
	}
	return out
}

// holeSegment is n zero bytes.
func holeSegment(n int64) segment { return segment{Size: n, Hole: true} }

// resizeContent cuts segs to size or pads them with a hole.
func resizeContent(segs []segment, size int64) []segment {
	cur := contentSize(segs)
	switch {
	case size < cur:
		return sliceContent(segs, 0, size)
	case size > cur:
		return append(append([]segment(nil), segs...), holeSegment(size-cur))
	}
	return segs
}

// overlayContent writes data (n bytes of segments) at off over segs: the
// newest extent wins, as in a log-structured file.
func overlayContent(segs []segment, off int64, data []segment) []segment {
	n := contentSize(data)
	cur := contentSize(segs)
	out := sliceContent(segs, 0, min(off, cur))
	if off > cur {
		out = append(out, holeSegment(off-cur))
	}
	out = append(out, data...)
	if off+n < cur {
		out = append(out, sliceContent(segs, off+n, cur-off-n)...)
	}
	return coalesce(out)
}

// coalesce merges neighbours that continue each other: adjacent holes, and
// consecutive slices of one metachunk.
func coalesce(segs []segment) []segment {
	out := make([]segment, 0, len(segs))
	for _, s := range segs {
		if s.Size == 0 {
			continue
		}
		if len(out) > 0 {
			last := &out[len(out)-1]
			switch {
			case last.Hole && s.Hole:
				last.Size += s.Size
				continue
			case last.MC != nil && s.MC != nil && sameMetachunk(last, &s) && last.Off+last.Size == s.Off:
				last.Size += s.Size
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

func sameMetachunk(a, b *segment) bool {
	if a.MC == b.MC {
		return true
	}
	fa, fb := a.MC.Fragments, b.MC.Fragments
	return len(fa) > 0 && len(fb) > 0 && fa[0].Chunk == fb[0].Chunk && fa[0].Service == fb[0].Service
}

// sharedContent marks every segment shared (see segment).
func sharedContent(segs []segment) []segment {
	out := make([]segment, len(segs))
	for i, s := range segs {
		s.Shared = true
		out[i] = s
	}
	return out
}

// fragmented reports whether a content map has so many small pieces that
// reading it costs more than rewriting it once.
func fragmented(segs []segment) bool {
	small := 0
	for _, s := range segs {
		if !s.Hole && s.MC != nil && s.Size < 1<<20 {
			small++
		}
	}
	return small > 64
}

// cursor reads a content map front to back, for one-pass merges.
type cursor struct {
	segs []segment
	i    int   // current segment
	base int64 // offset of segs[i]
}

// take appends bytes [from, from+n) to out; from never goes backwards.
func (c *cursor) take(out []segment, from, n int64) []segment {
	end := from + n
	for c.i < len(c.segs) && from < end {
		s := c.segs[c.i]
		sEnd := c.base + s.Size
		if sEnd <= from {
			c.base = sEnd
			c.i++
			continue
		}
		to := min(end, sEnd)
		out = append(out, sliceSegment(s, from-c.base, to-from))
		from = to
	}
	return out
}

// overlayRuns writes the runs (sorted, disjoint; their bytes laid end to
// end in data) over segs in one pass: O(segments + runs), so a log write
// of thousands of small random writes costs no more than one scan.
func overlayRuns(segs []segment, runs []Run, data []segment) []segment {
	size := contentSize(segs)
	base := &cursor{segs: segs}
	body := &cursor{segs: data}
	out := make([]segment, 0, len(segs)+2*len(runs)+1)
	var pos, at int64
	for _, r := range runs {
		if r.Off > pos {
			if keep := min(r.Off, size) - pos; keep > 0 {
				out = base.take(out, pos, keep)
			}
			if r.Off > size && pos < r.Off {
				out = append(out, holeSegment(r.Off-max(pos, size)))
			}
		}
		out = body.take(out, at, r.Len)
		at += r.Len
		pos = r.Off + r.Len
	}
	if pos < size {
		out = base.take(out, pos, size-pos)
	}
	return coalesce(out)
}
