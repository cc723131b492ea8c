// Package ftp is Strata's FTP/FTPS server: a thin adapter that serves a
// user's buckets (internal/shares) as one tree, "/BUCKET/path", over
// github.com/fclairamb/ftpserverlib, which speaks the protocol and hands
// each logged-in client a file system (an afero.Fs) that this package
// implements over internal/vfs.
//
// A login is an access key id and its secret. With a node certificate the
// server offers explicit TLS (AUTH TLS, PROT P) and requires it before a
// password crosses the wire; without one it speaks plain FTP.
//
// Uploads keep the mount's close-to-open guarantee: a fresh STOR writes a
// hidden sibling (".in.NAME.XXXXXXXX", as ProFTPD's HiddenStores does)
// that is renamed over NAME only when the transfer ends well, so that S3
// and every other protocol see either the old object or the whole new
// one, and a failed or aborted upload leaves nothing behind. A resumed
// upload (REST then STOR, or APPE) writes the existing file in place: the
// client asked to extend what is there.
//
// It sits beside the other file protocols (internal/nfs, internal/sftp,
// internal/webdav) and imports none of them; internal/server starts it on
// --ftp-addr.
package ftp
