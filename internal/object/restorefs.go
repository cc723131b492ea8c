package object

import (
	"syscall"

	"github.com/strata-storage/strata/internal/filetree"
)

// ErrnoArchived is the errno a mount returns when a file's data is in an
// archive class and not restored: read(2) fails with ENODATA ("No data
// available"), which cat, cp and editors print as is, and which no tool
// retries in a loop as it would EAGAIN. Listing and stat still work.
const ErrnoArchived = filetree.ErrnoNoData

// ErrnoArchivedWrite is the errno of a write or truncate of a file in an
// archive class through a mount: EROFS ("Read-only file system"), as an
// archive tier is read-only; an S3 PUT replaces the object.
const ErrnoArchivedWrite = syscall.EROFS

// fsArchiveWritable refuses writes to files in an archive class (their
// new version would mix archived and new bytes).
func fsArchiveWritable(op string, rec *record, p string) error {
	if IsArchiveClass(rec.Info.StorageClass) {
		return fsErr(op, ErrnoArchivedWrite, "%q is in storage class %s, read-only through the file API", p, rec.Info.StorageClass)
	}
	return nil
}

// fsReadable is readable for the file API: an archived file that is not
// restored fails with ErrnoArchived.
func fsReadable(rec *record, p string) (*record, error) {
	r, err := readable(rec)
	if err != nil {
		return rec, fsErr("object.FSRead", ErrnoArchived, "%q is in storage class %s: restore it first (S3 RestoreObject)", p, rec.Info.StorageClass)
	}
	return r, nil
}
