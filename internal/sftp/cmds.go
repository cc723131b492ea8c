package sftp

import (
	"syscall"

	"github.com/pkg/sftp"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/vfs"
)

// renameNoReplace is the rename flag that refuses to replace an existing
// name (Linux's RENAME_NOREPLACE, which the vfs takes).
const renameNoReplace = 1

// Filecmd runs the commands that answer with a status only.
func (h *handlers) Filecmd(r *sftp.Request) error {
	switch r.Method {
	case "Setstat":
		return h.setstat(r)
	case "Rename":
		// SFTP v3's rename must not replace the target.
		return h.rename(r, renameNoReplace)
	case "Rmdir":
		return h.rmdir(r)
	case "Mkdir":
		return h.mkdir(r)
	case "Remove":
		fs, rel, err := h.inBucket(r.Context(), "remove", r.Filepath)
		if err != nil {
			return err
		}
		return status("remove", r.Filepath, fs.Unlink(r.Context(), rel))
	case "Symlink":
		// pkg/sftp: Target is the new link, Filepath what it points to.
		fs, rel, err := h.inBucket(r.Context(), "symlink", r.Target)
		if err != nil {
			return err
		}
		_, err = fs.Symlink(r.Context(), rel, r.Filepath, vfs.Attrs{Mode: syscall.S_IFLNK | 0o777})
		return status("symlink", r.Target, err)
	case "Link":
		return h.link(r)
	}
	return sftp.ErrSSHFxOpUnsupported
}

// PosixRename is posix-rename@openssh.com: rename, replacing the target.
func (h *handlers) PosixRename(r *sftp.Request) error { return h.rename(r, 0) }

func (h *handlers) mkdir(r *sftp.Request) error {
	ctx := r.Context()
	bucket, rel := shares.Split(r.Filepath)
	switch {
	case bucket == "":
		return status("mkdir", r.Filepath, syscall.EEXIST)
	case rel == "":
		return status("mkdir", r.Filepath, h.sess.MakeBucket(ctx, bucket))
	}
	fs, err := h.sess.FS(ctx, bucket)
	if err == nil {
		_, err = fs.Mkdir(ctx, rel, vfs.Attrs{Mode: syscall.S_IFDIR | 0o755})
	}
	return status("mkdir", r.Filepath, err)
}

func (h *handlers) rmdir(r *sftp.Request) error {
	ctx := r.Context()
	bucket, rel := shares.Split(r.Filepath)
	switch {
	case bucket == "":
		return status("rmdir", r.Filepath, syscall.EBUSY)
	case rel == "":
		return status("rmdir", r.Filepath, h.sess.RemoveBucket(ctx, bucket))
	}
	fs, err := h.sess.FS(ctx, bucket)
	if err == nil {
		err = fs.Rmdir(ctx, rel)
	}
	return status("rmdir", r.Filepath, err)
}

// pair resolves a two-path command: both paths must be in one bucket.
func (h *handlers) pair(r *sftp.Request, op string) (*vfs.FS, string, string, error) {
	fs, from, err := h.inBucket(r.Context(), op, r.Filepath)
	if err != nil {
		return nil, "", "", err
	}
	b1, _ := shares.Split(r.Filepath)
	b2, to := shares.Split(r.Target)
	if to == "" {
		return nil, "", "", status(op, r.Target, syscall.EPERM)
	}
	if b1 != b2 {
		// Buckets are separate file systems, as mount points are.
		return nil, "", "", status(op, r.Target, syscall.EXDEV)
	}
	return fs, from, to, nil
}

func (h *handlers) rename(r *sftp.Request, flags uint32) error {
	fs, from, to, err := h.pair(r, "rename")
	if err != nil {
		return err
	}
	return status("rename", r.Filepath, fs.Rename(r.Context(), from, to, flags))
}

func (h *handlers) link(r *sftp.Request) error {
	fs, from, to, err := h.pair(r, "link")
	if err != nil {
		return err
	}
	_, err = fs.Link(r.Context(), from, to)
	return status("link", r.Target, err)
}

// setstat changes size (truncate), permissions, owner and times. A file
// open through this session takes the change through its handle, so
// that its unpublished writes keep their order.
func (h *handlers) setstat(r *sftp.Request) error {
	ctx := r.Context()
	h.applyHeld()
	bucket, rel := shares.Split(r.Filepath)
	if bucket == "" {
		return status("setstat", r.Filepath, syscall.EPERM)
	}
	fs, err := h.sess.FS(ctx, bucket)
	if err != nil {
		return status("setstat", r.Filepath, err)
	}
	a, set := r.Attributes(), r.AttrFlags()
	var s vfs.SetAttrs
	if set.Size {
		size := int64(a.Size)
		s.Size = &size
	}
	if set.Permissions {
		mode := a.Mode & 0o7777
		s.Mode = &mode
	}
	if set.UidGid {
		s.Uid, s.Gid = &a.UID, &a.GID
	}
	if set.Acmodtime {
		at, mt := int64(a.Atime)*1e9, int64(a.Mtime)*1e9
		s.Atime, s.Mtime = &at, &mt
	}
	_, err = fs.SetAttr(ctx, rel, nil, s)
	return status("setstat", r.Filepath, err)
}
