// Package protocols tests the one namespace across every door: S3, the
// FUSE mount, Swift, NFS, SFTP, FTP, WebDAV and SMB see the same files,
// right after close.
package protocols
