package conscience

import (
	"context"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/strata-storage/strata/internal/strata"
)

// Local is an in-process registry and placer: the whole conscience of a
// single node, and the scoring core of a replicated one. It is safe for
// concurrent use.
type Local struct {
	cfg     Config
	formula atomic.Pointer[Formula]
	rnd     *rand.Rand // over the runtime's source: safe without a lock

	mu     sync.RWMutex
	svcs   map[string]*entry // pointers: a digest updates scores in place
	locks  map[string]int
	gen    uint64   // counts changes to svcs and locks, for the snapshots
	intern interner // the services' locations as numbers

	// snapMu guards snaps: each type's placeable services, rebuilt by
	// the first Select after a change (snapshot.go).
	snapMu sync.Mutex
	snaps  map[string]*snapshot

	// lockMu orders Lock and Unlock so that the store and memory agree on
	// which of two concurrent calls came last.
	lockMu sync.Mutex
}

// entry is a registered service with the score of its last stats. The
// score is computed at Register, once per heartbeat, not at every Select.
type entry struct {
	svc   strata.Service
	score int
	loc   locID // svc.Location interned
}

var (
	_ Registry = (*Local)(nil)
	_ Placer   = (*Local)(nil)
)

// NewLocal returns an empty registry with the persisted locks loaded.
func NewLocal(cfg Config) (*Local, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	f, err := ParseFormula(cfg.Formula)
	if err != nil {
		return nil, err
	}
	l := &Local{cfg: cfg, rnd: rand.New(runtimeSource{}),
		svcs: map[string]*entry{}, locks: map[string]int{}}
	l.formula.Store(f)
	if cfg.LockStore != nil {
		// NewLocal has no context in its contract; loading is one read at
		// startup, so it is not worth a second constructor.
		locks, err := cfg.LockStore.LoadLocks(context.Background())
		if err != nil {
			return nil, strata.E("conscience.NewLocal", strata.Other, err)
		}
		for id, score := range locks {
			l.locks[id] = min(100, max(0, score))
		}
	}
	return l, nil
}

// Register records a service and its stats; it is the heartbeat. The
// service's Score, Locked and Updated fields are ignored: the registry
// sets them. Tags and Extra are copied, so the caller may reuse its maps.
func (l *Local) Register(ctx context.Context, s strata.Service) error {
	if s.ID == "" || s.Type == "" {
		return strata.Errorf("conscience.Register", strata.Invalid, "service needs an id and a type")
	}
	if err := ctx.Err(); err != nil {
		return strata.E("conscience.Register", strata.Unavailable, err)
	}
	s.Tags, s.Stats.Extra = maps.Clone(s.Tags), maps.Clone(s.Stats.Extra)
	s.Score, s.Locked, s.Updated = 0, false, l.cfg.Now()
	e := entry{svc: s, score: Rate(l.formula.Load(), s.Stats)}
	score := e.score // e is shared once in the map: ApplyScores may change it
	l.mu.Lock()
	_, known := l.svcs[s.ID]
	e.loc = l.intern.intern(s.Location)
	l.svcs[s.ID] = &e
	l.gen++
	l.mu.Unlock()
	if !known {
		l.cfg.Logger.Info("service registered", "id", s.ID, "type", s.Type, "location", string(s.Location), "score", score)
	}
	return nil
}

// Services returns the services of a type ("" for all) sorted by id, with
// their scores as of now: the locked score if locked, 0 if expired, else
// the score of the last stats. The Tags and Extra maps are shared with the
// registry and must not be modified.
func (l *Local) Services(ctx context.Context, typ string) ([]strata.Service, error) {
	return l.scored(typ, true), nil
}

// scored lists the services of a type with their scores now, sorted by
// id if asked: a placement draws at random and need not pay for the sort.
func (l *Local) scored(typ string, sorted bool) []strata.Service {
	now := l.cfg.Now()
	l.mu.RLock()
	out := make([]strata.Service, 0, len(l.svcs))
	for _, e := range l.svcs {
		if typ != "" && e.svc.Type != typ {
			continue
		}
		s := e.svc
		if score, ok := l.locks[s.ID]; ok {
			s.Score, s.Locked = score, true
		} else if now.Sub(s.Updated) < l.cfg.Expiry {
			s.Score = e.score
		}
		out = append(out, s)
	}
	l.mu.RUnlock()
	if !sorted {
		return out
	}
	slices.SortFunc(out, func(a, b strata.Service) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Lock pins a service's score to 0..100 (0 drains it) until Unlock,
// persisting the lock first when a LockStore is configured. The service
// need not be registered yet, so a node can be drained before it returns.
func (l *Local) Lock(ctx context.Context, id string, score int) error {
	if id == "" || score < 0 || score > 100 {
		return strata.Errorf("conscience.Lock", strata.Invalid, "lock %q to %d: want an id and a score in 0..100", id, score)
	}
	return l.setLock(ctx, id, score, true)
}

// Unlock lets a service's score follow its stats again. Unlocking a
// service that is not locked does nothing.
func (l *Local) Unlock(ctx context.Context, id string) error {
	return l.setLock(ctx, id, 0, false)
}

func (l *Local) setLock(ctx context.Context, id string, score int, locked bool) error {
	l.lockMu.Lock()
	defer l.lockMu.Unlock()
	if l.cfg.LockStore != nil {
		if err := l.cfg.LockStore.SaveLock(ctx, id, score, locked); err != nil {
			return strata.E("conscience.Lock", strata.Other, err)
		}
	}
	l.mu.Lock()
	if locked {
		l.locks[id] = score
	} else {
		delete(l.locks, id)
	}
	l.gen++
	l.mu.Unlock()
	l.cfg.Logger.Info("service lock changed", "id", id, "locked", locked, "score", score)
	return nil
}

// Select places n items on services of the type; see Place for the rules.
func (l *Local) Select(ctx context.Context, typ string, n int, opts SelectOptions) ([]strata.Service, bool, error) {
	s := l.placeable(typ)
	return place(s.candidates, l.nearIDs(opts.Near), n, opts, l.rnd)
}

// runtimeSource draws from the runtime's per-thread generator, so one
// *rand.Rand over it serves concurrent Selects without a mutex.
type runtimeSource struct{}

func (runtimeSource) Uint64() uint64 { return rand.Uint64() }

// Forget drops a service at once, e.g. when its registration lease
// expired in a replicated conscience. It scores nothing until it
// registers again.
func (l *Local) Forget(id string) {
	l.mu.Lock()
	_, known := l.svcs[id]
	delete(l.svcs, id)
	l.gen++
	l.mu.Unlock()
	if known {
		l.cfg.Logger.Info("service gone", "id", id)
	}
}

// ApplyLock changes a lock in memory only: a replicated conscience calls
// it when another node's Lock or Unlock reaches it.
func (l *Local) ApplyLock(id string, score int, locked bool) {
	l.mu.Lock()
	if locked {
		l.locks[id] = min(100, max(0, score))
	} else {
		delete(l.locks, id)
	}
	l.gen++
	l.mu.Unlock()
}

// SetFormula replaces the score formula; services are rescored at their
// next heartbeat (within a second).
func (l *Local) SetFormula(src string) error {
	f, err := ParseFormula(src)
	if err != nil {
		return err
	}
	l.formula.Store(f)
	l.cfg.Logger.Info("score formula changed", "formula", src)
	return nil
}

// Formula returns the source of the current score formula.
func (l *Local) Formula() string { return l.formula.Load().String() }
