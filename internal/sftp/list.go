package sftp

import (
	"context"
	"path"
	"syscall"

	"github.com/pkg/sftp"

	"github.com/strata-storage/strata/internal/vfs"
)

// Filelist answers List (a folder's entries) and Stat (one entry,
// following symbolic links).
func (h *handlers) Filelist(r *sftp.Request) (sftp.ListerAt, error) {
	ctx := r.Context()
	switch r.Method {
	case "List":
		es, err := h.sess.ReadDir(ctx, r.Filepath)
		if err != nil {
			return nil, status("readdir", r.Filepath, err)
		}
		l := make(lister, len(es))
		for i, e := range es {
			l[i] = vfs.NewFileInfo(e.Name, e)
		}
		return l, nil
	case "Stat":
		_, e, err := h.follow(ctx, r.Filepath)
		if err != nil {
			return nil, status("stat", r.Filepath, err)
		}
		return lister{vfs.NewFileInfo(path.Base(r.Filepath), e)}, nil
	}
	return nil, sftp.ErrSSHFxOpUnsupported
}

// Lstat describes a path without following a symbolic link.
func (h *handlers) Lstat(r *sftp.Request) (sftp.ListerAt, error) {
	e, err := h.sess.Stat(r.Context(), r.Filepath)
	if err != nil {
		return nil, status("lstat", r.Filepath, err)
	}
	return lister{vfs.NewFileInfo(path.Base(r.Filepath), e)}, nil
}

// Readlink is a symbolic link's target, as stored.
func (h *handlers) Readlink(p string) (string, error) {
	e, err := h.sess.Stat(context.Background(), p)
	if err != nil {
		return "", status("readlink", p, err)
	}
	if e.Mode&syscall.S_IFMT != syscall.S_IFLNK {
		return "", status("readlink", p, syscall.EINVAL)
	}
	return e.Target, nil
}
