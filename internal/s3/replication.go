package s3

import (
	"context"
	"errors"
	"net/http"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/replication"
	"github.com/strata-storage/strata/internal/strata"
)

// ReplicationHook is what the S3 layer needs of bucket replication.
type ReplicationHook interface {
	// CheckDestinations refuses a configuration naming a destination that
	// is not a registered target (strata.NotExist or Invalid).
	CheckDestinations(ctx context.Context, c *replication.Config) error
	// Changed is told after a bucket's configuration is stored (c) or
	// removed (nil): caches drop it, and ExistingObjectReplication starts
	// a resync.
	Changed(ctx context.Context, bucket string, c *replication.Config)
}

// ReplicaHeader marks a write made by a replicator: its value is the
// source cluster's id. Only a caller allowed s3:ReplicateObject (or
// s3:ReplicateDelete for deletes) may send it.
const ReplicaHeader = "X-Strata-Replica"

func (rq *request) replication() error {
	ctx := rq.r.Context()
	if err := rq.ownerOnly(); err != nil {
		return err
	}
	switch rq.r.Method {
	case http.MethodGet:
		doc, err := rq.h.svc.GetBucketConfig(ctx, rq.bucket, "replication")
		if strata.Is(err, strata.NotExist) {
			return awsError("ReplicationConfigurationNotFoundError", 404)
		}
		if err != nil {
			return err
		}
		rq.w.Header().Set("Content-Type", "application/xml")
		rq.w.WriteHeader(http.StatusOK)
		rq.w.Write(doc)
		return nil
	case http.MethodPut:
		doc, err := readLimited(rq.body, 1<<20)
		if err != nil {
			return err
		}
		c, err := replication.ParseXML(doc)
		if err != nil {
			var ce *event.ConfigError
			if errors.As(err, &ce) {
				return errorf(ce.Code, http.StatusBadRequest, ce.Message)
			}
			return errMalformedXML
		}
		b, err := rq.h.svc.GetBucket(ctx, rq.bucket)
		if err != nil {
			return err
		}
		if b.Versioning != object.VersioningEnabled {
			return errInvalidRequest("Versioning must be 'Enabled' on the bucket to apply a replication configuration")
		}
		if hk := rq.h.cfg.Replication; hk != nil {
			if err := hk.CheckDestinations(ctx, &c); err != nil {
				return errorf("InvalidRequest", http.StatusBadRequest, "Destination bucket must be a registered replication target: "+err.Error())
			}
		}
		if err := rq.h.svc.PutBucketConfig(ctx, rq.bucket, "replication", c.XML()); err != nil {
			return err
		}
		if hk := rq.h.cfg.Replication; hk != nil {
			hk.Changed(ctx, rq.bucket, &c)
		}
		rq.w.WriteHeader(http.StatusOK)
		return nil
	case http.MethodDelete:
		if err := rq.h.svc.DeleteBucketConfig(ctx, rq.bucket, "replication"); err != nil && !strata.Is(err, strata.NotExist) {
			return err
		}
		if hk := rq.h.cfg.Replication; hk != nil {
			hk.Changed(ctx, rq.bucket, nil)
		}
		rq.w.WriteHeader(http.StatusNoContent)
		return nil
	}
	return errorf("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
}

// replicaWrite accepts the replica marker of a replicator's PUT or
// DELETE: the caller must be allowed s3:ReplicateObject (or
// s3:ReplicateDelete); the write is then recorded REPLICA. With
// ReplicaVersionHeader it also keeps the source's version id and time
// (see replicaVersion).
func (rq *request) replicaWrite() error {
	origin := rq.r.Header.Get(ReplicaHeader)
	vid := rq.r.Header.Get(ReplicaVersionHeader)
	if origin == "" && vid == "" {
		return nil
	}
	one := *rq
	one.act = "s3:ReplicateObject"
	if rq.r.Method == http.MethodDelete {
		one.act = "s3:ReplicateDelete"
	}
	if err := one.allow(permWrite, nil); err != nil {
		return err
	}
	if origin == "" {
		return errInvalidRequest(ReplicaVersionHeader + " needs " + ReplicaHeader)
	}
	ctx := object.WithReplica(rq.r.Context(), origin)
	if vid != "" {
		created, err := replicaVersion(vid, rq.r.Header.Get(ReplicaCreatedHeader))
		if err != nil {
			return err
		}
		ctx = object.WithReplicaVersion(ctx, vid, created)
	}
	rq.r = rq.r.WithContext(ctx)
	return nil
}
