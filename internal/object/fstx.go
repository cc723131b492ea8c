package object

import (
	"bytes"
	"context"
	"github.com/strata-storage/strata/internal/event"
	"maps"
	"sync"

	"encoding/json"
	"github.com/zeebo/xxh3"
	"strings"
	"syscall"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// fsTx is one file-system operation's view of a bucket's meta2, inside
// a transaction (tx set) or a snapshot (tx nil).
type fsTx struct {
	s       *Service
	r       meta.Reader
	tx      meta.Txn
	c       directory.Container
	m2      directory.Meta2
	garbage []segment
	kept    []segment // content committed by this operation: never garbage
	origin  string    // the mount session doing the operation (see Change)
	compact []string  // files to queue for the compactor after the commit
	rg      *fsRanges // a split bucket's ranges (shardfs.go), or nil
	touches []touchLater
}

// fsUpdate runs fn in one meta2 transaction of bucket, then deletes the
// content it replaced. at is the object key the operation is about (its
// path, or a directory's marker): in a split bucket the operation runs in
// the range owning it (shardfs.go).
func (s *Service) fsUpdate(ctx context.Context, bucket, at string, fn func(*fsTx) error) error {
	t, err := s.fsUpdateRanges(ctx, bucket, at, fn)
	if err == nil {
		s.deleteContent(context.WithoutCancel(ctx), t.unreferenced())
		for _, key := range t.compact {
			s.queueCompaction(bucket, key)
		}
		s.applyTouches(context.WithoutCancel(ctx), bucket, t.touches)
	}
	return err
}

// fsView runs fn on a snapshot of bucket's meta2 (at as for fsUpdate).
func (s *Service) fsView(ctx context.Context, bucket, at string, fn func(*fsTx) error) error {
	c, e, m2, err := s.bucket(ctx, bucket)
	if err != nil {
		return err
	}
	if len(c.Ranges) > 1 {
		return s.fsViewRanges(ctx, bucket, at, fn)
	}
	return e.View(ctx, func(r meta.Reader) error {
		return fn(&fsTx{s: s, r: r, c: c, m2: m2})
	})
}

// record returns the current record of key, or nil.
func (t *fsTx) record(key string) (*record, error) {
	raw, err := t.r.Get(t.m2.Current(key))
	if strata.Is(err, strata.NotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(raw) > cacheRecordsOver {
		return bigRecords.get(raw)
	}
	return decodeRecord(raw)
}

// hasChildren reports whether any key lies strictly below directory p
// (its marker aside).
func (t *fsTx) hasChildren(p string) (bool, error) {
	prefix := t.m2.Current(dirKey(p))
	if p == "" {
		prefix = t.m2.CurrentPrefix()
	}
	it := t.r.Iter(prefix, meta.PrefixEnd(prefix))
	defer it.Close()
	ok := it.First()
	if ok && len(it.Key()) == len(prefix) {
		ok = it.Next() // the marker itself
	}
	return ok, it.Error()
}

// node is what a path names.
type node struct {
	dir    bool
	rec    *record // the file, or the directory's marker (nil if implicit or root)
	exists bool
}

// lookup resolves path p: a directory wins over a file of the same name.
func (t *fsTx) lookup(p string) (node, error) {
	if p == "" {
		return node{dir: true, exists: true}, nil
	}
	marker, err := t.record(dirKey(p))
	if err != nil {
		return node{}, err
	}
	if marker != nil {
		return node{dir: true, rec: marker, exists: true}, nil
	}
	if kids, err := t.hasChildren(p); err != nil || kids {
		return node{dir: true, exists: kids}, err
	}
	rec, err := t.record(p)
	if err != nil || rec == nil {
		return node{}, err
	}
	return node{rec: rec, exists: true}, nil
}

// requireDir checks that p is an existing directory.
func (t *fsTx) requireDir(op, p string) error {
	n, err := t.lookup(p)
	switch {
	case err != nil:
		return err
	case !n.exists:
		return fsErr(op, syscall.ENOENT, "%q", p)
	case !n.dir:
		return fsErr(op, syscall.ENOTDIR, "%q", p)
	}
	return nil
}

// entry returns the entry of an existing node at p.
func (t *fsTx) entry(p string, n node) (Entry, error) {
	if n.dir {
		var e Entry
		var err error
		switch {
		case p == "":
			e, err = t.rootEntry()
		case n.rec == nil:
			e = implicitDir(p)
		default:
			e = entryOf(n.rec, 0)
		}
		if err == nil {
			e.Nlink, err = t.dirLinks(p)
		}
		return e, err
	}
	size, err := t.pendingSize(n.rec)
	return entryOf(n.rec, size), err
}

// rootEntry is the bucket's root directory; its attributes live in a
// bucket configuration document once set.
func (t *fsTx) rootEntry() (Entry, error) {
	e := Entry{Ino: RootIno, Mode: syscall.S_IFDIR | 0o755, Nlink: 2}
	b, err := t.r.Get(t.m2.Config(rootConfig))
	if err == nil {
		var a FileAttr
		if json.Unmarshal(b, &a) == nil {
			e.Mode, e.Uid, e.Gid, e.Atime, e.Mtime, e.Ctime = a.Mode, a.Uid, a.Gid, a.Atime, a.Mtime, a.Ctime
		}
	} else if !strata.Is(err, strata.NotExist) {
		return e, err
	}
	if e.Mtime == 0 {
		e.Mtime = t.c.Created.UnixNano()
		e.Atime, e.Ctime = e.Mtime, e.Mtime
	}
	return e, nil
}

const rootConfig = "fsroot"

// newRecord builds the record of a name created through a mount.
func (t *fsTx) newRecord(key string, a *FileAttr, content []segment) *record {
	size := contentSize(content)
	rec := &record{Content: sharedContent(content), FS: a, Info: ObjectInfo{
		Key: key, VersionID: versionFor(t.c), Size: size, ETag: fsETag(content),
		Owner: t.c.Account, Policy: policyOf(content),
	}}
	if len(content) == 0 || content[0].MC == nil {
		rec.Info.Policy = "INLINE"
	}
	return rec
}

// put commits rec as the new current version of its key.
func (t *fsTx) put(rec *record) error {
	t.kept = append(t.kept, rec.Content...)
	return t.s.commitTx(t.tx, t.m2, rec, PutOptions{Origin: t.origin}, nil, &t.garbage)
}

// rewrite stores rec in place (same version): attribute-only changes.
func (t *fsTx) rewrite(rec *record) error {
	if err := noteKeptEvent(t.tx, t.m2, objectEvent(event.ObjectMetadataChanged, &rec.Info, nil)); err != nil {
		return err
	}
	return t.rewriteQuiet(rec)
}

// rewriteQuiet is rewrite without an S3 event (see touchParentAt).
func (t *fsTx) rewriteQuiet(rec *record) error {
	b := encodeRecord(rec)
	if err := t.tx.Set(t.m2.Version(rec.Info.Key, rec.Nanos, rec.Info.VersionID), b); err != nil {
		return err
	}
	if err := noteChange(t.tx, t.m2, rec.Info.Key, "meta", t.origin); err != nil {
		return err
	}
	return t.tx.Set(t.m2.Current(rec.Info.Key), b)
}

// remove deletes key's current version (a delete marker in a versioned
// bucket).
func (t *fsTx) remove(key string) error {
	var res DeleteResult
	if t.c.Versioning == "" {
		err := t.s.deleteVersion(t.tx, t.m2, key, strata.NullVersion, &res, &t.garbage, t.origin)
		if strata.Is(err, strata.NotExist) {
			return nil
		}
		return err
	}
	return t.s.addDeleteMarker(t.tx, t.c, t.m2, key, &res, &t.garbage, t.origin, "")
}

// links returns every name of rec's inode (just its own unless it is
// hard-linked).
func (t *fsTx) links(rec *record) ([]string, error) {
	if rec.FS == nil || rec.FS.Nlink <= 1 {
		return []string{rec.Info.Key}, nil
	}
	r, m2 := t.inode(rec.Info.Key)
	b, err := r.Get(m2.Links(rec.FS.Ino))
	if strata.Is(err, strata.NotExist) {
		return []string{rec.Info.Key}, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return nil, strata.E("object.links", strata.Corrupt, err)
	}
	return names, nil
}

func (t *fsTx) setLinks(ino uint64, names []string) error {
	if len(names) <= 1 {
		return t.tx.Delete(t.m2.Links(ino))
	}
	b, _ := json.Marshal(names)
	return t.tx.Set(t.m2.Links(ino), b)
}

// eachLink applies fn to the current record of every name of rec's
// inode and stores the result in place.
func (t *fsTx) eachLink(rec *record, fn func(*record)) error {
	names, err := t.links(rec)
	if err != nil {
		return err
	}
	for _, name := range names {
		r := rec
		if !t.owns(name) {
			continue // a hard link a split left in another range keeps its attributes
		}
		if name != rec.Info.Key {
			if r, err = t.record(name); err != nil {
				return err
			}
			if r == nil || r.FS == nil || r.FS.Ino != rec.FS.Ino {
				continue // replaced through S3 since
			}
		}
		fn(r)
		if err := t.rewrite(r); err != nil {
			return err
		}
	}
	return nil
}

func trimSlash(p string) string { return strings.Trim(p, "/") }

// unreferenced is the garbage whose chunks no record committed by this
// operation still uses.
func (t *fsTx) unreferenced() []segment {
	keep := map[strata.ChunkID]bool{}
	for _, f := range chunksOf(t.kept) {
		keep[f.Chunk] = true
	}
	var out []segment
	for _, sg := range t.garbage {
		if sg.MC != nil && len(sg.MC.Fragments) > 0 && keep[sg.MC.Fragments[0].Chunk] {
			continue
		}
		out = append(out, sg)
	}
	return out
}

// dirLinkScan bounds the keys a stat of a directory reads to count its
// subdirectories.
const dirLinkScan = 4096

// dirLinks is a directory's link count, 2 + its subdirectories, as
// local file systems report it; for a directory too large to count
// cheaply it is 1, which tools such as find read as "unknown" (btrfs
// reports 1 for every directory).
func (t *fsTx) dirLinks(p string) (uint32, error) {
	prefix := t.m2.CurrentPrefix()
	if p != "" {
		prefix = t.m2.Current(dirKey(p))
	}
	it := t.r.Iter(prefix, meta.PrefixEnd(prefix))
	defer it.Close()
	links, seen := uint32(2), 0
	for ok := it.First(); ok; {
		if seen++; seen > dirLinkScan {
			return 1, nil
		}
		rest := it.Key()[len(prefix):]
		i := bytes.IndexByte(rest, '/')
		if i < 0 {
			ok = it.Next()
			continue
		}
		if name := string(rest[:i]); validName(name) && !(p == "" && name == TrashDir) {
			links++
		}
		ok = it.SeekGE(meta.PrefixEnd(append(bytes.Clone(it.Key()[:len(prefix)+i]), '/')))
	}
	return links, it.Error()
}

// recordCache keeps the decoded form of large records (files written in
// many small pieces have content maps of megabytes), keyed by a hash of
// their stored bytes, so that reads and stats through a mount do not
// decode them again each time. Callers get copies they may change.
type recordCache struct {
	mu    sync.Mutex
	byKey map[uint64]*record
	order []uint64
}

const (
	cacheRecordsOver = 256 << 10 // only records larger than this are cached
	cachedRecords    = 16
)

var bigRecords = &recordCache{byKey: map[uint64]*record{}}

func (c *recordCache) get(raw []byte) (*record, error) {
	h := xxh3.Hash(raw)
	c.mu.Lock()
	rec, ok := c.byKey[h]
	c.mu.Unlock()
	if !ok {
		var err error
		if rec, err = decodeRecord(raw); err != nil {
			return nil, err
		}
		c.mu.Lock()
		if _, dup := c.byKey[h]; !dup {
			c.byKey[h] = rec
			c.order = append(c.order, h)
			if len(c.order) > cachedRecords {
				delete(c.byKey, c.order[0])
				c.order = c.order[1:]
			}
		}
		c.mu.Unlock()
	}
	return rec.clone(), nil
}

// clone copies what callers change in place: attributes and metadata maps.
func (r *record) clone() *record {
	out := *r
	out.Info.UserMeta = maps.Clone(r.Info.UserMeta)
	if r.FS != nil {
		a := *r.FS
		a.Xattr = maps.Clone(r.FS.Xattr)
		out.FS = &a
	}
	return &out
}
