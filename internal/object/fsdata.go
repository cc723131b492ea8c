package object

import (
	"context"
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"syscall"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Writes through a mount: cache (in the mount) -> log -> base.
//
// The mount flushes dirty extents as log chunks: one write of the body
// to fresh chunks, and one pending operation per extent, keyed by the
// file's inode and time (newest wins). Publishing (at close or fsync)
// overlays the pending operations on the object's content and commits the
// result as the object's new version, in one transaction: the new content
// map points into the log chunks, so publishing copies no data. Reads
// through the mount see pending data at once; S3 sees it when published.

// pendingOp is one unpublished log write (its runs, sorted and disjoint,
// laid end to end in Data) or a truncate.
type pendingOp struct {
	Runs     []Run      `json:"r,omitempty"`
	Data     contentMap `json:"d,omitempty"`
	Truncate bool       `json:"t,omitempty"`
	Size     int64      `json:"n,omitempty"` // truncate: the new size
}

func (op pendingOp) apply(segs []segment) []segment {
	if op.Truncate {
		return coalesce(resizeContent(segs, op.Size))
	}
	return overlayRuns(segs, op.Runs, op.Data)
}

// end is the file size a write needs at least.
func (op pendingOp) end() int64 {
	if n := len(op.Runs); n > 0 {
		return op.Runs[n-1].Off + op.Runs[n-1].Len
	}
	return 0
}

// pending returns the pending operations of file rec's inode, oldest
// first, with their keys.
func (t *fsTx) pending(rec *record) ([]pendingOp, [][]byte, error) {
	r, m2 := t.inode(rec.Info.Key)
	p := m2.PendingPrefix(rec.FS.Ino)
	// The counter exists exactly while operations are pending: one point
	// read answers the common case, without walking the tombstones that
	// published operations leave behind in the store.
	if _, err := r.Get(p); strata.Is(err, strata.NotExist) {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	it := r.Iter(p, meta.PrefixEnd(p))
	defer it.Close()
	var ops []pendingOp
	var keys [][]byte
	for ok := it.First(); ok; ok = it.Next() {
		if len(it.Key()) == len(p) {
			keys = append(keys, append([]byte(nil), it.Key()...)) // the sequence counter
			continue
		}
		var op pendingOp
		if err := json.Unmarshal(it.Value(), &op); err != nil {
			return nil, nil, strata.E("object.pending", strata.Corrupt, err)
		}
		ops = append(ops, op)
		keys = append(keys, append([]byte(nil), it.Key()...))
	}
	return ops, keys, it.Error()
}

// view returns a file's content as the mount sees it: the record's
// content with its pending operations applied.
func (t *fsTx) view(rec *record) ([]segment, error) {
	content := rec.Content
	if rec.FS == nil {
		return content, nil
	}
	ops, _, err := t.pending(rec)
	if err != nil {
		return nil, err
	}
	for _, op := range ops {
		content = op.apply(content)
	}
	return content, nil
}

// pendingSize is a file's size with its pending operations applied.
func (t *fsTx) pendingSize(rec *record) (int64, error) {
	if rec.FS == nil {
		return rec.Info.Size, nil
	}
	ops, _, err := t.pending(rec)
	if err != nil || len(ops) == 0 {
		return rec.Info.Size, err
	}
	size := rec.Info.Size
	for _, op := range ops {
		if op.Truncate {
			size = op.Size
		} else {
			size = max(size, op.end())
		}
	}
	return size, nil
}

// addPending appends operations to inode ino's log. The log's order is
// a counter kept at the log's prefix, so it is the commit order whatever
// the gateways' clocks say.
func (t *fsTx) addPending(ino uint64, ops []pendingOp) error {
	p := t.m2.PendingPrefix(ino)
	var seq int64
	b, err := t.r.Get(p)
	switch {
	case err == nil && len(b) == 8:
		seq = int64(binary.BigEndian.Uint64(b))
	case err != nil && !strata.Is(err, strata.NotExist):
		return err
	}
	for _, op := range ops {
		seq++
		b, _ := json.Marshal(op)
		if err := t.tx.Set(t.m2.Pending(ino, seq), b); err != nil {
			return err
		}
	}
	return t.tx.Set(p, binary.BigEndian.AppendUint64(nil, uint64(seq)))
}

// fsETag is the ETag of content published through a mount: a digest of
// the content map, in the multipart form so that clients do not take it
// for the MD5 of the bytes.
func fsETag(content []segment) string {
	b, _ := json.Marshal(content)
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:]) + "-1"
}

