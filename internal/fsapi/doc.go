// Package fsapi is the native file-system API of a Strata gateway: the
// namespace and data operations a mount (or any other file protocol) needs
// on a bucket, over HTTP under /_strata/fs/, signed with SigV4 like S3.
// Client calls it; internal/fsserver serves it over the object service.
//
// Errors carry the errno they map to, so the mount returns exactly what
// the gateway decided (ENOENT, ENOTEMPTY, EXDEV, ...).
package fsapi
