// Package filetree is the vocabulary of a bucket's file view (dual
// access), shared by the object service that stores it in the directory
// and by everything that serves it as files: the file API (fsapi), the
// vfs, the FUSE mount and the file protocols. It holds the entries and
// attributes of files and directories, byte-range locks, the change feed's
// entries, the errno-carrying errors and the limits (names, paths,
// xattrs) every door applies alike.
//
// The transactions that keep the namespace (create, rename, write logs,
// publish) stay in internal/object: they commit in the same directory
// transaction as the object's record, its index and its usage, which is
// what makes a file and its object one thing.
package filetree
