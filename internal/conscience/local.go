package conscience

import (
	"context"
	"log/slog"
	"math/rand"
	"sort"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// LockStore persists operator locks, so that they survive restarts.
type LockStore interface {
	LoadLocks(ctx context.Context) (map[string]int, error)
	SaveLock(ctx context.Context, id string, score int, locked bool) error
}

// Config configures a Local registry.
type Config struct {
	Formula   string           // score formula; DefaultFormula if empty
	Expiry    time.Duration    // a service silent this long scores 0
	Now       func() time.Time // clock, for tests
	Logger    *slog.Logger
	LockStore LockStore // optional
}

// DefaultConfig returns the defaults: DefaultFormula, 10 s expiry.
func DefaultConfig() Config {
	return Config{Formula: DefaultFormula, Expiry: 10 * time.Second, Now: time.Now}
}

// Validate checks the config and fills in defaults.
func (c *Config) Validate() error {
	if c.Formula == "" {
		c.Formula = DefaultFormula
	}
	if c.Expiry <= 0 {
		c.Expiry = 10 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	_, err := ParseFormula(c.Formula)
	return err
}

// Local is an in-process registry and placer: the whole conscience of a
// single node, and the scoring core of a replicated one.
type Local struct {
	cfg     Config
	formula *Formula
	mu      sync.Mutex
	svcs    map[string]strata.Service
	locks   map[string]int
	rnd     *rand.Rand
}

var (
	_ Registry = (*Local)(nil)
	_ Placer   = (*Local)(nil)
)

// NewLocal returns an empty registry, with persisted locks loaded.
func NewLocal(cfg Config) (*Local, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	f, _ := ParseFormula(cfg.Formula)
	l := &Local{cfg: cfg, formula: f, svcs: map[string]strata.Service{}, locks: map[string]int{},
		rnd: rand.New(rand.NewSource(time.Now().UnixNano()))}
	if cfg.LockStore != nil {
		locks, err := cfg.LockStore.LoadLocks(context.Background())
		if err != nil {
			return nil, err
		}
		l.locks = locks
	}
	return l, nil
}

// Register records a service and its stats (the heartbeat).
func (l *Local) Register(ctx context.Context, s strata.Service) error {
	if s.ID == "" || s.Type == "" {
		return strata.Errorf("conscience.Register", strata.Invalid, "service needs an id and a type")
	}
	s.Updated = l.cfg.Now()
	l.mu.Lock()
	l.svcs[s.ID] = s
	l.mu.Unlock()
	return nil
}

// Services returns the services of a type ("" for all) with fresh scores,
// sorted by id.
func (l *Local) Services(ctx context.Context, typ string) ([]strata.Service, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.scored(typ), nil
}

func (l *Local) scored(typ string) []strata.Service {
	now := l.cfg.Now()
	out := make([]strata.Service, 0, len(l.svcs))
	for _, s := range l.svcs {
		if typ != "" && s.Type != typ {
			continue
		}
		if score, ok := l.locks[s.ID]; ok {
			s.Score, s.Locked = score, true
		} else if now.Sub(s.Updated) > l.cfg.Expiry {
			s.Score = 0
		} else {
			// A live service never scores 0 from its stats: 0 means
			// dead or drained. A saturated disk or CPU still gets a
			// trickle of writes instead of failing them all.
			s.Score = max(1, l.formula.Score(s.Stats))
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lock pins a service's score.
func (l *Local) Lock(ctx context.Context, id string, score int) error {
	score = min(100, max(0, score))
	if l.cfg.LockStore != nil {
		if err := l.cfg.LockStore.SaveLock(ctx, id, score, true); err != nil {
			return err
		}
	}
	l.mu.Lock()
	l.locks[id] = score
	l.mu.Unlock()
	return nil
}

// Unlock lets a service's score follow its stats again.
func (l *Local) Unlock(ctx context.Context, id string) error {
	if l.cfg.LockStore != nil {
		if err := l.cfg.LockStore.SaveLock(ctx, id, 0, false); err != nil {
			return err
		}
	}
	l.mu.Lock()
	delete(l.locks, id)
	l.mu.Unlock()
	return nil
}

// Select places n fragments on services of the type.
func (l *Local) Select(ctx context.Context, typ string, n int, opts SelectOptions) ([]strata.Service, bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return Place(l.scored(typ), n, opts, l.rnd)
}
