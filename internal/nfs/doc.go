// Package nfs is Strata's NFSv3 server: MOUNT and NFS on one TCP port,
// a thin adapter from github.com/willscott/go-nfs to the file systems of
// internal/shares (each bucket a vfs.FS), exported as "/BUCKET", with "/"
// listing the buckets the caller may see.
//
// What it adds to the library:
//   - Identity per call: each connection is served by its own go-nfs
//     server and handler, and the connection is read one RPC record at a
//     time (record.go), so the AUTH_SYS credential of the call being
//     served is known while the library serves it. A uid is mapped to a
//     Strata access key by an Identity (internal/server looks it up in
//     IAM user tags); every file operation then runs as that user through
//     the gateway, authorized per path as S3 would be.
//   - Handles that survive a restart (handles.go): a handle is a bucket
//     key and an inode number; a table in the node's data folder maps it
//     to (parent inode, name), so its path is found again after a restart
//     and checked against the inode on use (NFS3ERR_STALE when the name
//     now holds another inode).
//   - Writes (files.go): go-nfs answers every WRITE as FILE_SYNC, so each
//     WRITE is made durable and published (the S3 object) before its
//     reply; the vfs handle stays open across WRITEs and READs of one
//     file and is released after a short idle time.
//
// It sits beside the other file protocols (ftp, sftp, webdav): it
// imports shares and vfs, and no other protocol.
package nfs
