package conscience

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

var idle = strata.Stats{CPUIdle: 100, IOIdle: 100, SpaceFree: 100}

func newLocal(t *testing.T, cfg Config) *Local {
	t.Helper()
	cfg.Logger = slog.New(slog.NewTextHandler(t.Output(), nil))
	l, err := NewLocal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func blob(id string, st strata.Stats) strata.Service {
	return strata.Service{ID: id, Type: strata.ServiceBlob, Location: strata.Location("s.r." + id + ".v"), Stats: st}
}

func scores(t *testing.T, l *Local) map[string]int {
	t.Helper()
	svcs, err := l.Services(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, s := range svcs {
		out[s.ID] = s.Score
	}
	return out
}

// TestLocalExpiry runs on synctest's fake clock with the default
// time.Now: a service that stops reporting drops to 0 after Expiry and is
// never chosen, one that keeps reporting stays.
func TestLocalExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := t.Context()
		l := newLocal(t, Config{})
		l.Register(ctx, blob("quiet", idle))
		l.Register(ctx, blob("alive", idle))
		time.Sleep(DefaultExpiry - time.Second)
		l.Register(ctx, blob("alive", idle))
		if got := scores(t, l); got["quiet"] != 100 || got["alive"] != 100 {
			t.Fatalf("before expiry: %v", got)
		}
		time.Sleep(time.Second)
		if got := scores(t, l); got["quiet"] != 0 || got["alive"] != 100 {
			t.Fatalf("at expiry: %v", got)
		}
		for range 200 {
			got, _, err := l.Select(ctx, strata.ServiceBlob, 1, SelectOptions{})
			if err != nil || got[0].ID != "alive" {
				t.Fatalf("chose %v, %v", got, err)
			}
		}
		if _, _, err := l.Select(ctx, strata.ServiceBlob, 2, SelectOptions{}); !strata.Is(err, strata.NoSpace) {
			t.Fatalf("2 of 1 live: %v", err)
		}
		l.Register(ctx, blob("quiet", idle)) // back from the dead
		if got := scores(t, l); got["quiet"] != 100 {
			t.Fatalf("after re-register: %v", got)
		}
	})
}

func TestLocalScores(t *testing.T) {
	ctx := t.Context()
	l := newLocal(t, Config{Formula: "cpu"})
	l.Register(ctx, blob("busy", strata.Stats{CPUIdle: 0}))
	l.Register(ctx, blob("half", strata.Stats{CPUIdle: 50}))
	l.Register(ctx, strata.Service{ID: "gw", Type: strata.ServiceGateway, Stats: idle, Score: 3, Locked: true})
	if got := scores(t, l); got["busy"] != 1 || got["half"] != 50 || got["gw"] != 100 {
		t.Fatalf("scores %v: a live service floors at 1 and input scores are ignored", got)
	}
	svcs, _ := l.Services(ctx, strata.ServiceGateway)
	if len(svcs) != 1 || svcs[0].ID != "gw" || svcs[0].Locked {
		t.Fatalf("gateways: %+v", svcs)
	}
	for _, bad := range []strata.Service{{Type: "blob"}, {ID: "x"}} {
		if err := l.Register(ctx, bad); !strata.Is(err, strata.Invalid) {
			t.Errorf("register %+v: %v", bad, err)
		}
	}
	tags := map[string]string{"media": "ssd"}
	s := blob("tagged", idle)
	s.Tags = tags
	l.Register(ctx, s)
	tags["media"] = "hdd" // the registry kept its own copy
	if got, _, _ := l.Select(ctx, strata.ServiceBlob, 1, SelectOptions{Tags: map[string]string{"media": "ssd"}}); len(got) != 1 {
		t.Fatalf("tagged service lost its tag: %v", got)
	}
}

