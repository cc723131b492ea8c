package restapi

import (
	"context"
	"encoding/json"
)

// Replication is bucket replication as the API serves it (see
// internal/replication). Values are JSON documents.
type Replication interface {
	// Targets lists the remote targets, without their secrets.
	Targets(ctx context.Context) (any, error)
	// PutTarget adds or replaces a target and returns its ARN.
	PutTarget(ctx context.Context, name string, doc json.RawMessage) (arn string, err error)
	DeleteTarget(ctx context.Context, name string) error
	// Status reports lag, queue and backlog (bucket "" = all).
	Status(ctx context.Context, bucket string) (any, error)
	// Resync starts the exclusive, resumable resync of a bucket.
	Resync(ctx context.Context, bucket, rule string) (any, error)
	// Retry puts the backlog of failures back in the queue now.
	Retry(ctx context.Context, bucket string) (int, error)
}

func replTargetRes(c *Call) (Resource, error) {
	n := c.Path("name")
	if n == "" {
		n = "*"
	}
	return Resource{ARN: "arn:strata:s3:::target/" + n}, nil
}

func replBucketRes(c *Call) (Resource, error) {
	b := c.Path("bucket")
	if b == "" {
		b = c.Query("bucket")
	}
	if b == "" {
		return Resource{ARN: "*"}, nil
	}
	return Resource{ARN: "arn:aws:s3:::" + b}, nil
}

// replicationRoutes serve remote targets, status and resync.
func (a *API) replicationRoutes() {
	rp := func(h func(c *Call, r Replication) (any, error)) func(*Call) (any, error) {
		return func(c *Call) (any, error) {
			if a.opts.Replication == nil {
				return nil, unavailable("bucket replication is")
			}
			return h(c, a.opts.Replication)
		}
	}
	a.Handle(Route{Method: "GET", Path: "/replication/targets", Action: "strata:ListReplicationTargets", Resource: replTargetRes,
		Handle: rp(func(c *Call, r Replication) (any, error) { return r.Targets(c.Context()) })})
	a.Handle(Route{Method: "PUT", Path: "/replication/targets/{name}", Action: "strata:ManageReplicationTargets", Resource: replTargetRes,
		Handle: rp(func(c *Call, r Replication) (any, error) {
			var raw json.RawMessage
			if err := c.Decode(&raw); err != nil {
				return nil, err
			}
			arn, err := r.PutTarget(c.Context(), c.Path("name"), raw)
			return map[string]string{"name": c.Path("name"), "arn": arn}, err
		})})
	a.Handle(Route{Method: "DELETE", Path: "/replication/targets/{name}", Action: "strata:ManageReplicationTargets", Resource: replTargetRes,
		Handle: rp(func(c *Call, r Replication) (any, error) {
			return map[string]string{"removed": c.Path("name")}, r.DeleteTarget(c.Context(), c.Path("name"))
		})})
	a.Handle(Route{Method: "GET", Path: "/replication/status", Action: "s3:GetReplicationConfiguration", Resource: replBucketRes,
		Handle: rp(func(c *Call, r Replication) (any, error) { return r.Status(c.Context(), c.Query("bucket")) })})
	a.Handle(Route{Method: "POST", Path: "/replication/resync/{bucket}", Action: "s3:PutReplicationConfiguration", Resource: replBucketRes,
		Handle: rp(func(c *Call, r Replication) (any, error) {
			return r.Resync(c.Context(), c.Path("bucket"), c.Query("rule"))
		})})
	a.Handle(Route{Method: "POST", Path: "/replication/retry", Action: "s3:PutReplicationConfiguration", Resource: replBucketRes,
		Handle: rp(func(c *Call, r Replication) (any, error) {
			n, err := r.Retry(c.Context(), c.Query("bucket"))
			return map[string]int{"requeued": n}, err
		})})
}
