package vfs

import (
	"container/list"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// blockStore keeps file blocks in a local folder, least recently used
// first out once the folder passes its size. A block's name carries the
// content name it was read at, so a changed file's old blocks are never
// asked for again and just age out. Writes go through a queue to one
// writer: a reader never waits for the local disk, and when the queue is
// full a block is simply not kept.
type blockStore struct {
	dir string
	max int64
	log *slog.Logger

	mu   sync.Mutex
	lru  *list.List // of *storedBlock, most recent first
	idx  map[string]*list.Element
	used int64

	queue chan pendingBlock
}

type storedBlock struct {
	name string
	size int64
}

type pendingBlock struct {
	name string
	data []byte
}

// blockQueue bounds the blocks waiting for the writer (at 1 MiB each).
const blockQueue = 64

// openBlockStore indexes what dir already holds (blocks survive a
// remount; their content names are checked again on first use) and
// starts the writer, which lives as long as the process.
func openBlockStore(dir string, max int64, log *slog.Logger) (*blockStore, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	s := &blockStore{dir: dir, max: max, log: log, lru: list.New(), idx: map[string]*list.Element{},
		queue: make(chan pendingBlock, blockQueue)}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, ".tmp") {
			os.Remove(p) // a write cut short by a crash
			return nil
		}
		if info, err := d.Info(); err == nil {
			s.add(d.Name(), info.Size())
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.evict()
	go s.writer()
	return s, nil
}

func (s *blockStore) path(name string) string {
	return filepath.Join(s.dir, name[:2], name)
}

// read copies the block's bytes from off into p. It returns the block's
// size, and false if the block is not kept.
func (s *blockStore) read(name string, p []byte, off int64) (int, int64, bool) {
	s.mu.Lock()
	el, ok := s.idx[name]
	var size int64
	if ok {
		s.lru.MoveToFront(el)
		size = el.Value.(*storedBlock).size
	}
	s.mu.Unlock()
	if !ok {
		return 0, 0, false
	}
	f, err := os.Open(s.path(name))
	if err != nil {
		s.drop(name) // removed behind our back: read it again
		return 0, 0, false
	}
	defer f.Close()
	want := max(0, min(int64(len(p)), size-off))
	n, err := f.ReadAt(p[:want], off)
	if int64(n) < want {
		s.log.Warn("read cache: short block, dropped", "block", name, "err", err)
		s.drop(name)
		return 0, 0, false
	}
	return n, size, true
}

// put queues data (which the store now owns) to be kept as block name.
func (s *blockStore) put(name string, data []byte) {
	select {
	case s.queue <- pendingBlock{name, data}:
	default: // the disk is behind: not keeping this one costs a later miss
	}
}

func (s *blockStore) writer() {
	for b := range s.queue {
		if err := s.write(b); err != nil {
			s.log.Warn("read cache: block not kept", "block", b.name, "err", err)
		}
	}
}

func (s *blockStore) write(b pendingBlock) error {
	s.mu.Lock()
	_, have := s.idx[b.name]
	s.mu.Unlock()
	if have {
		return nil
	}
	p := s.path(b.name)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	if err := os.WriteFile(p+".tmp", b.data, 0o600); err != nil {
		os.Remove(p + ".tmp")
		return err
	}
	if err := os.Rename(p+".tmp", p); err != nil {
		return err
	}
	s.mu.Lock()
	s.add(b.name, int64(len(b.data)))
	s.mu.Unlock()
	s.evict()
	return nil
}

// add indexes a kept block. s.mu is held (or s is not shared yet).
func (s *blockStore) add(name string, size int64) {
	if _, ok := s.idx[name]; ok {
		return
	}
	s.idx[name] = s.lru.PushFront(&storedBlock{name, size})
	s.used += size
}

func (s *blockStore) drop(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if el, ok := s.idx[name]; ok {
		s.removeLocked(el)
	}
}

func (s *blockStore) removeLocked(el *list.Element) {
	b := s.lru.Remove(el).(*storedBlock)
	delete(s.idx, b.name)
	s.used -= b.size
	if err := os.Remove(s.path(b.name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		s.log.Warn("read cache: block not removed", "block", b.name, "err", err)
	}
}

// evict removes the least recently used blocks until the store fits.
func (s *blockStore) evict() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.used > s.max && s.lru.Len() > 0 {
		s.removeLocked(s.lru.Back())
	}
}

// usage is the bytes and blocks kept.
func (s *blockStore) usage() (int64, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.used, s.lru.Len()
}
