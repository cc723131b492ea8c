package nfs

import (
	"encoding/binary"
	"io"
	"path"
	"sync"
	"time"

	"github.com/cockroachdb/pebble"

	"github.com/strata-storage/strata/internal/strata"
)

// node is where the table last saw a file: its parent folder's inode
// (0 = the bucket's root) and its name there.
type node struct {
	parent uint64
	name   string
}

// table maps handles to paths, in memory and (with a folder) in pebble,
// so that handles given out before a restart still find their files. A
// file is recorded by its parent and name rather than by its path, so
// that renaming a folder through NFS updates one entry, not its subtree.
type table struct {
	db *pebble.DB // nil: memory only

	mu      sync.Mutex
	buckets map[uint64]string
	nodes   map[fileID]node
	dirty   bool // writes since the last WAL sync
	stop    chan struct{}
	stopped chan struct{}
}

// maxNodes bounds the in-memory copy; past it, the memory is dropped and
// entries are read back from pebble on use.
const maxNodes = 1 << 20

// openTable opens the table kept in dir ("" = memory only). Writes reach
// disk within syncEvery: a handle made in the last moments before a crash
// may come back as NFS3ERR_STALE, after which the client looks the name
// up again.
func openTable(dir string) (*table, error) {
	t := &table{buckets: map[uint64]string{}, nodes: map[fileID]node{}, stop: make(chan struct{}), stopped: make(chan struct{})}
	if dir == "" {
		close(t.stopped)
		return t, nil
	}
	db, err := pebble.Open(dir, &pebble.Options{Logger: quietLogger{}})
	if err != nil {
		return nil, strata.E("nfs.openTable", strata.Unavailable, err)
	}
	t.db = db
	go t.syncLoop()
	return t, nil
}

const syncEvery = time.Second

func (t *table) syncLoop() {
	defer close(t.stopped)
	tk := time.NewTicker(syncEvery)
	defer tk.Stop()
	for {
		select {
		case <-t.stop:
			return
		case <-tk.C:
			t.mu.Lock()
			dirty := t.dirty
			t.dirty = false
			t.mu.Unlock()
			if dirty {
				t.db.LogData(nil, pebble.Sync)
			}
		}
	}
}

// Close syncs and closes the table.
func (t *table) Close() error {
	if t.db == nil {
		return nil
	}
	close(t.stop)
	<-t.stopped
	return t.db.Close()
}

func bucketDBKey(k uint64) []byte {
	b := make([]byte, 9)
	b[0] = 'b'
	binary.BigEndian.PutUint64(b[1:], k)
	return b
}

func nodeDBKey(id fileID) []byte {
	b := make([]byte, 17)
	b[0] = 'n'
	binary.BigEndian.PutUint64(b[1:], id.bucket)
	binary.BigEndian.PutUint64(b[9:], id.ino)
	return b
}

// putBucket records a bucket's name under its key.
func (t *table) putBucket(name string) uint64 {
	k := bucketKey(name)
	t.mu.Lock()
	_, ok := t.buckets[k]
	if !ok {
		t.buckets[k] = name
		t.dirty = true
	}
	t.mu.Unlock()
	if !ok && t.db != nil {
		t.db.Set(bucketDBKey(k), []byte(name), pebble.NoSync)
	}
	return k
}

// bucket is the name of the bucket with key k.
func (t *table) bucket(k uint64) (string, bool) {
	t.mu.Lock()
	name, ok := t.buckets[k]
	t.mu.Unlock()
	if ok || t.db == nil {
		return name, ok
	}
	v, err := t.get(bucketDBKey(k))
	if err != nil {
		return "", false
	}
	t.mu.Lock()
	t.buckets[k] = string(v)
	t.mu.Unlock()
	return string(v), true
}

// put records where file id is.
func (t *table) put(id fileID, n node) {
	t.mu.Lock()
	if old, ok := t.nodes[id]; ok && old == n {
		t.mu.Unlock()
		return
	}
	if len(t.nodes) >= maxNodes {
		t.nodes = map[fileID]node{}
	}
	t.nodes[id] = n
	t.dirty = true
	t.mu.Unlock()
	if t.db != nil {
		v := binary.BigEndian.AppendUint64(nil, n.parent)
		t.db.Set(nodeDBKey(id), append(v, n.name...), pebble.NoSync)
	}
}

// node is where file id was last seen.
func (t *table) node(id fileID) (node, bool) {
	t.mu.Lock()
	n, ok := t.nodes[id]
	t.mu.Unlock()
	if ok || t.db == nil {
		return n, ok
	}
	v, err := t.get(nodeDBKey(id))
	if err != nil || len(v) < 8 {
		return node{}, false
	}
	n = node{parent: binary.BigEndian.Uint64(v), name: string(v[8:])}
	t.mu.Lock()
	t.nodes[id] = n
	t.mu.Unlock()
	return n, true
}

// forget drops file id (removed).
func (t *table) forget(id fileID) {
	t.mu.Lock()
	delete(t.nodes, id)
	t.dirty = true
	t.mu.Unlock()
	if t.db != nil {
		t.db.Delete(nodeDBKey(id), pebble.NoSync)
	}
}

func (t *table) get(k []byte) ([]byte, error) {
	v, c, err := t.db.Get(k)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	return append([]byte(nil), v...), nil
}

// maxDepth bounds a path walk, so that a corrupt table (a cycle) ends.
const maxDepth = 4096

// path is the path of file id inside its bucket, walking up its parents.
func (t *table) path(id fileID) (string, bool) {
	var names []string
	for depth := 0; id.ino != 0; depth++ {
		n, ok := t.node(id)
		if !ok || depth > maxDepth {
			return "", false
		}
		names = append(names, n.name)
		id.ino = n.parent
	}
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	return path.Join(names...), true
}

// quietLogger keeps pebble's informational lines out of the node's log.
type quietLogger struct{}

func (quietLogger) Infof(string, ...interface{})  {}
func (quietLogger) Errorf(string, ...interface{}) {}
func (quietLogger) Fatalf(format string, args ...interface{}) {
	panic(strata.Errorf("nfs.table", strata.Internal, format, args...))
}

var _ io.Closer = (*table)(nil)
