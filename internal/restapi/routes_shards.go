package restapi

import (
	"context"

	"github.com/strata-storage/strata/internal/object"
)

// Shards is the optional ability of Buckets to show and split a bucket's
// key ranges (container sharding, docs/SHARDING.md).
type Shards interface {
	BucketRanges(ctx context.Context, name string) ([]object.RangeInfo, error)
	SplitBucket(ctx context.Context, name, at string) (string, error)
}

// SplitRequest asks for a split of a bucket's range at a key ("": the
// fullest range at its median key).
type SplitRequest struct {
	At string `json:"at,omitempty"`
}

// shardRoutes serve a bucket's key ranges: administrator only, as they
// place metadata on the cluster's shards.
func (a *API) shardRoutes() {
	shards := func() (Shards, error) {
		sh, ok := a.opts.Buckets.(Shards)
		if !ok {
			return nil, unavailable("bucket shards are")
		}
		return sh, nil
	}
	a.Handle(Route{Method: "GET", Path: "/buckets/{bucket}/shards", Action: "strata:GetBucketShards", AdminOnly: true,
		Handle: func(c *Call) (any, error) {
			sh, err := shards()
			if err != nil {
				return nil, err
			}
			return sh.BucketRanges(c.Context(), c.Path("bucket"))
		}})
	a.Handle(Route{Method: "POST", Path: "/buckets/{bucket}/split", Action: "strata:SplitBucket", AdminOnly: true,
		Handle: func(c *Call) (any, error) {
			sh, err := shards()
			if err != nil {
				return nil, err
			}
			var req SplitRequest
			if err := c.Decode(&req); err != nil {
				return nil, err
			}
			if _, err := sh.SplitBucket(c.Context(), c.Path("bucket"), req.At); err != nil {
				return nil, err
			}
			return sh.BucketRanges(c.Context(), c.Path("bucket"))
		}})
}
