package s3

import (
	"net/http"
	"testing"

	"github.com/strata-storage/strata/internal/usage"
)

// TestEveryOperationHasAClass names every request shape the gateway
// distinguishes and checks that the usage class table knows each name.
func TestEveryOperationHasAClass(t *testing.T) {
	subs := []string{"", "restore", "select", "attributes", "legal-hold", "retention", "torrent", "tagging",
		"acl", "uploads", "uploadId", "object-lock", "location", "versions", "delete", "policyStatus", "list-type"}
	for _, s := range bucketSubs {
		subs = append(subs, s[0])
	}
	methods := []string{http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPost, http.MethodDelete, http.MethodOptions}
	seen := map[string]bool{}
	for _, m := range methods {
		for _, bucket := range []string{"", "b"} {
			for _, key := range []string{"", "k"} {
				if bucket == "" && key != "" {
					continue
				}
				for _, sub := range subs {
					for _, copying := range []bool{false, true} {
						q := map[string][]string{}
						if sub != "" {
							q[sub] = []string{"2"}
						}
						h := http.Header{}
						if copying {
							h.Set("X-Amz-Copy-Source", "/b/k")
						}
						op := operation(m, bucket, key, q, h)
						if seen[op] {
							continue
						}
						seen[op] = true
						if _, ok := usage.ClassOf(op); !ok {
							t.Errorf("%s (%s /%s/%s?%s) has no usage class", op, m, bucket, key, sub)
						}
					}
				}
			}
		}
	}
	t.Logf("%d operation names", len(seen))
}
