package filetree

// Change is one entry of a bucket's change feed: a key whose current
// version or file attributes changed. Mounts read the feed to invalidate
// their kernel caches; it is written in the same transaction as the
// change, so a committed change is always in the feed.
type Change struct {
	Seq int64  `json:"seq"` // commit time in nanoseconds; the feed is ordered by it
	Key string `json:"key"`
	Op  string `json:"op"` // put, write (pending, through a mount), delete, meta
	// Origin is the mount session that made the change ("" for S3 and
	// the other protocols): a mount skips its own changes.
	Origin string `json:"origin,omitempty"`
}