func TestLocalLocks(t *testing.T) {
	ctx := t.Context()
	store := &memLocks{locks: map[string]int{"drained": 0}}
	l := newLocal(t, Config{LockStore: store})
	for _, id := range []string{"drained", "v1", "v2"} {
		l.Register(ctx, blob(id, idle))
	}
	if err := l.Lock(ctx, "v1", 30); err != nil {
		t.Fatal(err)
	}
	l.Register(ctx, blob("v1", idle)) // stats do not move a locked score
	svcs, _ := l.Services(ctx, strata.ServiceBlob)
	for _, s := range svcs {
		want := map[string]int{"drained": 0, "v1": 30, "v2": 100}[s.ID]
		if s.Score != want || s.Locked != (s.ID != "v2") {
			t.Fatalf("%s: score %d locked %v, want %d", s.ID, s.Score, s.Locked, want)
		}
	}
	for range 500 {
		got, _, err := l.Select(ctx, strata.ServiceBlob, 2, SelectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range got {
			if s.ID == "drained" {
				t.Fatal("a service locked to 0 was chosen")
			}
		}
	}
	// Locks survive a restart through the store.
	l2 := newLocal(t, Config{LockStore: store})
	l2.Register(ctx, blob("v1", idle))
	if got := scores(t, l2); got["v1"] != 30 {
		t.Fatalf("after restart: %v", got)
	}
	if err := l2.Unlock(ctx, "v1"); err != nil {
		t.Fatal(err)
	}
	if got := scores(t, l2); got["v1"] != 100 || len(store.locks) != 1 {
		t.Fatalf("after unlock: %v, store %v", got, store.locks)
	}
	// A lock that cannot be persisted is not applied.
	store.fail = errors.New("disk full")
	if err := l2.Lock(ctx, "v1", 0); err == nil || scores(t, l2)["v1"] != 100 {
		t.Fatalf("failed save: err %v, scores %v", err, scores(t, l2))
	}
	for _, score := range []int{-1, 101} {
		if err := l2.Lock(ctx, "v1", score); !strata.Is(err, strata.Invalid) {
			t.Errorf("lock to %d: %v", score, err)
		}
	}
	store.fail = nil
	store.loadErr = errors.New("unreadable")
	if _, err := NewLocal(Config{LockStore: store}); err == nil {
		t.Fatal("NewLocal ignored a failed LoadLocks")
	}
}

func TestConfig(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []Config{{Formula: "cpu +"}, {Expiry: -time.Second}} {
		if _, err := NewLocal(bad); !strata.Is(err, strata.Invalid) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}

// TestLocalConcurrent is for the race detector.
func TestLocalConcurrent(t *testing.T) {
	ctx := t.Context()
	l := newLocal(t, Config{})
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 200 {
				id := fmt.Sprintf("h%d", (w+i)%10)
				l.Register(ctx, blob(id, idle))
				l.Select(ctx, strata.ServiceBlob, 3, SelectOptions{})
				if i%50 == 0 {
					l.Lock(ctx, id, 10)
					l.Unlock(ctx, id)
				}
			}
		})
	}
	wg.Wait()
}

type memLocks struct {
	mu            sync.Mutex
	locks         map[string]int
	fail, loadErr error
}

func (m *memLocks) LoadLocks(context.Context) (map[string]int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.loadErr != nil {
		return nil, m.loadErr
	}
	out := map[string]int{}
	for k, v := range m.locks {
		out[k] = v
	}
	return out, nil
}

func (m *memLocks) SaveLock(_ context.Context, id string, score int, locked bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	if locked {
		m.locks[id] = score
	} else {
		delete(m.locks, id)
	}
	return nil
}

// TestSelectSnapshotFollowsChanges: placements read a cached snapshot, so
// each kind of change must show in the very next Select: a score expiring
// with no change at all, a new service, a lock, an unlock, a forget.
func TestSelectSnapshotFollowsChanges(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := t.Context()
		l := newLocal(t, Config{})
		only := func(want string, n int) {
			t.Helper()
			for range 50 {
				got, _, err := l.Select(ctx, strata.ServiceBlob, n, SelectOptions{})
				if err != nil || got[0].ID != want {
					t.Fatalf("chose %v, %v; want %s", got, err, want)
				}
			}
		}
		l.Register(ctx, blob("a", idle))
		l.Register(ctx, blob("b", idle))
		if got, _, err := l.Select(ctx, strata.ServiceBlob, 2, SelectOptions{}); err != nil || len(got) != 2 {
			t.Fatalf("2 of 2: %v, %v", got, err)
		}
		time.Sleep(DefaultExpiry - time.Second)
		l.Register(ctx, blob("b", idle))
		if got, _, err := l.Select(ctx, strata.ServiceBlob, 2, SelectOptions{}); err != nil || len(got) != 2 {
			t.Fatalf("2 of 2 before a expires: %v, %v", got, err)
		}
		time.Sleep(time.Second) // a expires; nothing else happens
		only("b", 1)
		if _, _, err := l.Select(ctx, strata.ServiceBlob, 2, SelectOptions{}); !strata.Is(err, strata.NoSpace) {
			t.Fatalf("2 of 1 live: %v", err)
		}
		l.Register(ctx, blob("c", idle))
		if got, _, err := l.Select(ctx, strata.ServiceBlob, 2, SelectOptions{}); err != nil || len(got) != 2 {
			t.Fatalf("after a new service: %v, %v", got, err)
		}
		if err := l.Lock(ctx, "b", 0); err != nil {
			t.Fatal(err)
		}
		only("c", 1)
		l.ApplyLock("b", 0, false)
		l.Forget("c")
		only("b", 1)
		l.ApplyScores([]strata.Service{blob("d", strata.Stats{})}, []byte{50}, nil)
		l.Lock(ctx, "b", 0)
		only("d", 1)
	})
}