// openFile resolves p to a regular file's record, with FileAttr set.
func (t *fsTx) openFile(op, p string) (*record, error) {
	n, err := t.lookup(p)
	switch {
	case err != nil:
		return nil, err
	case !n.exists:
		return nil, fsErr(op, syscall.ENOENT, "%q", p)
	case n.dir:
		return nil, fsErr(op, syscall.EISDIR, "%q", p)
	case n.rec.Enc != nil:
		return nil, fsErr(op, syscall.EACCES, "%q is encrypted at rest (SSE): write it through S3", p)
	}
	if err := fsWritable(op, n.rec); err != nil {
		return nil, err
	}
	if n.rec.FS == nil {
		fsAttrs(n.rec)
		if err := t.rewrite(n.rec); err != nil { // pending writes are found by inode
			return nil, err
		}
	}
	return n.rec, nil
}

// FSWrite writes body (the runs laid end to end) to the file at p as log
// chunks, and with publish also makes the result the object's content.
func (s *Service) FSWrite(ctx context.Context, bucket, p string, runs []Run, body io.Reader, publish bool, mtime int64) (Entry, error) {
	return s.fsWrite(ctx, bucket, p, runs, body, publish, mtime, nil)
}

func (s *Service) fsWrite(ctx context.Context, bucket, p string, runs []Run, body io.Reader, publish bool, mtime int64, set *SetAttr) (Entry, error) {
	const op = "object.FSWrite"
	var total int64
	for i, r := range runs {
		if r.Off < 0 || r.Len < 0 || (i > 0 && r.Off < runs[i-1].Off+runs[i-1].Len) {
			return Entry{}, fsErr(op, syscall.EINVAL, "extents must be sorted and disjoint")
		}
		total += r.Len
	}
	if err := s.CheckQuota(ctx, bucket, Usage{LogicalBytes: total}); err != nil {
		return Entry{}, err // before the data is stored
	}
	c, _, _, err := s.bucket(ctx, bucket)
	if err != nil {
		return Entry{}, err
	}
	var w written
	if total > 0 {
		ref := blob.BackRef{Container: c.ID.String(), Object: p, Version: "fs"}
		// Unhashed: the MD5 was half a log write's CPU, and nothing
		// reads it (a published file's ETag is fsETag).
		if w, err = s.writeData(ctx, c, ref, sealedReader{body}, total, ""); err != nil {
			return Entry{}, err
		}
		if w.size != total {
			s.deleteContent(context.WithoutCancel(ctx), w.content)
			return Entry{}, fsErr(op, syscall.EIO, "short body: %d of %d bytes", w.size, total)
		}
	}
	var out Entry
	err = s.fsUpdate(ctx, bucket, p, func(t *fsTx) error {
		rec, err := t.openFile(op, p)
		if err == nil {
			err = fsArchiveWritable(op, rec, p)
		}
		if err != nil {
			return err
		}
		ops := []pendingOp{{Runs: runs, Data: sharedContent(w.content)}}
		if !publish {
			if err := t.addPending(rec.FS.Ino, ops); err != nil {
				return err
			}
			// The size is left out: the writer knows it, and adding it
			// up would read the whole log on every write.
			out = entryOf(rec, -1)
			return noteChange(t.tx, t.m2, p, "write", t.origin)
		}
		out, err = t.publish(rec, ops, mtime, set)
		return err
	})
	if err != nil && total > 0 {
		s.deleteContent(context.WithoutCancel(ctx), w.content)
	}
	return out, err
}

// FSTruncate sets the size of the file at p, as a pending operation or,
// with publish, at once.
func (s *Service) FSTruncate(ctx context.Context, bucket, p string, size int64, publish bool) (Entry, error) {
	const op = "object.FSTruncate"
	if size < 0 {
		return Entry{}, fsErr(op, syscall.EINVAL, "negative size")
	}
	var out Entry
	err := s.fsUpdate(ctx, bucket, p, func(t *fsTx) error {
		rec, err := t.openFile(op, p)
		if err == nil {
			err = fsArchiveWritable(op, rec, p)
		}
		if err != nil {
			return err
		}
		ops := []pendingOp{{Truncate: true, Size: size}}
		if publish {
			out, err = t.publish(rec, ops, nowNanos(), nil)
			return err
		}
		if err := t.addPending(rec.FS.Ino, ops); err != nil {
			return err
		}
		out = entryOf(rec, size)
		return noteChange(t.tx, t.m2, p, "write", t.origin)
	})
	return out, err
}

