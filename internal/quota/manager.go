package quota

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// Config tunes a gateway's quota manager.
type Config struct {
	// Node names this gateway's reservations; unique in the cluster.
	Node string
	// GrantBytes and GrantObjects cap one reservation. A gateway takes
	// at most a quarter of what is left (but at least what the write
	// needs), so that near the limit the others still find room.
	GrantBytes   int64
	GrantObjects int64
	// GrantTTL is how long a reservation counts against the others; the
	// gateway stops spending it Margin earlier, so that a commit in
	// flight lands while it still counts.
	GrantTTL time.Duration
	Margin   time.Duration
	// DenyCache: after a refusal, writes needing more than what was left
	// are refused without a metadata read for this long.
	DenyCache time.Duration
	// AlertEvery is the period of the soft-limit check of Run.
	AlertEvery time.Duration
}

// DefaultConfig returns the defaults: 8 MiB / 1,000 objects per
// reservation, 30 s reservations spent for 20 s.
func DefaultConfig() Config {
	return Config{GrantBytes: 8 << 20, GrantObjects: 1000, GrantTTL: 30 * time.Second,
		Margin: 10 * time.Second, DenyCache: time.Second, AlertEvery: 30 * time.Second}
}

// Validate checks the config.
func (c *Config) Validate() error {
	if c.Node == "" {
		return strata.Errorf("quota.Config", strata.Invalid, "a node name is needed")
	}
	if c.GrantBytes <= 0 || c.GrantObjects <= 0 || c.Margin < 0 || c.GrantTTL-c.Margin < time.Second {
		// A reservation must stay spendable long enough for the write
		// that asked for it to reach its commit.
		return strata.Errorf("quota.Config", strata.Invalid, "grant sizes must be positive, and the TTL at least 1 s beyond the margin")
	}
	if c.AlertEvery <= 0 {
		c.AlertEvery = 30 * time.Second
	}
	return nil
}

// Usager is what the manager reads usage from: the object service.
type Usager interface {
	BucketUsage(ctx context.Context, bucket string) (object.Usage, error)
	ListBuckets(ctx context.Context, account string) ([]object.Bucket, error)
	GetBucket(ctx context.Context, name string) (object.Bucket, error)
}

// Manager holds the quotas and this gateway's allowances. It implements
// object.Quotas.
type Manager struct {
	cfg  Config
	root meta.Engine
	use  Usager
	log  *slog.Logger

	mu     sync.Mutex
	limits map[Scope]Limits
	gen    uint64 // bumped by every change of limits
	allow  map[Scope]*allowance
	alerts map[alertKey]Alert

	used  *prometheus.GaugeVec
	alert *prometheus.GaugeVec
	now   atomic.Pointer[func() time.Time] // see SetClock
}

// SetClock replaces the clock that reservations expire by (tests step
// it past an expiry instead of waiting); nil restores the real one.
func (m *Manager) SetClock(now func() time.Time) {
	if now == nil {
		m.now.Store(nil)
		return
	}
	m.now.Store(&now)
}

func (m *Manager) clock() time.Time {
	if f := m.now.Load(); f != nil {
		return (*f)()
	}
	return time.Now()
}

var _ object.Quotas = (*Manager)(nil)

// New loads the quotas stored on root. In a cluster the caller feeds
// other gateways' changes to Apply (and calls Reload when the watch
// broke).
func New(ctx context.Context, cfg Config, root meta.Engine, use Usager, log *slog.Logger) (*Manager, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.Default()
	}
	m := &Manager{cfg: cfg, root: root, use: use, log: log, limits: map[Scope]Limits{},
		allow: map[Scope]*allowance{}, alerts: map[alertKey]Alert{},
		used: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "strata_quota_used",
			Help: "Usage of each scope with a quota, by resource (bytes, objects)."}, []string{"kind", "name", "resource"}),
		alert: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "strata_quota_soft_exceeded",
			Help: "1 while a scope is beyond its soft limit, by resource."}, []string{"kind", "name", "resource"}),
	}
	if err := m.Reload(ctx); err != nil {
		return nil, err
	}
	return m, nil
}

// Collectors returns the manager's metrics, for the node's registry.
func (m *Manager) Collectors() []prometheus.Collector { return []prometheus.Collector{m.used, m.alert} }

// Status is a quota with the usage it is judged against.
type Status struct {
	Quota
	Usage object.Usage `json:"usage"`
}

// Status returns a scope's quota and its current usage.
func (m *Manager) Status(ctx context.Context, s Scope) (Status, error) {
	q, err := m.Get(ctx, s)
	if err != nil {
		return Status{}, err
	}
	u, err := m.usage(ctx, s)
	if err == nil {
		m.noteUsage(s, q.Limits, u)
	}
	return Status{Quota: q, Usage: u}, err
}

// usage is a scope's stored usage: a bucket's counters, or the sum over
// an account's buckets.
func (m *Manager) usage(ctx context.Context, s Scope) (object.Usage, error) {
	if s.Kind == Bucket {
		return m.use.BucketUsage(ctx, s.Name)
	}
	bs, err := m.use.ListBuckets(ctx, s.Name)
	if err != nil {
		return object.Usage{}, err
	}
	total := object.Usage{RawBytes: map[string]int64{}}
	for _, b := range bs {
		u, err := m.use.BucketUsage(ctx, b.Name)
		if strata.Is(err, strata.NotExist) {
			continue // deleted meanwhile
		}
		if err != nil {
			return total, err
		}
		total.Add(u, 1)
	}
	return total, nil
}
