// Package fusetest runs real FUSE mounts of Strata buckets: go-fuse's
// POSIX suite, a randomized operation test compared with a local
// directory, dual access through S3, and two mounts of one bucket.
// They need root and /dev/fuse (.ci/run installs fuse3).
package fusetest
