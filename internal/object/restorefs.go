package object

import "syscall"

// ErrnoArchived is the errno a mount returns when a file's data is in an
// archive class and not restored: read(2) fails with ENODATA ("No data
// available"), which cat, cp and editors print as is, and which no tool
// retries in a loop as it would EAGAIN. Listing and stat still work.
const ErrnoArchived = syscall.ENODATA

// fsReadable is readable for the file API: an archived file that is not
// restored fails with ErrnoArchived.
func fsReadable(rec *record, p string) (*record, error) {
	r, err := readable(rec)
	if err != nil {
		return rec, fsErr("object.FSRead", ErrnoArchived, "%q is in storage class %s: restore it first (S3 RestoreObject)", p, rec.Info.StorageClass)
	}
	return r, nil
}
