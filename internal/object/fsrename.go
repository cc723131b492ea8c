package object

import (
	"context"
	"github.com/strata-storage/strata/internal/event"
	"strings"
	"syscall"

	"github.com/strata-storage/strata/internal/meta"
)

// FSRename moves the node at oldPath to newPath in one transaction. A
// directory moves with everything below it: each key is re-recorded under
// the new prefix, and no object data is copied. Inode numbers move with
// the names, so open files and hard links stay what they were.
func (s *Service) FSRename(ctx context.Context, bucket, oldPath, newPath string, flags uint32) error {
	const op = "object.FSRename"
	oldPath, newPath = trimSlash(oldPath), trimSlash(newPath)
	if flags&RenameExchange != 0 {
		return fsErr(op, syscall.EINVAL, "RENAME_EXCHANGE is not supported")
	}
	if err := validPath(op, newPath); err != nil {
		return err
	}
	return s.fsUpdate(ctx, bucket, oldPath, func(t *fsTx) error {
		if oldPath == "" || newPath == "" {
			return fsErr(op, syscall.EBUSY, "the root")
		}
		src, err := t.lookup(oldPath)
		if err != nil {
			return err
		}
		if !src.exists {
			return fsErr(op, syscall.ENOENT, "%q", oldPath)
		}
		if err := t.requireDir(op, parentOf(newPath)); err != nil {
			return err
		}
		if oldPath == newPath {
			return nil
		}
		if src.dir && strings.HasPrefix(newPath, oldPath+"/") {
			return fsErr(op, syscall.EINVAL, "cannot move a directory into itself")
		}
		dst, err := t.lookup(newPath)
		if err != nil {
			return err
		}
		if dst.exists && !src.dir && !dst.dir && src.rec.FS != nil && dst.rec.FS != nil && src.rec.FS.Ino == dst.rec.FS.Ino {
			return nil // two names of one inode: rename(2) does nothing
		}
		if dst.exists {
			if flags&RenameNoReplace != 0 {
				return fsErr(op, syscall.EEXIST, "%q", newPath)
			}
			if err := t.replaceTarget(op, src, dst, oldPath, newPath); err != nil {
				return err
			}
		}
		if src.dir {
			err = t.moveDir(oldPath, newPath, src)
		} else {
			err = t.moveFile(src.rec, newPath)
		}
		if err != nil {
			return err
		}
		if err := t.touchParent(oldPath); err != nil {
			return err
		}
		if parentOf(oldPath) != parentOf(newPath) {
			return t.touchParent(newPath)
		}
		return nil
	})
}

// replaceTarget removes what a rename overwrites, with rename(2)'s rules.
func (t *fsTx) replaceTarget(op string, src, dst node, oldPath, newPath string) error {
	switch {
	case src.dir && !dst.dir:
		return fsErr(op, syscall.ENOTDIR, "%q", newPath)
	case !src.dir && dst.dir:
		return fsErr(op, syscall.EISDIR, "%q", newPath)
	case dst.dir:
		if kids, err := t.hasChildren(newPath); err != nil || kids {
			if err == nil {
				err = fsErr(op, syscall.ENOTEMPTY, "%q", newPath)
			}
			return err
		}
		if dst.rec != nil {
			return t.remove(dirKey(newPath))
		}
		return nil
	}
	if err := fsWritable(op, dst.rec); err != nil {
		return err
	}
	last, err := t.unlinkName(dst.rec)
	if err == nil && last {
		err = t.dropPending(dst.rec)
	}
	return err
}

// moveFile re-records rec under newKey and removes its old name.
func (t *fsTx) moveFile(rec *record, newKey string) error {
	oldKey := rec.Info.Key
	if err := fsWritable("object.FSRename", rec); err != nil {
		return err
	}
	a := fsAttrs(rec)
	names, err := t.links(rec)
	if err != nil {
		return err
	}
	moved := *rec
	attr := *a
	attr.Ctime = nowNanos()
	moved.FS = &attr
	moved.Content = sharedContent(rec.Content)
	moved.Info.Key = newKey
	moved.Info.VersionID = versionFor(t.c)
	if err := t.remove(oldKey); err != nil {
		return err
	}
	if err := t.put(&moved); err != nil {
		return err
	}
	if len(names) > 1 {
		for i, n := range names {
			if n == oldKey {
				names[i] = newKey
			}
		}
		return t.setLinks(a.Ino, names)
	}
	return nil
}

