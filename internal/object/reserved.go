package object

// ReservedBucketNames are refused at bucket creation by every door: the
// Swift API is served under /v1/... and /auth/... on the S3 listener, so
// a bucket of that name would be unreachable path-style.
var ReservedBucketNames = map[string]bool{"v1": true, "auth": true}
