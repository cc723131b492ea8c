package nfs

import (
	"context"
	"errors"
	"net"
	"strings"
	"syscall"

	"github.com/go-git/go-billy/v5"
	gonfs "github.com/willscott/go-nfs"

	"github.com/strata-storage/strata/internal/shares"
)

// handler is go-nfs's Handler for one connection: it knows the call being
// served (conn), so each call runs as its own caller.
type handler struct {
	srv  *Server
	conn *recordConn
}

var _ gonfs.Handler = (*handler)(nil)

func (h *handler) caller() (*user, error) {
	c, ok := h.conn.call()
	return h.srv.user(c, ok, h.conn.RemoteAddr())
}

// Mount exports "/" (the buckets) and "/BUCKET".
func (h *handler) Mount(ctx context.Context, _ net.Conn, req gonfs.MountRequest) (gonfs.MountStatus, billy.Filesystem, []gonfs.AuthFlavor) {
	flavors := []gonfs.AuthFlavor{gonfs.AuthFlavorUnix, gonfs.AuthFlavorNull}
	u, err := h.caller()
	if err != nil {
		h.srv.log.Info("nfs mount refused", "remote", h.conn.RemoteAddr().String(), "err", err)
		return gonfs.MountStatusErrAcces, nil, flavors
	}
	bucket, rel := shares.Split(string(req.Dirpath))
	if rel != "" {
		return gonfs.MountStatusErrNoEnt, nil, flavors // exports are buckets
	}
	if bucket == "" {
		return gonfs.MountStatusOk, u.root, flavors
	}
	b := u.bucket(bucket)
	switch errno(b.err) {
	case 0:
		return gonfs.MountStatusOk, b, flavors
	case syscall.ENOENT:
		return gonfs.MountStatusErrNoEnt, nil, flavors
	case syscall.EACCES, syscall.EPERM:
		return gonfs.MountStatusErrAcces, nil, flavors
	}
	return gonfs.MountStatusErrIO, nil, flavors
}

// Change: attributes are changed through the file system itself.
func (h *handler) Change(fs billy.Filesystem) billy.Change {
	if c, ok := fs.(billy.Change); ok {
		return c
	}
	return nil
}

// FSStat: an object store has no fixed size; report a large one.
func (h *handler) FSStat(ctx context.Context, fs billy.Filesystem, st *gonfs.FSStat) error {
	const big = 1 << 50
	st.TotalSize, st.FreeSize, st.AvailableSize = big, big, big
	st.TotalFiles, st.FreeFiles, st.AvailableFiles = 1<<40, 1<<40, 1<<40
	return nil
}

// HandleLimit bounds the entries of one READDIR(PLUS) reply (half of it).
func (h *handler) HandleLimit() int { return 1 << 16 }

// deadIno is the inode of a handle made for a name that does not exist:
// it resolves to nothing.
const deadIno = ^uint64(0)

// ToHandle gives the persistent handle of fs's file at p, recording
// where it is.
func (h *handler) ToHandle(fs billy.Filesystem, p []string) []byte {
	b, rel := h.resolve(fs, p)
	if b == nil {
		return encodeHandle(fileID{})
	}
	id, err := b.record(rel)
	if err != nil {
		return encodeHandle(fileID{bucket: b.key, ino: deadIno})
	}
	return encodeHandle(id)
}

// resolve turns a go-nfs (file system, path) into a bucket and a path in
// it; nil for the root of all buckets.
func (h *handler) resolve(fs billy.Filesystem, p []string) (*bucketFS, string) {
	switch fs := fs.(type) {
	case *bucketFS:
		return fs, clean(strings.Join(p, "/"))
	case *rootFS:
		full := clean(strings.Join(p, "/"))
		if full == "" {
			return nil, ""
		}
		return fs.below(full)
	}
	return nil, ""
}

// errStale answers a handle whose file is gone or was replaced.
var errStale = &gonfs.NFSStatusError{NFSStatus: gonfs.NFSStatusStale, WrappedErr: errors.New("stale file handle")}

// FromHandle finds a handle's file as the caller: the path the table has
// for it, checked against its inode. A caller with no user gets an
// empty file system that refuses everything (NFS3ERR_ACCES).
func (h *handler) FromHandle(fh []byte) (billy.Filesystem, []string, error) {
	id, err := decodeHandle(fh)
	if err != nil {
		return nil, nil, errStale
	}
	u, err := h.caller()
	if err != nil {
		return h.srv.refused, nil, nil
	}
	if id.bucket == 0 {
		return u.root, nil, nil
	}
	name, ok := h.srv.table.bucket(id.bucket)
	if !ok {
		return nil, nil, errStale
	}
	b := u.bucket(name)
	if errno(b.err) == syscall.ENOENT {
		return nil, nil, errStale
	}
	p, ok := h.srv.table.path(id)
	if !ok {
		return nil, nil, errStale
	}
	if id.ino != 0 && b.err == nil {
		ino, err := b.ino(p)
		switch {
		case errno(err) == syscall.ENOENT, err == nil && ino != id.ino:
			return nil, nil, errStale
		}
	}
	var parts []string
	if p != "" {
		parts = strings.Split(p, "/")
	}
	if c, ok := h.conn.call(); ok && c.Prog == progNFS && c.Proc == procCommit && b.err == nil {
		if err := b.commit(id.ino); err != nil {
			// go-nfs reports any FromHandle error as NFS3ERR_STALE: still
			// a failure, so the client keeps its data.
			b.srv.log.Error("nfs: commit failed", "bucket", b.name, "path", p, "err", err)
			return nil, nil, errStale
		}
	}
	if xid, ok := h.conn.unstableWrite(); ok && b.err == nil {
		return &unstableFS{bucketFS: b, conn: h.conn, xid: xid}, parts, nil
	}
	if c, ok := h.conn.call(); ok && c.Prog == progNFS && c.Proc == procRead && b.err == nil {
		// go-nfs looks the file up three times in a READ too.
		return &unstableFS{bucketFS: b, conn: h.conn, read: true}, parts, nil
	}
	return b, parts, nil
}

// InvalidateHandle forgets a removed file; a renamed one (go-nfs calls
// this after RENAME too) still has its inode at its recorded place and
// is kept.
func (h *handler) InvalidateHandle(fs billy.Filesystem, fh []byte) error {
	id, err := decodeHandle(fh)
	if err != nil || id.ino == 0 || id.ino == deadIno {
		return nil
	}
	name, ok := h.srv.table.bucket(id.bucket)
	if !ok {
		return nil
	}
	var b *bucketFS
	switch fs := fs.(type) {
	case *bucketFS:
		b = fs
	case *rootFS:
		b = fs.u.bucket(name)
	default:
		return nil
	}
	if b.err != nil {
		return nil
	}
	if p, ok := h.srv.table.path(id); ok {
		if ino, err := b.ino(p); err == nil && ino == id.ino {
			return nil
		}
	}
	h.srv.table.forget(id)
	return nil
}
