package server

import (
	"context"
	"net"
	"net/http"
	"strings"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/s3"
	"github.com/strata-storage/strata/internal/swift"
)

// swiftHandler is the OpenStack Swift API served on the S3 listener:
// it authorizes through the S3 handler's own evaluation and seals its
// tokens with the cluster's IAM sealer, so a token works on every gateway.
func (n *Node) swiftHandler(h *s3.Handler) http.Handler {
	if n.iam == nil {
		return http.NotFoundHandler()
	}
	n.warnReservedBuckets()
	return swift.New(swift.Config{Objects: n.Objects, Authz: h, Keys: n.iam, Sealer: n.iam.Store().Sealer(),
		Root: n.engine, Log: n.log.With("part", "swift")})
}

// warnReservedBuckets logs buckets named as the Swift paths: they stay
// reachable virtual-host style and through the S3 API, not path-style.
func (n *Node) warnReservedBuckets() {
	for name := range object.ReservedBucketNames {
		if _, err := n.Objects.GetBucket(context.Background(), name); err == nil {
			n.log.Warn("bucket name is a Swift path; reach it virtual-host style", "bucket", name)
		}
	}
}

// virtualHosted reports whether r names its bucket in the Host (then its
// path is a key, even one that starts like a Swift path).
func virtualHosted(r *http.Request, domains []string) bool {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	for _, d := range domains {
		if b, ok := strings.CutSuffix(host, "."+d); ok && b != "" {
			return true
		}
	}
	return false
}
