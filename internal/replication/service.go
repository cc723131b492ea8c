package replication

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// Objects is what replication needs of the local object service.
type Objects interface {
	GetBucketConfig(ctx context.Context, bucket, name string) ([]byte, error)
	GetObject(ctx context.Context, bucket, key string, opts object.GetOptions) (object.ObjectInfo, io.ReadCloser, error)
	HeadObject(ctx context.Context, bucket, key string, opts object.GetOptions) (object.ObjectInfo, error)
	ListObjects(ctx context.Context, bucket string, opts object.ListOptions) (object.ListResult, error)
	SetReplicationStatus(ctx context.Context, bucket, key, versionID, status string) error
	SetReplicates(f object.Replicates)
}

// Service is bucket replication on one gateway: it answers the relay
// (which events go to the lanes), runs the lanes' replicators, keeps the
// backlog of failures and serves the status.
type Service struct {
	Objects Objects
	Targets *Targets
	JS      jetstream.JetStream
	Root    meta.Engine // the root engine: registry of buckets, backlog
	// Cluster identifies this cluster: replicas made here carry it.
	Cluster string
	Log     *slog.Logger
	// Lanes is the number of replication lanes (default 64; fixed for a cluster: a key keeps its lane); Attempts
	// the tries of one replication before it is FAILED (default 5);
	// RetryEvery the pace of the backlog's retries (default 30 s).
	Lanes int
	// Background bounds the resync jobs this gateway runs (the node's
	// lifetime); default context.Background().
	Background context.Context
	Attempts   int
	RetryEvery time.Duration
	AckWait    time.Duration

	configs  configs
	attempts atomic.Int32 // see SetAttempts
	node     string       // this gateway, in job leases
	mu       sync.Mutex
	remotes  map[string]*remote
	lags     lagRing
	ruleLags ruleLags
}

// Init fills defaults and installs the write path's PENDING check. Call
// it before Run and before the relay starts.
func (s *Service) Init(ctx context.Context) {
	if s.Lanes <= 0 {
		s.Lanes = 64
	}
	if s.Attempts <= 0 {
		s.Attempts = 5
	}
	s.attempts.Store(int32(s.Attempts))
	if s.RetryEvery <= 0 {
		s.RetryEvery = 30 * time.Second
	}
	if s.AckWait <= 0 {
		s.AckWait = 10 * time.Second
	}
	s.remotes = map[string]*remote{}
	if s.Background == nil {
		s.Background = context.Background()
	}
	s.node = strconv.FormatInt(time.Now().UnixNano(), 36)
	s.configs.load = func(ctx context.Context, b string) ([]byte, error) {
		return s.Objects.GetBucketConfig(ctx, b, "replication")
	}
	s.configs.root = s.Root
	if err := s.configs.refresh(ctx); err != nil {
		s.Log.Warn("replication: configurations not loaded yet", "err", err)
	}
	s.Objects.SetReplicates(s.pending)
}

// SetAttempts changes the tries of one replication before it is FAILED
// (tests use 1 to see failures at once).
func (s *Service) SetAttempts(n int) { s.attempts.Store(int32(max(n, 1))) }

// pending is the write path's check: does an enabled rule select the key?
func (s *Service) pending(bucket, key string, tags map[string]string) bool {
	c := s.configs.peek(bucket)
	return c != nil && c.Match(key, tags) != nil
}

// Replicates is the relay's question (events.Replication).
func (s *Service) Replicates(ctx context.Context, ev event.Event) (int, error) {
	if ev.Key == "" || !replicable(ev.Name) {
		return 0, nil
	}
	c, err := s.configs.get(ctx, ev.Bucket)
	if err != nil {
		if strata.Is(err, strata.NotExist) {
			return 0, nil // bucket gone
		}
		return 0, err
	}
	if c == nil || !c.anyEnabled() {
		return 0, nil
	}
	if ev.Replica != "" && (!metaEvent(ev.Name) || !c.anyReplicaModifications()) {
		// A replica's change is never sent back (no ping-pong), except
		// its tags and metadata when a rule syncs replica modifications.
		return 0, nil
	}
	return s.Lanes, nil
}

// replicable names the events that change what replicates.
func replicable(name string) bool {
	switch name {
	case event.ObjectCreatedPut, event.ObjectCreatedPost, event.ObjectCreatedCopy, event.ObjectCreatedMultipart,
		event.ObjectRemovedDelete, event.ObjectRemovedMarker, event.ObjectTaggingPut, event.ObjectTaggingDelete,
		event.ObjectMetadataChanged, resyncEvent:
		return true
	}
	return false
}

func (c *Config) anyEnabled() bool {
	for _, r := range c.Rules {
		if r.Status == Enabled {
			return true
		}
	}
	return false
}

func (c *Config) anyReplicaModifications() bool {
	for _, r := range c.Rules {
		if r.Status == Enabled && r.ReplicaModifications() {
			return true
		}
	}
	return false
}

// CheckDestinations refuses rules whose destination is not a target.
func (s *Service) CheckDestinations(ctx context.Context, c *Config) error {
	for _, arn := range c.Destinations() {
		if _, err := s.Targets.Resolve(ctx, arn); err != nil {
			return err
		}
	}
	return nil
}

// Changed records a bucket's new configuration (nil: removed) and, when
// a rule asks for existing objects, enqueues them.
func (s *Service) Changed(ctx context.Context, bucket string, c *Config) {
	s.configs.set(bucket, c)
	if err := s.configs.register(ctx, bucket, c != nil); err != nil {
		s.Log.Warn("replication: bucket registry not updated", "bucket", bucket, "err", err)
	}
	if c == nil {
		return
	}
	for _, r := range c.Rules {
		if r.Status == Enabled && r.Existing() {
			if _, err := s.StartResync(ctx, bucket, ""); err != nil {
				s.Log.Warn("replication: existing objects not enqueued", "bucket", bucket, "err", err)
			}
			return
		}
	}
}

// remote returns the client of a target (cached a few seconds, so a
// changed target applies soon on every gateway).
func (s *Service) remote(ctx context.Context, arn string) (*remote, error) {
	s.mu.Lock()
	r, ok := s.remotes[arn]
	s.mu.Unlock()
	if ok && time.Since(r.at) < 5*time.Second {
		return r, nil
	}
	t, err := s.Targets.Resolve(ctx, arn)
	if err != nil {
		return nil, err
	}
	if ok && r.t.Endpoint == t.Endpoint && r.t.Bucket == t.Bucket && r.t.AccessKey == t.AccessKey &&
		r.t.SecretKey == t.SecretKey && r.t.CA == t.CA && r.t.Insecure == t.Insecure && r.t.Region == t.Region {
		s.mu.Lock()
		r.at = time.Now()
		s.mu.Unlock()
		return r, nil
	}
	if r, err = dial(t); err != nil {
		return nil, err
	}
	r.at = time.Now()
	s.mu.Lock()
	s.remotes[arn] = r
	s.mu.Unlock()
	return r, nil
}
