package fusetest

import (
	"bytes"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// fsxPair applies every operation to the same file in the mount and in a
// local directory.
type fsxPair struct {
	t          *testing.T
	dirs       [2]string
	name       string
	fds        [2]*os.File
	appendFds  [2]*os.File
	maxSize    int64
	rnd        *rand.Rand
	ops, reads int
}

func (p *fsxPair) path(i int) string { return filepath.Join(p.dirs[i], p.name) }

func (p *fsxPair) open() {
	for i := range 2 {
		f, err := os.OpenFile(p.path(i), os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			p.t.Fatalf("open %d: %v", i, err)
		}
		a, err := os.OpenFile(p.path(i), os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			p.t.Fatalf("open append %d: %v", i, err)
		}
		p.fds[i], p.appendFds[i] = f, a
	}
}

func (p *fsxPair) close() {
	for i := range 2 {
		if err := p.fds[i].Close(); err != nil {
			p.t.Fatalf("close %d: %v", i, err)
		}
		if err := p.appendFds[i].Close(); err != nil {
			p.t.Fatalf("close append %d: %v", i, err)
		}
	}
}

func (p *fsxPair) size() int64 {
	st, err := p.fds[1].Stat()
	if err != nil {
		p.t.Fatal(err)
	}
	return st.Size()
}

// check compares the whole file, and its size as fstat sees it.
func (p *fsxPair) check(step int, what string) {
	var sizes [2]int64
	var data [2][]byte
	for i := range 2 {
		st, err := p.fds[i].Stat()
		if err != nil {
			p.t.Fatalf("step %d (%s): fstat %d: %v", step, what, i, err)
		}
		sizes[i] = st.Size()
		b := make([]byte, st.Size())
		if _, err := p.fds[i].ReadAt(b, 0); err != nil && err != io.EOF {
			p.t.Fatalf("step %d (%s): read %d: %v", step, what, i, err)
		}
		data[i] = b
	}
	if sizes[0] != sizes[1] {
		p.t.Fatalf("step %d (%s): size %d in the mount, %d locally", step, what, sizes[0], sizes[1])
	}
	if !bytes.Equal(data[0], data[1]) {
		at := 0
		for at < len(data[0]) && data[0][at] == data[1][at] {
			at++
		}
		p.t.Fatalf("step %d (%s): contents differ at byte %d of %d", step, what, at, len(data[0]))
	}
}

func (p *fsxPair) step(step int) string {
	r := p.rnd
	switch op := r.Intn(100); {
	case op < 35: // write at a random offset, sometimes past the end (a hole)
		off := r.Int63n(p.maxSize)
		b := make([]byte, 1+r.Intn(64<<10))
		r.Read(b)
		for i := range 2 {
			if _, err := p.fds[i].WriteAt(b, off); err != nil {
				p.t.Fatalf("step %d: write %d: %v", step, i, err)
			}
		}
		return fmt.Sprintf("write %d@%d", len(b), off)
	case op < 45: // append
		b := make([]byte, 1+r.Intn(16<<10))
		r.Read(b)
		for i := range 2 {
			if _, err := p.appendFds[i].Write(b); err != nil {
				p.t.Fatalf("step %d: append %d: %v", step, i, err)
			}
		}
		return fmt.Sprintf("append %d", len(b))
	case op < 55: // truncate, up or down
		n := r.Int63n(p.maxSize)
		for i := range 2 {
			if err := p.fds[i].Truncate(n); err != nil {
				p.t.Fatalf("step %d: truncate %d: %v", step, i, err)
			}
		}
		return fmt.Sprintf("truncate %d", n)
	case op < 80: // read a random range and compare
		size := p.size()
		if size == 0 {
			return "read of empty file"
		}
		off := r.Int63n(size)
		n := 1 + r.Intn(128<<10)
		var got [2][]byte
		for i := range 2 {
			b := make([]byte, n)
			m, err := p.fds[i].ReadAt(b, off)
			if err != nil && err != io.EOF {
				p.t.Fatalf("step %d: read %d: %v", step, i, err)
			}
			got[i] = b[:m]
		}
		if !bytes.Equal(got[0], got[1]) {
			p.t.Fatalf("step %d: read %d@%d differs (%d vs %d bytes)", step, n, off, len(got[0]), len(got[1]))
		}
		p.reads++
		return fmt.Sprintf("read %d@%d", n, off)
	case op < 88: // fsync
		for i := range 2 {
			if err := p.fds[i].Sync(); err != nil {
				p.t.Fatalf("step %d: fsync %d: %v", step, i, err)
			}
		}
		return "fsync"
	case op < 94: // rename while open
		next := fmt.Sprintf("f%d", step)
		for i := range 2 {
			if err := os.Rename(p.path(i), filepath.Join(p.dirs[i], next)); err != nil {
				p.t.Fatalf("step %d: rename %d: %v", step, i, err)
			}
		}
		p.name = next
		return "rename to " + next
	default: // close and reopen
		p.close()
		p.open()
		return "reopen"
	}
}

// TestFSX runs random writes, appends, truncates, reads, fsyncs, renames
// and reopens on one file in the mount and in a local directory, and
// compares them byte for byte; at the end S3 reads the same bytes.
func TestFSX(t *testing.T) {
	steps := 1500
	if testing.Short() {
		steps = 300
	}
	for _, policy := range []string{"SINGLE", "EC2+1"} {
		t.Run(policy, func(t *testing.T) {
			_, c, mnt := mounted(t, testenv.Options{Volumes: 3, Policy: policy})
			p := &fsxPair{t: t, dirs: [2]string{mnt, t.TempDir()}, name: "f", maxSize: 1 << 20,
				rnd: rand.New(rand.NewSource(int64(len(policy))))}
			p.open()
			for i := range steps {
				what := p.step(i)
				if i%50 == 0 {
					p.check(i, what)
				}
			}
			p.check(steps, "end")
			p.close()
			want, err := os.ReadFile(p.path(1))
			if err != nil {
				t.Fatal(err)
			}
			out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("files"), Key: aws.String(p.name)})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(out.Body)
			out.Body.Close()
			if !bytes.Equal(got, want) {
				t.Fatalf("S3 reads %d bytes that differ from the file's %d", len(got), len(want))
			}
			t.Logf("%d operations, %d compared reads, final size %d", steps, p.reads, len(want))
		})
	}
}
