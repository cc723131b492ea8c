// Package shares is what every file protocol server (NFS, SFTP, FTP,
// WebDAV) stands on: a login turns an access key and its secret into a
// Session, and a session sees the buckets its user may reach as one tree,
// "/BUCKET/path", each bucket a vfs.FS.
//
// A session's file systems call the gateway of the same process through
// an in-process transport (no socket), signed with the user's own key,
// with the client's address and transport security carried into the
// request: so every protocol is authorized by the same policy evaluation
// as S3 (aws:SourceIp and aws:SecureTransport included), and every write
// is the object at once, events and usage included.
package shares
