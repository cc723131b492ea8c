// Package vfs is Strata's file-system layer: a bucket seen as a POSIX
// tree, over the gateway's file API (internal/fsapi). It owns everything
// a file protocol needs beyond the kernel's view: path resolution, open
// files and their write cache (writes gather in memory, are flushed as
// log extents, and are published as the object's content at close or
// fsync), read-ahead, an optional read cache on local disk (readcache.go),
// silly-rename of open unlinked files, locks with
// leases, and the change feed that tells a protocol which cached names
// and pages another client changed.
//
// The API is path based (paths relative to the bucket, "" is the root),
// which is what WebDAV, FTP and the FUSE adapter (internal/fuse) need;
// an NFS server would keep its own handle-to-path table on top.
package vfs
