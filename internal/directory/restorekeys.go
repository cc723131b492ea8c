package directory

// Keys of the archive restore queues (kind 'A'). Both are written in the
// commit that changes the version's restore state, so a gateway that dies
// between a restore request and its copy leaves the work recorded.

// RestorePending is the key queueing a restore of one version.
func (m Meta2) RestorePending(key, version string) []byte {
	return m.with('A', []byte("p/"), []byte(key), []byte{0}, []byte(version))
}

// RestorePendingPrefix is the prefix of every queued restore.
func (m Meta2) RestorePendingPrefix() []byte { return m.with('A', []byte("p/")) }

// RestoreExpiry is the due-index key of a restored copy that expires at
// nanos: the index is ordered by time, so a pass reads only what is due.
func (m Meta2) RestoreExpiry(nanos int64, key, version string) []byte {
	return m.with('A', []byte("e/"), u64(uint64(nanos)), []byte(key), []byte{0}, []byte(version))
}

// RestoreExpiryPrefix is the prefix of the restore due index.
func (m Meta2) RestoreExpiryPrefix() []byte { return m.with('A', []byte("e/")) }
