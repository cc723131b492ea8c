package object

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
)

// stepEngine runs a hook once, between the next transaction's closure
// and its commit: a write made there by another caller makes the
// optimistic commit fail validation and run the closure again.
type stepEngine struct {
	meta.Engine
	mu   sync.Mutex
	hook func()
}

func (s *stepEngine) arm(hook func()) {
	s.mu.Lock()
	s.hook = hook
	s.mu.Unlock()
}

func (s *stepEngine) Update(ctx context.Context, fn func(meta.Txn) error) error {
	return s.Engine.Update(ctx, func(tx meta.Txn) error {
		err := fn(tx)
		s.mu.Lock()
		hook := s.hook
		s.hook = nil
		s.mu.Unlock()
		if hook != nil {
			hook()
		}
		return err
	})
}

// TestPutCommitRerunRereadsDefaultRetention: a PUT whose commit runs
// again, because the bucket's default retention changed under it, takes
// the new default, not the one its first run read.
func TestPutCommitRerunRereadsDefaultRetention(t *testing.T) {
	var step *stepEngine
	var pe *metapebble.Engine
	e := newEnvOn(t, 1, "SINGLE", func(m meta.Engine) meta.Engine {
		pe = m.(*metapebble.Engine)
		step = &stepEngine{Engine: m}
		return step
	})
	if err := e.svc.CreateBucket(ctx, Bucket{Name: "w", Account: "acct", Versioning: VersioningEnabled, ObjectLock: true}); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.PutLockConfig(ctx, "w", LockConfig{Mode: LockCompliance, Days: 1}); err != nil {
		t.Fatal(err)
	}
	before := pe.Conflicts()
	// The PUT's only transaction is its commit (the data is stored first).
	step.arm(func() {
		if err := e.svc.PutLockConfig(ctx, "w", LockConfig{Mode: LockGovernance, Days: 5}); err != nil {
			t.Error(err)
		}
	})
	start := time.Now()
	b := []byte("retained")
	if _, err := e.svc.PutObject(ctx, "w", "k", bytes.NewReader(b), PutOptions{Size: int64(len(b))}); err != nil {
		t.Fatal(err)
	}
	if pe.Conflicts() == before {
		t.Fatal("the commit did not run again: the test no longer steps between its read and its commit")
	}
	info, err := e.svc.HeadObject(ctx, "w", "k", GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	l := info.ObjectLock
	if l == nil || l.Mode != LockGovernance || l.Until.Before(start.AddDate(0, 0, 5).Add(-time.Minute)) {
		t.Fatalf("retention %+v, want GOVERNANCE for 5 days (the default when the commit ran again)", l)
	}
}
