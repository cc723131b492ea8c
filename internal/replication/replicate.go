package replication

import (
	"context"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// replicate makes the destination's current version of ev's key equal to
// the source's (see the package doc): it reads the current state here,
// not the event's, so repeated or reordered events are harmless.
func (s *Service) replicate(ctx context.Context, ev event.Event) error {
	c, err := s.configs.get(ctx, ev.Bucket)
	if err != nil {
		if strata.Is(err, strata.NotExist) {
			return nil // bucket gone
		}
		return err
	}
	if c == nil {
		return nil // replication removed meanwhile
	}
	if ev.VersionID != "" {
		return s.replicateVersion(ctx, c, ev)
	}
	t0 := time.Now()
	info, err := s.Objects.HeadObject(ctx, ev.Bucket, ev.Key, object.GetOptions{})
	since("local_head", t0)
	present := err == nil
	if err != nil && !strata.Is(err, strata.NotExist) {
		return err
	}
	tags := ev.Tags
	if present {
		tags = info.Tags
	}
	copyFn := s.copyAbsence
	if present {
		copyFn = s.copyCurrent
	}
	return s.send(ctx, c, ev, tags, info, copyFn)
}

// copyFunc brings the destination in line with the source for one event.
type copyFunc func(ctx context.Context, r *remote, rule *Rule, info object.ObjectInfo, ev event.Event) error

// send copies through the rule that matches the key and tags (none: the
// event is skipped), and records the lag of a copy that succeeded.
func (s *Service) send(ctx context.Context, c *Config, ev event.Event, tags map[string]string, info object.ObjectInfo, copyFn copyFunc) error {
	rule := c.Match(ev.Key, tags)
	if rule == nil {
		replicatedTotal.WithLabelValues("skip").Inc()
		return nil
	}
	r, err := s.remote(ctx, rule.Destination.Bucket)
	if err != nil {
		return err
	}
	if err := copyFn(ctx, r, rule, info, ev); err != nil {
		return err
	}
	if !ev.Time.IsZero() {
		lag := time.Since(ev.Time)
		lagSeconds.Observe(lag.Seconds())
		s.lags.add(lag)
		s.ruleLags.add(ev.Bucket, rule.ID, lag)
	}
	return nil
}

// skipReplica reports that info, a replica here, must not go back: only
// its metadata changes do, and only when the rule syncs replica
// modifications.
func skipReplica(rule *Rule, info object.ObjectInfo, ev event.Event) bool {
	if info.Replication == object.ReplicationReplica && (!rule.ReplicaModifications() || !metaEvent(ev.Name)) {
		replicatedTotal.WithLabelValues("skip").Inc()
		return true
	}
	return false
}

// copyCurrent sends the source's current version.
func (s *Service) copyCurrent(ctx context.Context, r *remote, rule *Rule, info object.ObjectInfo, ev event.Event) error {
	if skipReplica(rule, info, ev) {
		return nil
	}
	t0 := time.Now()
	dst, err := r.head(ctx, info.Key)
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
	if dst.exists && !dst.replica && newer(dst.modified, dst.etag, info.Modified, info.ETag) {
		// Conflict: the destination's own write is newer; it wins there
		// (and its own replication brings it here).
		return done("conflict")
	}
	if dst.exists && dst.etag == info.ETag && sameMap(lower(dst.meta), info.UserMeta) {
		got, err := r.tags(ctx, info.Key)
		if err != nil {
			return err
		}
		if sameMap(got, info.Tags) {
			return done("same")
		}
		if err := r.putTags(ctx, info.Key, info.Tags, s.Cluster); err != nil {
			return err
		}
		return done("tags")
	}
	if info.Replication == object.ReplicationReplica {
		return nil // bytes of a replica never go back
	}
	// Archived versions replicate as stored (their class goes with them).
	t0 = time.Now()
	obj, body, err := s.Objects.GetObject(ctx, ev.Bucket, info.Key, object.GetOptions{VersionID: info.VersionID, Archived: true})
	t0 = since("local_get", t0)
	if err != nil {
		if strata.Is(err, strata.NotExist) {
			return nil // replaced meanwhile: its own event follows
		}
		return err
	}
	defer body.Close()
	if err := r.put(ctx, obj, body, rule.Destination.StorageClass, s.Cluster, dst); err != nil {
		return err
	}
	since("remote_put", t0)
	return done("put")
}

// copyAbsence sends a delete marker, or the removal of the last version.
func (s *Service) copyAbsence(ctx context.Context, r *remote, rule *Rule, marker object.ObjectInfo, ev event.Event) error {
	if marker.DeleteMarker && marker.Replication == object.ReplicationReplica {
		replicatedTotal.WithLabelValues("skip").Inc()
		return nil // a replicated marker is not sent back
	}
	if (marker.DeleteMarker || ev.Name == event.ObjectRemovedMarker) && !rule.DeleteMarkers() {
		replicatedTotal.WithLabelValues("skip").Inc()
		return nil
	}
	dst, err := r.head(ctx, ev.Key)
	if err != nil {
		return err
	}
	if !dst.exists {
		replicatedTotal.WithLabelValues("same").Inc()
		return nil
	}
	when := marker.Modified
	if when.IsZero() {
		when = ev.Time
	}
	if !dst.replica && newer(dst.modified, dst.etag, when, "") {
		replicatedTotal.WithLabelValues("conflict").Inc()
		return nil
	}
	if err := r.delete(ctx, ev.Key, s.Cluster); err != nil {
		return err
	}
	replicatedTotal.WithLabelValues("delete").Inc()
	if marker.DeleteMarker {
		return s.Objects.SetReplicationStatus(ctx, ev.Bucket, ev.Key, marker.VersionID, object.ReplicationCompleted)
	}
	return nil
}

// newer is the conflict rule between a destination's own write (a) and
// the source's (b): the later Last-Modified wins, to the second (what
// HTTP dates carry); a tie goes to the larger ETag, so both sides pick
// the same winner.
func newer(a time.Time, aTag string, b time.Time, bTag string) bool {
	as, bs := a.Unix(), b.Unix()
	if as != bs {
		return as > bs
	}
	return aTag > bTag
}

func metaEvent(name string) bool {
	return name == event.ObjectTaggingPut || name == event.ObjectTaggingDelete || name == event.ObjectMetadataChanged
}

func lower(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out
}
