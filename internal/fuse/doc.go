// Package fuse mounts a bucket through the kernel's FUSE interface: a
// thin adapter from hanwen/go-fuse/v2's node API to internal/vfs, which
// does the work. It adds only what is the kernel's business: entry and
// attribute timeouts, page-cache keeping, and invalidation of the
// kernel's caches from the bucket's change feed.
package fuse
