package nfs

import (
	"os"
	"path"
	"syscall"
	"time"

	"github.com/go-git/go-billy/v5"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/vfs"
)

// rootFS is the export "/": the buckets the user sees, as folders. Mkdir
// and rmdir there make and remove buckets. Anything below a bucket is
// served by that bucket's bucketFS (handles below "/" are bucket
// handles).
type rootFS struct{ u *user }

var (
	_ billy.Filesystem = (*rootFS)(nil)
	_ billy.Capable    = (*rootFS)(nil)
)

// below is the bucket file system and path for a path under a bucket.
func (r *rootFS) below(p string) (*bucketFS, string) {
	bucket, rel := shares.Split(p)
	return r.u.bucket(bucket), rel
}

func (r *rootFS) Stat(p string) (os.FileInfo, error) {
	if p = clean(p); p == "" {
		return newInfo("", shares.RootEntry()), nil
	}
	b, rel := r.below(p)
	fi, err := b.Stat(rel)
	if err != nil || rel != "" {
		return fi, err
	}
	return info{vfs.NewFileInfo(b.name, fi.(info).Entry())}, nil
}

func (r *rootFS) Lstat(p string) (os.FileInfo, error) { return r.Stat(p) }

func (r *rootFS) ReadDir(p string) ([]os.FileInfo, error) {
	if p = clean(p); p != "" {
		b, rel := r.below(p)
		return b.ReadDir(rel)
	}
	ents, err := r.u.sess.ReadDir(r.u.srv.ctx, "")
	if err != nil {
		return nil, pathErr("readdir", "/", err)
	}
	out := make([]os.FileInfo, len(ents))
	for i, e := range ents {
		out[i] = newInfo("", e)
	}
	return out, nil
}

func (r *rootFS) MkdirAll(p string, perm os.FileMode) error {
	p = clean(p)
	if bucket, rel := shares.Split(p); rel == "" {
		return pathErr("mkdir", p, r.u.sess.MakeBucket(r.u.srv.ctx, bucket))
	}
	b, rel := r.below(p)
	return b.MkdirAll(rel, perm)
}

func (r *rootFS) Remove(p string) error {
	p = clean(p)
	if bucket, rel := shares.Split(p); rel == "" {
		err := r.u.sess.RemoveBucket(r.u.srv.ctx, bucket)
		if err == nil {
			r.u.dropBucket(bucket)
		}
		return pathErr("rmdir", p, err)
	}
	b, rel := r.below(p)
	return b.Remove(rel)
}

func (r *rootFS) Rename(from, to string) error {
	bf, relFrom := r.below(clean(from))
	bt, relTo := r.below(clean(to))
	if bf != bt || relFrom == "" || relTo == "" {
		return pathErr("rename", from, syscall.EXDEV) // buckets are not renamed
	}
	return bf.Rename(relFrom, relTo)
}

func (r *rootFS) Create(p string) (billy.File, error) {
	b, rel := r.below(clean(p))
	return b.Create(rel)
}

func (r *rootFS) Open(p string) (billy.File, error) {
	b, rel := r.below(clean(p))
	return b.Open(rel)
}

func (r *rootFS) OpenFile(p string, flag int, perm os.FileMode) (billy.File, error) {
	b, rel := r.below(clean(p))
	return b.OpenFile(rel, flag, perm)
}

func (r *rootFS) Symlink(target, link string) error {
	b, rel := r.below(clean(link))
	return b.Symlink(target, rel)
}

func (r *rootFS) Readlink(link string) (string, error) {
	b, rel := r.below(clean(link))
	return b.Readlink(rel)
}

func (r *rootFS) Join(elem ...string) string { return path.Join(elem...) }

func (r *rootFS) TempFile(dir, prefix string) (billy.File, error) {
	return nil, pathErr("tempfile", dir, syscall.ENOTSUP)
}

func (r *rootFS) Chroot(p string) (billy.Filesystem, error) {
	return nil, pathErr("chroot", p, syscall.ENOTSUP)
}

func (r *rootFS) Root() string { return "/" }

func (r *rootFS) Capabilities() billy.Capability {
	return billy.WriteCapability | billy.ReadCapability | billy.ReadAndWriteCapability |
		billy.SeekCapability | billy.TruncateCapability
}

// change forwards a setattr below a bucket; the root itself has fixed
// attributes.
func (r *rootFS) change(p string, f func(*bucketFS, string) error) error {
	if p = clean(p); p == "" {
		return pathErr("setattr", "/", syscall.EPERM)
	}
	b, rel := r.below(p)
	return f(b, rel)
}

func (r *rootFS) Chmod(p string, mode os.FileMode) error {
	return r.change(p, func(b *bucketFS, rel string) error { return b.Chmod(rel, mode) })
}

func (r *rootFS) Lchown(p string, uid, gid int) error {
	return r.change(p, func(b *bucketFS, rel string) error { return b.Lchown(rel, uid, gid) })
}

func (r *rootFS) Chown(p string, uid, gid int) error { return r.Lchown(p, uid, gid) }

func (r *rootFS) Chtimes(p string, atime, mtime time.Time) error {
	return r.change(p, func(b *bucketFS, rel string) error { return b.Chtimes(rel, atime, mtime) })
}
