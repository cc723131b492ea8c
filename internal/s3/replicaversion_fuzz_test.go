package s3

import (
	"strings"
	"testing"
)

// FuzzReplicaVersion feeds the replica version headers any values: the
// parser must not panic, and what it accepts is a short id of the plain
// alphabet (it becomes meta2 key bytes) with a positive time.
func FuzzReplicaVersion(f *testing.F) {
	f.Add("18ed11cdf638024a75fc6307", "1764575000000000000")
	f.Add("null", "1")
	f.Add("a/b\x00", "-5")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, id, created string) {
		at, err := replicaVersion(id, created)
		if err != nil {
			return
		}
		if len(id) > 64 || strings.ContainsAny(id, "/\x00 ") || at.UnixNano() <= 0 {
			t.Fatalf("accepted id %q created %q", id, created)
		}
	})
}
