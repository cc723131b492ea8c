package usage

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/strata-storage/strata/internal/strata"
)

// spool is a gateway's local log of counted requests, in segment files
// named by the sequence number of their first record. Records are
// appended with one write call each and no fsync: a write that returned
// is in the page cache and survives the process being killed (not a
// power cut). The active segment takes appends; the flusher rotates it
// and applies, then removes, the closed ones.
type spool struct {
	dir string

	mu     sync.Mutex
	f      *os.File // active segment
	active string   // its name
	next   uint64   // sequence number of the next record
	n      int      // records in the active segment
	buf    []byte
}

const segPrefix, segSuffix = "seg-", ".log"

func segName(first uint64) string { return fmt.Sprintf("%s%016x%s", segPrefix, first, segSuffix) }

// openSpool opens the spool in dir. after is the highest sequence number
// known applied (numbers never go back, even when every segment was
// removed). It starts a new active segment, so that a record torn by a
// crash is never followed by new ones in the same file.
func openSpool(dir string, after uint64) (*spool, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, strata.E("usage.openSpool", strata.Internal, err)
	}
	s := &spool{dir: dir, next: after + 1}
	segs, err := s.segments()
	if err != nil {
		return nil, err
	}
	for _, name := range segs {
		var first uint64
		fmt.Sscanf(strings.TrimPrefix(name, segPrefix), "%016x", &first)
		s.next = max(s.next, first)
		recs, _, err := s.read(name)
		if err != nil {
			return nil, err
		}
		if len(recs) > 0 {
			s.next = max(s.next, recs[len(recs)-1].Seq+1)
		}
	}
	if err := s.startSegment(); err != nil {
		return nil, err
	}
	return s, nil
}

// startSegment opens a new active segment at s.next; s.mu held or not
// yet shared.
func (s *spool) startSegment() error {
	name := segName(s.next)
	f, err := os.OpenFile(filepath.Join(s.dir, name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return strata.E("usage.spool", strata.Internal, err)
	}
	s.f, s.active, s.n = f, name, 0
	return nil
}

// append gives r the next sequence number and writes it. A failed write
// still uses up the number: part of it may be on disk.
func (s *spool) append(r record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return strata.Errorf("usage.spool", strata.Unavailable, "spool closed")
	}
	r.Seq = s.next
	s.next++
	s.buf = appendRecord(s.buf[:0], r)
	if _, err := s.f.Write(s.buf); err != nil {
		return strata.E("usage.spool", strata.Internal, err)
	}
	s.n++
	return nil
}

// rotate closes the active segment if it holds records and starts a new
// one, so that every record appended before the call is in a closed
// segment.
func (s *spool) rotate() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil || s.n == 0 {
		return nil
	}
	if err := s.f.Close(); err != nil {
		return strata.E("usage.spool", strata.Internal, err)
	}
	return s.startSegment()
}

// closed lists the closed segments, oldest first.
func (s *spool) closed() ([]string, error) {
	segs, err := s.segments()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	active := s.active
	s.mu.Unlock()
	out := segs[:0]
	for _, n := range segs {
		if n != active {
			out = append(out, n)
		}
	}
	return out, nil
}

func (s *spool) segments() ([]string, error) {
	ents, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, strata.E("usage.spool", strata.Internal, err)
	}
	var out []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), segPrefix) && strings.HasSuffix(e.Name(), segSuffix) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out) // fixed-width hex: name order is sequence order
	return out, nil
}

// read decodes a segment. torn reports bytes after the last whole record
// (a write cut by a crash, or damage): they are left out.
func (s *spool) read(name string) (recs []record, torn bool, err error) {
	b, err := os.ReadFile(filepath.Join(s.dir, name))
	if err != nil {
		return nil, false, strata.E("usage.spool", strata.Internal, err)
	}
	for len(b) > 0 {
		r, n, err := decodeRecord(b)
		if err != nil {
			return recs, true, nil
		}
		recs = append(recs, r)
		b = b[n:]
	}
	return recs, false, nil
}

func (s *spool) remove(name string) error {
	if err := os.Remove(filepath.Join(s.dir, name)); err != nil && !os.IsNotExist(err) {
		return strata.E("usage.spool", strata.Internal, err)
	}
	return nil
}

// pending is the records in the active segment, for the metrics.
func (s *spool) pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

func (s *spool) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	return err
}
