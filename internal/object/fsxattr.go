package object

import (
	"context"
	"slices"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/strata-storage/strata/internal/filetree"
)

// Extended attributes. user.NAME is the object's user metadata NAME
// (x-amz-meta-NAME) when NAME and the value fit S3 metadata (lower-case
// token, printable text); anything else is kept in the file attributes.

const userPrefix = "user."

func metaName(name string) (string, bool) {
	n, ok := strings.CutPrefix(name, userPrefix)
	if !ok || n == "" || n != strings.ToLower(n) {
		return "", false
	}
	for _, r := range n {
		if r <= ' ' || r >= 0x7f || strings.ContainsRune("()<>@,;:\\\"/[]?={}", r) {
			return "", false
		}
	}
	return n, true
}

func printable(v []byte) bool {
	if !utf8.Valid(v) {
		return false
	}
	for _, r := range string(v) {
		if r < ' ' || r == 0x7f {
			return false
		}
	}
	return true
}

// xattrsOf lists a record's xattrs.
func xattrsOf(rec *record) map[string][]byte {
	out := map[string][]byte{}
	for k, v := range rec.Info.UserMeta {
		out[userPrefix+k] = []byte(v)
	}
	if rec.FS != nil {
		for k, v := range rec.FS.Xattr {
			if filetree.XattrKept(k) { // one stored before its name was refused stays hidden
				out[k] = v
			}
		}
	}
	return out
}

// fsNode returns the record holding p's attributes, making a marker for
// an implicit directory when create is set.
func (t *fsTx) attrRecord(op, p string, create bool) (*record, error) {
	n, err := t.lookup(p)
	switch {
	case err != nil:
		return nil, err
	case !n.exists:
		return nil, fsErr(op, syscall.ENOENT, "%q", p)
	case p == "":
		return nil, fsErr(op, syscall.ENOTSUP, "xattrs on the root")
	case n.rec == nil && create:
		e := implicitDir(p)
		rec := t.newRecord(dirKey(p), &FileAttr{Ino: e.Ino, Mode: e.Mode, Mtime: nowNanos()}, nil)
		if err := t.put(rec); err != nil {
			return nil, err
		}
		return rec, nil
	case n.rec == nil:
		return &record{Info: ObjectInfo{Key: dirKey(p)}}, nil
	}
	return n.rec, nil
}

// FSGetXattrs returns every xattr of the node at p.
func (s *Service) FSGetXattrs(ctx context.Context, bucket, p string) (map[string][]byte, error) {
	p = trimSlash(p)
	var out map[string][]byte
	err := s.fsView(ctx, bucket, p, func(t *fsTx) error {
		rec, err := t.attrRecord("object.FSGetXattrs", p, false)
		if err == nil {
			out = xattrsOf(rec)
		}
		return err
	})
	return out, err
}

// FSSetXattr sets (value != nil) or removes (value == nil) one xattr.
func (s *Service) FSSetXattr(ctx context.Context, bucket, p, name string, value []byte, flags uint32) error {
	const op = "object.FSSetXattr"
	p = trimSlash(p)
	if name == "" || len(name) > 255 {
		return fsErr(op, syscall.ERANGE, "bad xattr name")
	}
	if len(value) > MaxXattrSize {
		return fsErr(op, syscall.E2BIG, "xattr value too large")
	}
	if !filetree.XattrKept(name) {
		return fsErr(op, syscall.ENOTSUP, "xattrs named %q are not kept", name)
	}
	return s.fsUpdate(ctx, bucket, p, func(t *fsTx) error {
		rec, err := t.attrRecord(op, p, true)
		if err != nil {
			return err
		}
		_, exists := xattrsOf(rec)[name]
		switch {
		case value == nil && !exists:
			return fsErr(op, filetree.ErrnoNoAttr, "%q", name)
		case flags&XattrCreate != 0 && exists:
			return fsErr(op, syscall.EEXIST, "%q", name)
		case flags&XattrReplace != 0 && !exists:
			return fsErr(op, filetree.ErrnoNoAttr, "%q", name)
		}
		fsAttrs(rec)
		return t.eachLink(rec, func(r *record) {
			fsAttrs(r)
			setXattr(r, name, value)
			r.FS.Ctime = nowNanos()
		})
	})
}

func setXattr(r *record, name string, value []byte) {
	if r.Info.UserMeta != nil {
		if mn, ok := metaName(name); ok {
			delete(r.Info.UserMeta, mn)
		}
	}
	delete(r.FS.Xattr, name)
	if value == nil {
		return
	}
	if mn, ok := metaName(name); ok && printable(value) {
		r.Info.UserMeta = cloneMap(r.Info.UserMeta)
		r.Info.UserMeta[mn] = string(value)
		return
	}
	if r.FS.Xattr == nil {
		r.FS.Xattr = map[string][]byte{}
	}
	r.FS.Xattr[name] = slices.Clone(value)
}

func cloneMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}
