package replication

import (
	"context"
	"errors"
	"time"

	smithy "github.com/aws/smithy-go"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// replicateVersion copies the one version an event names, under its own
// id and creation time (see the package doc): the destination then holds
// the source's versions with the source's ids, in the source's order,
// whatever order the events are handled in. A version gone meanwhile is
// skipped: the event of its removal follows.
func (s *Service) replicateVersion(ctx context.Context, c *Config, ev event.Event) error {
	if ev.Name == event.ObjectRemovedDelete {
		return s.removeVersion(ctx, c, ev)
	}
	t0 := time.Now()
	info, err := s.Objects.HeadObject(ctx, ev.Bucket, ev.Key, object.GetOptions{VersionID: ev.VersionID})
	since("local_head", t0)
	marker := info.DeleteMarker && info.VersionID == ev.VersionID
	if strata.Is(err, strata.NotExist) {
		replicatedTotal.WithLabelValues("skip").Inc()
		return nil
	}
	if err != nil && !marker {
		return err
	}
	tags := info.Tags
	if marker {
		tags = ev.Tags
	}
	copyFn := s.copyVersion
	if marker {
		copyFn = s.copyMarker
	}
	return s.send(ctx, c, ev, tags, info, copyFn)
}

// copyVersion makes the destination hold the version info, with its id.
func (s *Service) copyVersion(ctx context.Context, r *remote, rule *Rule, info object.ObjectInfo, ev event.Event) error {
	if skipReplica(rule, info, ev) {
		return nil
	}
	t0 := time.Now()
	dst, err := r.headVersion(ctx, info.Key, info.VersionID)
	if err != nil {
		return err
	}
	since("remote_head", t0)
	done := func(op string) error {
		replicatedTotal.WithLabelValues(op).Inc()
		if info.Replication == object.ReplicationReplica {
			return nil
		}
		t0 := time.Now()
		defer since("status", t0)
		return s.Objects.SetReplicationStatus(ctx, ev.Bucket, info.Key, info.VersionID, object.ReplicationCompleted)
	}
	if dst.exists {
		if dst.etag != info.ETag {
			return strata.Errorf("replication.copy", strata.Conflict, "destination holds version %s of %q with ETag %s, not %s", info.VersionID, info.Key, dst.etag, info.ETag)
		}
		// Retention and legal hold changed since the copy (they make no
		// event; a resync brings them).
		locked, err := r.syncLock(ctx, info.Key, info.VersionID, dst.lock, info.ObjectLock, s.Cluster)
		if err != nil {
			return lockRefused(err, r, info.ObjectLock)
		}
		got, err := r.versionTags(ctx, info.Key, info.VersionID)
		if err != nil {
			return err
		}
		if sameMap(got, info.Tags) {
			if locked {
				return done("lock")
			}
			return done("same")
		}
		if err := r.putVersionTags(ctx, info.Key, info.VersionID, info.Tags, s.Cluster); err != nil {
			return err
		}
		return done("tags")
	}
	if info.Replication == object.ReplicationReplica {
		return nil // bytes of a replica never go back
	}
	t0 = time.Now()
	obj, body, err := s.Objects.GetObject(ctx, ev.Bucket, info.Key, object.GetOptions{VersionID: info.VersionID, Archived: true})
	t0 = since("local_get", t0)
	if err != nil {
		if strata.Is(err, strata.NotExist) {
			return nil // removed meanwhile: its own event follows
		}
		return err
	}
	defer body.Close()
	dst = state{vid: info.VersionID, created: info.Modified.UnixNano()}
	if err := r.put(ctx, obj, body, rule.Destination.StorageClass, s.Cluster, dst); err != nil {
		return lockRefused(err, r, obj.ObjectLock)
	}
	since("remote_put", t0)
	return done("put")
}

// copyMarker makes the destination hold the delete marker, with its id.
func (s *Service) copyMarker(ctx context.Context, r *remote, rule *Rule, marker object.ObjectInfo, ev event.Event) error {
	if marker.Replication == object.ReplicationReplica || !rule.DeleteMarkers() {
		replicatedTotal.WithLabelValues("skip").Inc()
		return nil
	}
	if err := r.deleteAs(ctx, ev.Key, marker.VersionID, marker.Modified.UnixNano(), s.Cluster); err != nil {
		return err
	}
	replicatedTotal.WithLabelValues("delete").Inc()
	return s.Objects.SetReplicationStatus(ctx, ev.Bucket, ev.Key, marker.VersionID, object.ReplicationCompleted)
}

// removeVersion removes, on the destination, the version of the same id
// as the one removed here, when the rule replicates deletes (its
// DeleteMarkerReplication). A version already absent there is done.
func (s *Service) removeVersion(ctx context.Context, c *Config, ev event.Event) error {
	rule := c.Match(ev.Key, ev.Tags)
	if rule == nil || !rule.DeleteMarkers() {
		replicatedTotal.WithLabelValues("skip").Inc()
		return nil
	}
	r, err := s.remote(ctx, rule.Destination.Bucket)
	if err != nil {
		return err
	}
	if err := r.deleteVersion(ctx, ev.Key, ev.VersionID, s.Cluster); err != nil && !notFound(err) {
		return err
	}
	replicatedTotal.WithLabelValues("delete").Inc()
	return nil
}

// lockRefused names the likely cause of a destination refusing a locked
// version: S3 answers only InvalidRequest when the bucket lacks object
// lock, and the backlog should say what to fix.
func lockRefused(err error, r *remote, l *object.ObjectLock) error {
	var ae smithy.APIError
	if l == nil || (l.Mode == "" && l.LegalHold == "") || !errors.As(err, &ae) || ae.ErrorCode() != "InvalidRequest" {
		return err
	}
	return strata.Errorf("replication.copy", strata.Invalid,
		"destination bucket %s must have Object Lock enabled to keep the version's retention and legal hold: %v", r.t.Bucket, err)
}
