package replication

import (
	"context"
	"strconv"
	"time"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// resyncEvent names the synthetic events of a resync.
const resyncEvent = "ObjectReplication:Resync"

// Resync enqueues every current object of bucket (those rule selects, or
// all rules' when rule is ""), page by page. progress, if set, gets the
// count and the last key after each page: a resync started again after
// that key resumes there.
func (s *Service) Resync(ctx context.Context, bucket, rule string, progress func(n int, last string)) (int, error) {
	return s.ResyncFrom(ctx, bucket, rule, "", progress, 0)
}

// ResyncFrom is Resync starting after key marker, counting from n.
func (s *Service) ResyncFrom(ctx context.Context, bucket, rule, marker string, progress func(n int, last string), n int) (int, error) {
	c, err := s.configs.get(ctx, bucket)
	if err != nil {
		return 0, err
	}
	if c == nil {
		return 0, strata.Errorf("replication.Resync", strata.NotExist, "bucket %s has no replication configuration", bucket)
	}
	var only *Rule
	if rule != "" {
		if only = c.Rule(rule); only == nil {
			return 0, strata.Errorf("replication.Resync", strata.NotExist, "bucket %s has no rule %q", bucket, rule)
		}
	}
	stamp := strconv.FormatInt(time.Now().UnixNano(), 36)
	for {
		page, err := s.Objects.ListObjects(ctx, bucket, object.ListOptions{Marker: marker, MaxKeys: 1000})
		if err != nil {
			return n, err
		}
		for _, o := range page.Objects {
			if only != nil && !only.Matches(o.Key, o.Tags) {
				continue
			}
			ev := event.Event{ID: "resync-" + stamp + "-" + strconv.Itoa(n), Name: resyncEvent, Time: time.Now().UTC(),
				Bucket: bucket, Key: o.Key, VersionID: o.VersionID, Size: o.Size, ETag: o.ETag}
			if err := s.enqueue(ctx, ev, ev.ID); err != nil {
				return n, err
			}
			n++
		}
		if len(page.Objects) > 0 {
			marker = page.Objects[len(page.Objects)-1].Key
		}
		if progress != nil {
			progress(n, marker)
		}
		if !page.IsTruncated {
			return n, nil
		}
		if page.NextMarker != "" {
			marker = page.NextMarker
		}
	}
}