// moveDir moves every key below directory oldPath under newPath.
func (t *fsTx) moveDir(oldPath, newPath string, src node) error {
	oldPrefix := dirKey(oldPath)
	base := t.m2.Current(oldPrefix)
	it := t.r.Iter(base, meta.PrefixEnd(base))
	var recs []*record
	for ok := it.First(); ok; ok = it.Next() {
		rec, err := decodeRecord(it.Value())
		if err != nil {
			it.Close()
			return err
		}
		recs = append(recs, rec)
	}
	if err := it.Close(); err != nil {
		return err
	}
	if src.rec == nil {
		// Implicit: give it a marker so its inode number survives the move.
		e := implicitDir(oldPath)
		marker := t.newRecord(dirKey(newPath), &FileAttr{Ino: e.Ino, Mode: e.Mode, Mtime: nowNanos(), Ctime: nowNanos()}, nil)
		if err := t.put(marker); err != nil {
			return err
		}
	}
	if t.c.Versioning == "" {
		if err := t.moveAllUnversioned(recs, oldPrefix, dirKey(newPath)); err != nil {
			return err
		}
		if err := noteChange(t.tx, t.m2, dirKey(oldPath), "delete", t.origin); err != nil {
			return err
		}
		return noteChange(t.tx, t.m2, dirKey(newPath), "put", t.origin)
	}
	origin := t.origin
	t.origin = silent
	for _, rec := range recs {
		if err := t.moveFile(rec, dirKey(newPath)+strings.TrimPrefix(rec.Info.Key, oldPrefix)); err != nil {
			return err
		}
	}
	t.origin = origin
	if err := noteChange(t.tx, t.m2, dirKey(oldPath), "delete", origin); err != nil {
		return err
	}
	return noteChange(t.tx, t.m2, dirKey(newPath), "put", origin)
}

// moveAllUnversioned re-records every key of a directory under a new
// prefix in an unversioned bucket, where each key has exactly one (null)
// version: four writes per key and no reads beyond the directory's scan,
// so that a rename of tens of thousands of files is one modest
// transaction, also on the etcd engine. The destination is known empty.
func (t *fsTx) moveAllUnversioned(recs []*record, oldPrefix, newPrefix string) error {
	now := nowNanos()
	// Each key's last event, in two scans rather than a read per key.
	oldSeqs, err := seqsUnder(t.tx, t.m2, oldPrefix)
	if err != nil {
		return err
	}
	newSeqs, err := seqsUnder(t.tx, t.m2, newPrefix)
	if err != nil {
		return err
	}
	// The old names keep their event sequences without a current record:
	// the range's mark says so once for all of them.
	if len(recs) > 0 {
		if err := markOrphanSeqs(t.tx, t.m2); err != nil {
			return err
		}
	}
	for _, rec := range recs {
		a := fsAttrs(rec)
		if err := t.tx.Delete(t.m2.Version(rec.Info.Key, rec.Nanos, rec.Info.VersionID)); err != nil {
			return err
		}
		if err := lcUnindex(t.tx, t.m2, rec); err != nil {
			return err
		}
		if err := t.tx.Delete(t.m2.Current(rec.Info.Key)); err != nil {
			return err
		}
		names, err := t.links(rec)
		if err != nil {
			return err
		}
		oldKey := rec.Info.Key
		moved := *rec
		attr := *a
		attr.Ctime = now
		moved.FS = &attr
		moved.Content = sharedContent(rec.Content)
		moved.Info.Key = newPrefix + strings.TrimPrefix(oldKey, oldPrefix)
		t.kept = append(t.kept, moved.Content...)
		b := encodeRecord(&moved)
		if err := t.tx.Set(t.m2.Version(moved.Info.Key, moved.Nanos, moved.Info.VersionID), b); err != nil {
			return err
		}
		if err := lcIndex(t.tx, t.m2, &moved); err != nil {
			return err
		}
		if err := t.tx.Set(t.m2.Current(moved.Info.Key), b); err != nil {
			return err
		}
		if err := writeEvent(t.tx, t.m2, movedEvent(event.ObjectRemovedDelete, &rec.Info), oldSeqs[oldKey]); err != nil {
			return err
		}
		if err := writeEvent(t.tx, t.m2, movedEvent(event.ObjectCreatedPut, &moved.Info), newSeqs[moved.Info.Key]); err != nil {
			return err
		}
		if len(names) > 1 {
			for i, n := range names {
				if n == oldKey {
					names[i] = moved.Info.Key
				}
			}
			if err := t.setLinks(a.Ino, names); err != nil {
				return err
			}
		}
	}
	return nil
}
