// Package sftp is Strata's SFTP server: an SSH server
// (golang.org/x/crypto/ssh) whose "sftp" subsystem is github.com/pkg/sftp's
// request server, over the user's buckets as one tree (internal/shares):
// each bucket is a top-level folder "/BUCKET", and mkdir/rmdir at the root
// create and delete buckets.
//
// It is a thin adapter, like the FUSE mount: every file operation is a
// vfs call, signed with the user's own key and authorized per path as S3
// would decide it. Files are written through a vfs handle and published
// at close (close-to-open), so an S3 GET sees a file as soon as the SFTP
// client has closed it; reads and writes at any offset work (partial
// overwrite).
//
// Logins: the SSH user name is an access key id, and the password its
// secret; or the client proves an SSH public key registered (and active)
// on the IAM user who owns that access key. Host keys are generated once
// and kept in the node's data folder.
package sftp
