package object

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"syscall"

	"github.com/strata-storage/strata/internal/meta"
)

// FSStat describes the node at path p.
func (s *Service) FSStat(ctx context.Context, bucket, p string) (Entry, error) {
	return s.fsStat(ctx, bucket, p, false)
}

func (s *Service) fsStat(ctx context.Context, bucket, p string, xattrs bool) (Entry, error) {
	p = trimSlash(p)
	if err := validPath("object.FSStat", p); err != nil {
		return Entry{}, err
	}
	var out Entry
	err := s.fsView(ctx, bucket, p, func(t *fsTx) error {
		n, err := t.lookup(p)
		if err != nil {
			return err
		}
		if !n.exists {
			return fsErr("object.FSStat", syscall.ENOENT, "%q", p)
		}
		out, err = t.entry(p, n)
		if xattrs && p != "" {
			withXattrs(&out, n.rec)
		}
		return err
	})
	return out, err
}

// FSList returns up to max entries of directory p from position `after`
// (the token a previous page returned), and the token of the next page
// ("" at the end). Names that cannot be file names, and objects hidden by
// a directory of the same name, are left out.
func (s *Service) FSList(ctx context.Context, bucket, p, after string, max int) ([]Entry, string, error) {
	return s.fsList(ctx, bucket, p, after, max, false)
}

func (s *Service) fsList(ctx context.Context, bucket, p, after string, max int, xattrs bool) ([]Entry, string, error) {
	const op = "object.FSList"
	p = trimSlash(p)
	if max <= 0 {
		max = 1000
	}
	var out []Entry
	next := ""
	err := s.fsView(ctx, bucket, fsDirAt(p), func(t *fsTx) error {
		if err := t.requireDir(op, p); err != nil {
			return err
		}
		prefix := ""
		if p != "" {
			prefix = dirKey(p)
		}
		base := t.m2.Current(prefix)
		it := t.r.Iter(base, meta.PrefixEnd(base))
		defer it.Close()
		ok := it.First()
		if after != "" {
			ok = it.SeekGE(t.m2.Current(prefix + after))
		}
		index := map[string]int{}
		peek := t.r.Iter(base, meta.PrefixEnd(base))
		defer peek.Close()
		for ; ok; ok = it.Valid() {
			rest := string(it.Key()[len(base):])
			if rest == "" { // the directory's own marker
				ok = it.Next()
				continue
			}
			name, sub, isDir := strings.Cut(rest, "/")
			if !validName(name) || (p == "" && name == TrashDir) {
				if isDir {
					it.SeekGE(meta.PrefixEnd(t.m2.Current(prefix + name + "/")))
				} else {
					it.Next()
				}
				continue
			}
			if len(out) >= max {
				next = rest
				break
			}
			var e Entry
			if isDir {
				e = implicitDir(joinPath(p, name))
				var rec *record
				if sub == "" { // the marker comes first in its range
					var err error
					if rec, err = decodeRecord(it.Value()); err != nil {
						return err
					}
					e = entryOf(rec, 0)
				}
				if xattrs {
					withXattrs(&e, rec)
				}
				it.SeekGE(meta.PrefixEnd(t.m2.Current(prefix + name + "/")))
			} else {
				dirPrefix := t.m2.Current(prefix + name + "/")
				if peek.SeekGE(dirPrefix) && bytes.HasPrefix(peek.Key(), dirPrefix) {
					it.Next() // hidden by the directory of the same name
					continue
				}
				rec, err := decodeRecord(it.Value())
				if err != nil {
					return err
				}
				size, err := t.pendingSize(rec)
				if err != nil {
					return err
				}
				e = entryOf(rec, size)
				if xattrs {
					withXattrs(&e, rec)
				}
				it.Next()
			}
			e.Name = name
			if i, seen := index[name]; seen { // a directory hides the object "name"
				out[i] = e
				continue
			}
			index[name] = len(out)
			out = append(out, e)
		}
		return it.Error()
	})
	return out, next, err
}

