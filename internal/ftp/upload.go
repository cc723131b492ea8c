package ftp

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"path"
	"syscall"

	ftpserver "github.com/fclairamb/ftpserverlib"

	"github.com/strata-storage/strata/internal/vfs"
)

// GetHandle opens a transfer: os.O_RDONLY for RETR (the library seeks to
// a REST offset), O_WRONLY|O_CREATE|O_TRUNC for a fresh STOR,
// O_WRONLY|O_CREATE after REST (resume) and with O_APPEND for APPE.
func (d *driver) GetHandle(name string, flags int, offset int64) (ftpserver.FileTransfer, error) {
	fsys, rel, err := d.bucketFS("open", name)
	if err != nil {
		return nil, err
	}
	if flags&(os.O_WRONLY|os.O_RDWR) == 0 {
		return d.download(fsys, name, rel, offset)
	}
	if rel == "" {
		return nil, errnoErr("open", name, syscall.EISDIR)
	}
	if flags&os.O_TRUNC != 0 && offset == 0 {
		if tmp, ok := hiddenName(rel); ok {
			return d.hiddenStore(fsys, name, rel, tmp)
		}
	}
	f, err := d.openIn(fsys, name, rel, flags, 0o644)
	if err != nil {
		return nil, err
	}
	return &upload{file: f}, nil
}

// download opens a file for RETR. Its first bytes (from the REST
// offset) are read at once: the vfs checks the right to read on the
// first read, and a refusal must be RETR's 550, not a transfer that
// breaks after its 150. The bytes read stay in the handle's read-ahead.
func (d *driver) download(fsys *vfs.FS, name, rel string, offset int64) (*file, error) {
	f, err := d.openIn(fsys, name, rel, os.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	var b [1]byte
	if _, err := f.h.Read(d.ctx(), b[:], offset); err != nil {
		f.Close()
		return nil, d.pathErr("read", name, err)
	}
	return f, nil
}

// hiddenStore opens a fresh upload of rel under the hidden name tmp.
func (d *driver) hiddenStore(fsys *vfs.FS, name, rel, tmp string) (*upload, error) {
	if e, err := fsys.Stat(d.ctx(), rel); err == nil && e.IsDir() {
		return nil, errnoErr("open", name, syscall.EISDIR)
	}
	f, err := d.openIn(fsys, name, tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	return &upload{file: f, final: rel}, nil
}

// hiddenName is the name a fresh upload of rel is written under, in the
// same folder (so that the same policy applies and the final rename
// stays in one directory): ".in.NAME.RANDOM". ok is false when the name
// would be too long for the store, and the upload is written in place.
func hiddenName(rel string) (string, bool) {
	var r [4]byte
	rand.Read(r[:])
	dir, base := path.Split(rel)
	name := ".in." + base + "." + hex.EncodeToString(r[:])
	return dir + name, len(name) <= maxName
}

// maxName is the longest name a mount shows (docs/DESIGN.md).
const maxName = 255

// upload is a file being received. The library reports a failed
// transfer (a broken data connection, ABOR, a failed write) through
// TransferError before Close.
type upload struct {
	*file
	final  string // with a hidden store: the name published at Close
	failed error
}

var _ ftpserver.FileTransferError = (*upload)(nil)

func (u *upload) TransferError(err error) { u.failed = err }

// Close ends the transfer. A complete upload is published; a hidden one
// is then renamed over its final name, so that readers see the old
// content or the new, whole. A failed one leaves no trace if it was new.
func (u *upload) Close() error {
	if u.failed != nil {
		u.d.log.Info("ftp upload failed", "path", u.name, "err", u.failed)
		u.discard()
		return nil
	}
	if u.final == "" {
		return u.file.Close()
	}
	tmp := u.h.Path()
	if err := u.file.Close(); err != nil {
		u.removeTmp(tmp)
		return err
	}
	if err := u.fs.Rename(u.d.ctx(), tmp, u.final, 0); err != nil {
		u.removeTmp(tmp)
		return u.d.pathErr("rename", u.name, err)
	}
	return nil
}

func (u *upload) removeTmp(tmp string) {
	if err := u.fs.Unlink(u.d.ctx(), tmp); err != nil {
		u.d.log.Warn("ftp: removing an unpublished upload failed", "path", tmp, "err", err)
	}
}
