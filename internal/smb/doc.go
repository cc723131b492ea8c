// Package smb serves buckets as SMB2/3 shares through Samba: it is the
// engine of `strata smb`.
//
// Strata does not speak SMB itself. For each served user (an access key
// and its secret, given by the operator since secrets cannot be read back
// from the server) it mounts every bucket that key may reach through
// a FUSE mount (internal/fuse, wired in by the caller), with that key, under STATE/mnt/<key>/<bucket>. It then
// writes an smb.conf whose share [bucket] points at STATE/mnt/%U/<bucket>,
// registers each user in a Samba passdb kept under STATE (SMB user name =
// access key id, password = secret), and runs smbd in the foreground,
// restarting it if it dies. smbd runs every share as root ("force user"):
// access is decided by the mount, which signs each request with the
// user's own key, so Strata's policies confine an SMB user exactly as
// they confine the same key over S3.
//
// A file written over SMB becomes the S3 object when the SMB client closes
// it (the mount publishes at close).
//
// The package is a protocol door: it imports vfs and fsapi (the mount's
// stack) and no other protocol; internal/cli hands it internal/fuse as
// its Mounter.
package smb
