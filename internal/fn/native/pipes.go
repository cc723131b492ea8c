//go:build linux

package native

import "os"

// pipes are the standard streams of one run. The parent keeps inW,
// outR and errR; child holds the other ends until the child starts.
type pipes struct {
	child           stdio
	inW, outR, errR *os.File
	all             []*os.File
}

// newPipes makes stdin (if in), stdout (if out; otherwise stdout shares
// stderr's pipe, both being the log) and stderr.
func newPipes(in, out bool) (*pipes, error) {
	p := &pipes{}
	mk := func() (r, w *os.File, err error) {
		r, w, err = os.Pipe()
		if err == nil {
			p.all = append(p.all, r, w)
		}
		return r, w, err
	}
	var err error
	if p.errR, p.child.err, err = mk(); err != nil {
		p.closeAll()
		return nil, err
	}
	p.child.out = p.child.err
	if out {
		if p.outR, p.child.out, err = mk(); err != nil {
			p.closeAll()
			return nil, err
		}
	}
	if in {
		if p.child.in, p.inW, err = mk(); err != nil {
			p.closeAll()
			return nil, err
		}
	}
	return p, nil
}

// closeChild closes the child's ends in the parent once it has started,
// so the parent sees EOF when the child's side goes away.
func (p *pipes) closeChild() {
	for _, f := range []*os.File{p.child.in, p.child.out, p.child.err} {
		if f != nil {
			f.Close()
		}
	}
}

// closeAll closes every end; closing twice is harmless.
func (p *pipes) closeAll() {
	for _, f := range p.all {
		f.Close()
	}
}