func joinPath(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

// checkCreate checks that a new name can go at p.
func (t *fsTx) checkCreate(op, p string) error {
	if p == "" {
		return fsErr(op, syscall.EEXIST, "the root")
	}
	if err := validPath(op, p); err != nil {
		return err
	}
	if err := t.requireDir(op, parentOf(p)); err != nil {
		return err
	}
	n, err := t.lookup(p)
	if err != nil {
		return err
	}
	if n.exists {
		return fsErr(op, syscall.EEXIST, "%q", p)
	}
	return nil
}

// fsDirAt is the object key a listing of directory p is about: its
// marker ("" for the root).
func fsDirAt(p string) string {
	if p == "" {
		return ""
	}
	return dirKey(p)
}

// FSMkdir creates directory p (an explicit directory marker).
func (s *Service) FSMkdir(ctx context.Context, bucket, p string, a FileAttr) (Entry, error) {
	p = trimSlash(p)
	var out Entry
	err := s.fsUpdate(ctx, bucket, dirKey(p), func(t *fsTx) error {
		if err := t.checkCreate("object.FSMkdir", p); err != nil {
			return err
		}
		rec := t.newRecord(dirKey(p), newAttr(a, syscall.S_IFDIR), nil)
		if err := t.put(rec); err != nil {
			return err
		}
		out = entryOf(rec, 0)
		return t.touchParent(p)
	})
	return out, err
}

// newAttr completes the attributes of a new node.
func newAttr(a FileAttr, typ uint32) *FileAttr {
	now := nowNanos()
	a.Ino = newIno()
	a.Mode = typ | a.Mode&^syscall.S_IFMT
	a.Atime, a.Mtime, a.Ctime, a.Nlink = now, now, now, 0
	return &a
}

// FSCreate creates an empty regular file at p; if one exists and excl is
// false, it returns the existing file.
func (s *Service) FSCreate(ctx context.Context, bucket, p string, a FileAttr, excl bool) (Entry, error) {
	const op = "object.FSCreate"
	p = trimSlash(p)
	var out Entry
	err := s.fsUpdate(ctx, bucket, p, func(t *fsTx) error {
		err := t.checkCreate(op, p)
		if fsErrno(err) == syscall.EEXIST && !excl {
			n, lerr := t.lookup(p)
			if lerr != nil {
				return lerr
			}
			if n.dir {
				return fsErr(op, syscall.EISDIR, "%q", p)
			}
			out, err = t.entry(p, n)
			return err
		}
		if err != nil {
			return err
		}
		typ := a.Mode & syscall.S_IFMT
		if typ == 0 {
			typ = syscall.S_IFREG
		}
		rec := t.newRecord(p, newAttr(a, typ), nil)
		if err := t.put(rec); err != nil {
			return err
		}
		out = entryOf(rec, 0)
		out.Created = true
		return t.touchParentAt(p, rec.FS.Ctime)
	})
	return out, err
}

func fsErrno(err error) syscall.Errno {
	if err == nil {
		return 0
	}
	return Errno(err)
}

// FSSymlink creates a symbolic link at p; the object's body is the target.
func (s *Service) FSSymlink(ctx context.Context, bucket, p, target string, a FileAttr) (Entry, error) {
	p = trimSlash(p)
	var out Entry
	err := s.fsUpdate(ctx, bucket, p, func(t *fsTx) error {
		if err := t.checkCreate("object.FSSymlink", p); err != nil {
			return err
		}
		attr := newAttr(a, syscall.S_IFLNK)
		attr.Mode = syscall.S_IFLNK | 0o777
		attr.Target = target
		rec := t.newRecord(p, attr, []segment{{Size: int64(len(target)), Inline: []byte(target)}})
		rec.Info.ETag = md5Hex([]byte(target))
		if err := t.put(rec); err != nil {
			return err
		}
		out = entryOf(rec, rec.Info.Size)
		return t.touchParentAt(p, attr.Ctime)
	})
	return out, err
}

// FSLink makes newPath a hard link to the file at oldPath.
func (s *Service) FSLink(ctx context.Context, bucket, oldPath, newPath string) (Entry, error) {
	const op = "object.FSLink"
	oldPath, newPath = trimSlash(oldPath), trimSlash(newPath)
	var out Entry
	err := s.fsUpdate(ctx, bucket, oldPath, func(t *fsTx) error {
		n, err := t.lookup(oldPath)
		switch {
		case err != nil:
			return err
		case !n.exists:
			return fsErr(op, syscall.ENOENT, "%q", oldPath)
		case n.dir:
			return fsErr(op, syscall.EPERM, "hard link to a directory")
		}
		if !t.owns(oldPath) || !t.owns(newPath) {
			// Both names must share one transaction: the content becomes
			// shared and every name's count changes.
			return fsErr(op, syscall.EXDEV, "%q and %q are in different key ranges of a split bucket", oldPath, newPath)
		}
		if err := t.checkCreate(op, newPath); err != nil {
			return err
		}
		src := n.rec
		a := fsAttrs(src)
		names, err := t.links(src)
		if err != nil {
			return err
		}
		names = append(names, newPath)
		if err := t.setLinks(a.Ino, names); err != nil {
			return err
		}
		ctime := nowNanos()
		// Every name holds the same content and attributes; the content
		// becomes shared so that no single name's removal deletes it.
		src.Content = sharedContent(src.Content)
		err = t.eachLink(src, func(r *record) {
			r.Content = src.Content
			r.FS.Nlink, r.FS.Ctime = uint32(len(names)), ctime
		})
		if err != nil {
			return err
		}
		link := *src
		attr := *src.FS
		link.FS = &attr
		link.Info.Key = newPath
		link.Info.VersionID = versionFor(t.c)
		if err := t.put(&link); err != nil {
			return err
		}
		size, err := t.pendingSize(src)
		out = entryOf(&link, size)
		if err != nil {
			return err
		}
		return t.touchParent(newPath)
	})
	return out, err
}

// unlinkName removes one name of a file, keeping the other links'
// counts right. It returns whether the inode lost its last name.
func (t *fsTx) unlinkName(rec *record) (bool, error) {
	names, err := t.links(rec)
	if err != nil {
		return false, err
	}
	if err := t.remove(rec.Info.Key); err != nil {
		return false, err
	}
	rest := slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == rec.Info.Key })
	if len(names) <= 1 || rec.FS == nil {
		return true, nil
	}
	if err := t.setLinks(rec.FS.Ino, rest); err != nil {
		return false, err
	}
	ctime := nowNanos()
	for _, name := range rest {
		if !t.owns(name) {
			continue // a hard link a split left in another range keeps its count
		}
		r, err := t.record(name)
		if err != nil {
			return false, err
		}
		if r == nil || r.FS == nil || r.FS.Ino != rec.FS.Ino {
			continue
		}
		r.FS.Nlink, r.FS.Ctime = uint32(len(rest)), ctime
		if err := t.rewrite(r); err != nil {
			return false, err
		}
	}
	return len(rest) == 0, nil
}

