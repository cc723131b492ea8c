// Package object is the object service: the read and write paths that turn
// protocol requests (S3 today; Swift, REST and the VFS later) into directory
// transactions and chunk I/O. A write streams the body in metachunks to
// services chosen by the conscience, through the bucket's storage policy,
// and commits the chunk map to meta2 in one transaction; nothing is visible
// before that commit. Small objects are stored inline in meta2.
package object
