package object

import "sync"

// listPages holds the buffers listings gather a page's entries in. An
// ObjectInfo is some 350 bytes of strings, maps and slices: appended to
// a growing slice, a page of 1,000 was allocated about a dozen times
// over, copied twice and left a quarter unused, and that garbage was a
// third of a LIST's CPU (docs/SHARDING.md). A page is gathered here and
// copied once into a slice of its exact size.
var listPages = sync.Pool{New: func() any {
	p := make([]ObjectInfo, 0, 1000) // checkMax's limit
	return &p
}}

// listPage is a listing's page being gathered.
type listPage struct{ p *[]ObjectInfo }

func newListPage() listPage { return listPage{listPages.Get().(*[]ObjectInfo)} }

// add appends the listed version's Info.
func (l listPage) add(i *ObjectInfo) { *l.p = append(*l.p, *i) }

func (l listPage) len() int { return len(*l.p) }

// done returns the page (nil if empty) and gives the buffer back, emptied
// so that it keeps no strings alive.
func (l listPage) done() []ObjectInfo {
	var out []ObjectInfo
	if n := len(*l.p); n > 0 {
		out = make([]ObjectInfo, n)
		copy(out, *l.p)
	}
	clear(*l.p)
	*l.p = (*l.p)[:0]
	listPages.Put(l.p)
	return out
}