// dropPending forgets an unlinked inode's unpublished writes.
func (t *fsTx) dropPending(rec *record) error {
	if rec.FS == nil {
		return nil
	}
	_, keys, err := t.pending(rec)
	for _, k := range keys {
		if err == nil {
			err = t.tx.Delete(k)
		}
	}
	return err
}

// FSUnlink removes the file or symlink at p.
func (s *Service) FSUnlink(ctx context.Context, bucket, p string) error {
	_, err := s.FSUnlinkTimed(ctx, bucket, p)
	return err
}

// FSUnlinkTimed is FSUnlink, and returns the time it set on the parent
// directory, so that a mount keeps its cached parent without a stat.
func (s *Service) FSUnlinkTimed(ctx context.Context, bucket, p string) (int64, error) {
	const op = "object.FSUnlink"
	p = trimSlash(p)
	now := nowNanos()
	return now, s.fsUpdate(ctx, bucket, p, func(t *fsTx) error {
		n, err := t.lookup(p)
		switch {
		case err != nil:
			return err
		case !n.exists:
			return fsErr(op, syscall.ENOENT, "%q", p)
		case n.dir:
			return fsErr(op, syscall.EISDIR, "%q", p)
		}
		if err := fsWritable(op, n.rec); err != nil {
			return err
		}
		last, err := t.unlinkName(n.rec)
		if err == nil && last {
			err = t.dropPending(n.rec)
		}
		if err != nil {
			return err
		}
		return t.touchParentAt(p, now)
	})
}

