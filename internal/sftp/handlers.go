package sftp

import (
	"context"
	"io"
	"path"
	"sync"
	"syscall"

	"github.com/pkg/sftp"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/vfs"
)

// handlers serve one SFTP subsystem over a user's session: the tree of
// its buckets.
type handlers struct {
	sess *shares.Session

	mu    sync.Mutex
	files map[*file]struct{} // open for writing: their held writes
}

var (
	_ sftp.OpenFileWriter       = (*handlers)(nil)
	_ sftp.FileReader           = (*handlers)(nil)
	_ sftp.PosixRenameFileCmder = (*handlers)(nil)
	_ sftp.LstatFileLister      = (*handlers)(nil)
	_ sftp.ReadlinkFileLister   = (*handlers)(nil)
)

func newHandlers(sess *shares.Session) sftp.Handlers {
	h := &handlers{sess: sess, files: map[*file]struct{}{}}
	return sftp.Handlers{FileGet: h, FilePut: h, FileCmd: h, FileList: h}
}

// inBucket resolves a path that must lie inside a bucket (not the root
// or a bucket's own folder): its file system and the path in it.
func (h *handlers) inBucket(ctx context.Context, op, p string) (*vfs.FS, string, error) {
	bucket, rel := shares.Split(p)
	if bucket == "" || rel == "" {
		return nil, "", status(op, p, syscall.EISDIR)
	}
	fs, err := h.sess.FS(ctx, bucket)
	if err != nil {
		return nil, "", status(op, p, err)
	}
	return fs, rel, nil
}

// Fileread opens a file for reading (following symbolic links).
func (h *handlers) Fileread(r *sftp.Request) (io.ReaderAt, error) {
	ctx := r.Context()
	p, e, err := h.follow(ctx, r.Filepath)
	if err != nil {
		return nil, status("open", r.Filepath, err)
	}
	fs, rel, err := h.inBucket(ctx, "open", p)
	if err != nil {
		return nil, err
	}
	vh, err := fs.Open(ctx, rel, e, syscall.O_RDONLY)
	if err != nil {
		return nil, status("open", r.Filepath, err)
	}
	// A stat is authorized as a listing is, so a user may see a file it
	// may not read: read its start now, so that open fails as open(2)
	// would. The vfs keeps what it fetched (its read-ahead from offset
	// 0), so the client's first read costs no second request.
	var probe [1]byte
	if _, err := vh.Read(ctx, probe[:], 0); err != nil {
		vh.Release(ctx)
		return nil, status("open", r.Filepath, err)
	}
	// A small file gets a window its size (one byte more, to see its
	// end), not 4 MiB per open.
	size := int(min(readWindow, max(e.Size+1, 64<<10)))
	return &file{h: vh, path: r.Filepath, seq: newWriteSeq(), wins: &windows{size: size}}, nil
}

// Filewrite opens a file for writing.
func (h *handlers) Filewrite(r *sftp.Request) (io.WriterAt, error) {
	return h.open(r, syscall.O_WRONLY)
}

// OpenFile opens a file for reading and writing.
func (h *handlers) OpenFile(r *sftp.Request) (sftp.WriterAtReaderAt, error) {
	return h.open(r, syscall.O_RDWR)
}

// open opens (and with the create flag, creates) a file for writing.
// SFTP's append flag is not passed on: clients write at explicit
// offsets, which O_APPEND would override.
func (h *handlers) open(r *sftp.Request, mode int) (*file, error) {
	ctx := r.Context()
	pf := r.Pflags()
	flags := mode
	if pf.Trunc {
		flags |= syscall.O_TRUNC
	}
	p := r.Filepath
	if !pf.Creat || !pf.Excl {
		// An existing symbolic link is written through, as open(2) does.
		if target, _, err := h.follow(ctx, p); err == nil {
			p = target
		}
	}
	fs, rel, err := h.inBucket(ctx, "open", p)
	if err != nil {
		return nil, err
	}
	var vh *vfs.Handle
	if pf.Creat {
		if pf.Excl {
			flags |= syscall.O_EXCL
		}
		flags |= syscall.O_CREAT
		_, vh, err = fs.Create(ctx, rel, vfs.Attrs{Mode: syscall.S_IFREG | 0o644}, flags)
	} else {
		var e vfs.Entry
		if e, err = fs.Stat(ctx, rel); err == nil {
			vh, err = fs.Open(ctx, rel, e, flags)
		}
	}
	if err != nil {
		return nil, status("open", r.Filepath, err)
	}
	f := &file{h: vh, path: r.Filepath, seq: newWriteSeq(), onClose: h.forget}
	h.mu.Lock()
	h.files[f] = struct{}{}
	h.mu.Unlock()
	return f, nil
}

func (h *handlers) forget(f *file) {
	h.mu.Lock()
	delete(h.files, f)
	h.mu.Unlock()
}

// applyHeld applies the writes the session's open files still hold, so
// that a setstat (a truncate) comes after every write acknowledged
// before it, as the client expects.
func (h *handlers) applyHeld() {
	h.mu.Lock()
	fs := make([]*file, 0, len(h.files))
	for f := range h.files {
		fs = append(fs, f)
	}
	h.mu.Unlock()
	for _, f := range fs {
		f.mu.Lock()
		f.flushHeld()
		f.mu.Unlock()
	}
}

// maxLinks bounds the symbolic links followed to resolve one path.
const maxLinks = 8

// follow resolves symbolic links at path p (within the tree) and returns
// the final path and its entry.
func (h *handlers) follow(ctx context.Context, p string) (string, vfs.Entry, error) {
	p = path.Clean("/" + p)
	for range maxLinks {
		e, err := h.sess.Stat(ctx, p)
		if err != nil || e.Mode&syscall.S_IFMT != syscall.S_IFLNK {
			return p, e, err
		}
		if path.IsAbs(e.Target) {
			p = path.Clean(e.Target)
		} else {
			p = path.Join(path.Dir(p), e.Target)
		}
	}
	return p, vfs.Entry{}, syscall.ELOOP
}
