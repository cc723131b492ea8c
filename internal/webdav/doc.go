// Package webdav is Strata's WebDAV server (RFC 4918, classes 1 and 2): a
// thin adapter of golang.org/x/net/webdav over internal/shares, so that
// WebDAV sees the same namespace, the same policies and the same
// close-to-open guarantees as S3, the FUSE mount and the other file
// protocols.
//
// Logins are HTTP Basic: the user name is an access key id and the
// password its secret. The tree is the session's: "/" lists the buckets
// the key may see, each bucket is a top-level collection (MKCOL at the
// root creates one), and every file or collection below is a path of
// that bucket's vfs.FS. A PUT writes through a vfs handle and is
// published, as the object, when the request ends.
//
// Dead properties are extended attributes of the node ("user.dav.*"),
// so they are object metadata that every gateway sees. Locks (exclusive
// and shared; LOCK is served here, as x/net/webdav has no shared locks)
// are kept the same way, as a "user.webdav-lock" attribute on the locked
// resource listing its locks, so that a lock taken through one gateway
// holds on all of them; the lock token names the resource it locks,
// which lets any gateway find it again.
package webdav