// FSRmdir removes the empty directory p.
func (s *Service) FSRmdir(ctx context.Context, bucket, p string) error {
	const op = "object.FSRmdir"
	p = trimSlash(p)
	return s.fsUpdate(ctx, bucket, dirKey(p), func(t *fsTx) error {
		if p == "" {
			return fsErr(op, syscall.EBUSY, "the root")
		}
		n, err := t.lookup(p)
		switch {
		case err != nil:
			return err
		case !n.exists:
			return fsErr(op, syscall.ENOENT, "%q", p)
		case !n.dir:
			return fsErr(op, syscall.ENOTDIR, "%q", p)
		}
		if kids, err := t.hasChildren(p); err != nil || kids {
			if err == nil {
				err = fsErr(op, syscall.ENOTEMPTY, "%q", p)
			}
			return err
		}
		if err := t.remove(dirKey(p)); err != nil {
			return err
		}
		return t.touchParent(p)
	})
}

// touchParent updates the mtime and ctime of p's parent directory, if it
// has attributes of its own (a marker).
func (t *fsTx) touchParent(p string) error { return t.touchParentAt(p, nowNanos()) }

// touchParentAt sets the times of p's parent to now: a new node's own
// ctime, so that a mount that made it knows its parent's new times
// without asking (see vfs.FS.created). It is in the change feed (mounts
// cache the directory's attributes) but not an S3 event: S3 knows no
// such change, and a marker event per name created or removed doubled
// the events, and the bus's synced writes, of a tar -x or an rm -r.
//
// In a split bucket a parent held by another range gets its times right
// after the commit (shardfs.go).
func (t *fsTx) touchParentAt(p string, now int64) error {
	parent := parentOf(p)
	at := ""
	if parent != "" {
		at = dirKey(parent)
	}
	if !t.owns(at) {
		t.touches = append(t.touches, touchLater{parent: parent, now: now})
		return nil
	}
	return t.touchDir(parent, now)
}

// touchDir sets directory dir's mtime and ctime to now.
func (t *fsTx) touchDir(parent string, now int64) error {
	if parent == "" {
		return t.updateRoot(func(a *FileAttr) { a.Mtime, a.Ctime = now, now })
	}
	rec, err := t.record(dirKey(parent))
	if err != nil || rec == nil {
		return err
	}
	a := fsAttrs(rec)
	a.Mtime, a.Ctime = now, now
	return t.rewriteQuiet(rec)
}

// updateRoot edits the root directory's attributes.
func (t *fsTx) updateRoot(fn func(*FileAttr)) error {
	e, err := t.rootEntry()
	if err != nil {
		return err
	}
	a := FileAttr{Ino: RootIno, Mode: e.Mode, Uid: e.Uid, Gid: e.Gid, Atime: e.Atime, Mtime: e.Mtime, Ctime: e.Ctime}
	fn(&a)
	b, _ := json.Marshal(a)
	if err := t.tx.Set(t.m2.Config(rootConfig), b); err != nil {
		return err
	}
	return noteChange(t.tx, t.m2, "", "meta", t.origin)
}

// FSSetAttr changes the mode, owner or times of the node at p.
func (s *Service) FSSetAttr(ctx context.Context, bucket, p string, set SetAttr) (Entry, error) {
	const op = "object.FSSetAttr"
	p = trimSlash(p)
	apply := func(a *FileAttr) { applySet(set, a) }
	var out Entry
	err := s.fsUpdate(ctx, bucket, p, func(t *fsTx) error {
		if p == "" {
			if err := t.updateRoot(apply); err != nil {
				return err
			}
			var err error
			out, err = t.rootEntry()
			return err
		}
		n, err := t.lookup(p)
		switch {
		case err != nil:
			return err
		case !n.exists:
			return fsErr(op, syscall.ENOENT, "%q", p)
		case n.dir && n.rec == nil:
			// An implicit directory gets a marker to hold its attributes.
			e := implicitDir(p)
			n.rec = t.newRecord(dirKey(p), &FileAttr{Ino: e.Ino, Mode: e.Mode, Mtime: nowNanos()}, nil)
			apply(n.rec.FS)
			if err := t.put(n.rec); err != nil {
				return err
			}
			out = entryOf(n.rec, 0)
			return nil
		}
		fsAttrs(n.rec)
		err = t.eachLink(n.rec, func(r *record) { apply(fsAttrs(r)) })
		if err != nil {
			return err
		}
		out, err = t.entry(p, n)
		return err
	})
	return out, err
}
