// Package lifecycle is the pure core of S3 lifecycle enforcement: it parses
// a bucket's stored lifecycle configuration into rules and answers, for an
// object version or a multipart upload and a time, which actions are due.
//
// It does no I/O. The object service (internal/object, lifecycle*.go) keeps
// the index of creation times in each bucket's meta2 and runs the scanner
// that applies what this package says is due; the server runs that scanner
// as one exclusive job of the cluster.
package lifecycle