// FSPublish makes the pending writes of the file at p its object's
// content (close and fsync through a mount).
func (s *Service) FSPublish(ctx context.Context, bucket, p string, mtime int64) (Entry, error) {
	return s.fsPublish(ctx, bucket, p, mtime, nil)
}

func (s *Service) fsPublish(ctx context.Context, bucket, p string, mtime int64, set *SetAttr) (Entry, error) {
	var out Entry
	err := s.fsUpdate(ctx, bucket, p, func(t *fsTx) error {
		rec, err := t.openFile("object.FSPublish", p)
		if err != nil {
			return err
		}
		out, err = t.publish(rec, nil, mtime, set)
		return err
	})
	return out, err
}

// publish applies the inode's pending operations, then extra, to rec's
// content and commits the result under every name of the inode, with
// set's attribute changes (nil: none) made in the same version.
func (t *fsTx) publish(rec *record, extra []pendingOp, mtime int64, set *SetAttr) (Entry, error) {
	ops, keys, err := t.pending(rec)
	if err != nil {
		return Entry{}, err
	}
	ops = append(ops, extra...)
	if len(ops) == 0 {
		if set != nil {
			return t.setAfterPublish(rec.Info.Key, *set)
		}
		return entryOf(rec, rec.Info.Size), nil
	}
	content := rec.Content
	for _, op := range ops {
		content = op.apply(content)
	}
	content = sharedContent(coalesce(content))
	for _, k := range keys {
		if err := t.tx.Delete(k); err != nil {
			return Entry{}, err
		}
	}
	if mtime == 0 {
		mtime = nowNanos()
	}
	names, err := t.links(rec)
	if err != nil {
		return Entry{}, err
	}
	var out Entry
	for _, name := range names {
		r := rec
		if name != rec.Info.Key {
			if r, err = t.record(name); err != nil {
				return Entry{}, err
			}
			if r == nil || r.FS == nil || r.FS.Ino != rec.FS.Ino {
				continue
			}
		}
		next := *r
		a := *r.FS
		a.Mtime, a.Ctime = mtime, nowNanos()
		if set != nil {
			applySet(*set, &a) // in the same version: one record, one event
		}
		next.FS = &a
		next.Content = content
		next.Restored, next.Info.Restore = nil, nil // the restored copy stays with its version
		next.UploadID = ""
		next.Info.VersionID = versionFor(t.c)
		next.Info.Size = contentSize(content)
		next.Info.ETag = fsETag(content)
		next.Info.PartSizes, next.Info.Checksums = nil, nil
		next.Info.ChecksumType, next.Info.PartChecksums = "", nil
		next.Info.Policy = policyOf(content)
		if err := t.put(&next); err != nil {
			return Entry{}, err
		}
		if name == rec.Info.Key {
			out = entryOf(&next, next.Info.Size)
		}
	}
	if fragmented(content) {
		t.compact = append(t.compact, rec.Info.Key) // queued once committed
	}
	return out, nil
}

// FSRead returns a reader of n bytes at off of the file at p as the mount
// sees it (pending writes included), and the file's size.
func (s *Service) FSRead(ctx context.Context, bucket, p string, off, n int64) (io.ReadCloser, int64, error) {
	var content []segment
	var id string
	err := s.fsView(ctx, bucket, p, func(t *fsTx) error {
		n, err := t.lookup(p)
		switch {
		case err != nil:
			return err
		case !n.exists:
			return fsErr("object.FSRead", syscall.ENOENT, "%q", p)
		case n.dir:
			return fsErr("object.FSRead", syscall.EISDIR, "%q", p)
		case n.rec != nil && n.rec.Enc != nil:
			return fsErr("object.FSRead", syscall.EACCES, "%q is encrypted at rest (SSE): read it through S3", p)
		}
		if n.rec != nil {
			if n.rec, err = fsReadable(n.rec, p); err != nil {
				return err
			}
		}
		content, id, err = t.viewID(n.rec)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	size := contentSize(content)
	if off < 0 || n < 0 {
		return nil, 0, fsErr("object.FSRead", syscall.EINVAL, "bad range")
	}
	end := min(size, off+n)
	if off >= end {
		return idReader{io.NopCloser(eofReader{}), id}, size, nil
	}
	return idReader{&contentReader{ctx: ctx, s: s, content: content, off: off, end: end}, id}, size, nil
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

var _ = fmt.Sprintf

func md5Hex(b []byte) string {
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:])
}
