package s3

import (
	"strconv"
	"time"
)

// Headers of a replicator's write that keep the source's version: its id
// and its creation time (Unix nanoseconds), which orders it among the
// destination's versions as on the source. They are honoured only with
// ReplicaHeader, from a caller allowed s3:ReplicateObject.
const (
	ReplicaVersionHeader = "X-Strata-Replica-Version-Id"
	ReplicaCreatedHeader = "X-Strata-Replica-Created"
)

// replicaVersion checks a replica's version id and creation time. Ids
// are meta2 key bytes, so only a short, plain alphabet is taken.
func replicaVersion(id, created string) (time.Time, error) {
	if len(id) > 64 {
		return time.Time{}, errInvalidArg("bad " + ReplicaVersionHeader)
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_' || c == '.') {
			return time.Time{}, errInvalidArg("bad " + ReplicaVersionHeader)
		}
	}
	n, err := strconv.ParseInt(created, 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}, errInvalidArg("bad " + ReplicaCreatedHeader)
	}
	return time.Unix(0, n), nil
}
