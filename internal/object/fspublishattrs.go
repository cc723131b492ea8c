package object

import (
	"context"
	"io"
	"syscall"
)

// A small file written through a mount cost a durable commit for each of
// create, chown, chmod, utimes and the publish at close (tar -x does all
// of them). A mount may hold the attribute changes of a file it is
// writing and send them with the publish: FSWriteSetAttr and
// FSPublishSetAttr apply them in the publish's transaction, as if they
// had come just before the close. They go into the published version
// itself (one record and one event per name, not a rewrite after it),
// unless there was nothing to publish.

// FSWriteSetAttr is FSWrite with publish, then FSSetAttr's changes set,
// in one transaction.
func (s *Service) FSWriteSetAttr(ctx context.Context, bucket, p string, runs []Run, body io.Reader, mtime int64, set SetAttr) (Entry, error) {
	return s.fsWrite(ctx, bucket, p, runs, body, true, mtime, &set)
}

// FSPublishSetAttr is FSPublish, then FSSetAttr's changes set, in one
// transaction.
func (s *Service) FSPublishSetAttr(ctx context.Context, bucket, p string, mtime int64, set SetAttr) (Entry, error) {
	return s.fsPublish(ctx, bucket, p, mtime, &set)
}

// setAfterPublish applies set to every name of the file at p (published, or
// with nothing to publish) and returns its entry.
func (t *fsTx) setAfterPublish(p string, set SetAttr) (Entry, error) {
	rec, err := t.record(p)
	if err != nil {
		return Entry{}, err
	}
	if rec == nil || rec.FS == nil {
		return Entry{}, fsErr("object.FSPublish", syscall.ENOENT, "%q", p)
	}
	if err := t.eachLink(rec, func(r *record) { applySet(set, fsAttrs(r)) }); err != nil {
		return Entry{}, err
	}
	if rec, err = t.record(p); err != nil {
		return Entry{}, err
	}
	size, err := t.pendingSize(rec)
	return entryOf(rec, size), err
}

// applySet makes set's changes to a.
func applySet(set SetAttr, a *FileAttr) {
	if set.Mode != nil {
		a.Mode = a.Mode&syscall.S_IFMT | *set.Mode&^syscall.S_IFMT
	}
	if set.Uid != nil {
		a.Uid = *set.Uid
	}
	if set.Gid != nil {
		a.Gid = *set.Gid
	}
	if set.Atime != nil {
		a.Atime = *set.Atime
	}
	if set.Mtime != nil {
		a.Mtime = *set.Mtime
	}
	a.Ctime = nowNanos()
}
