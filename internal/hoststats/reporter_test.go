package hoststats_test

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/hoststats"
	"github.com/strata-storage/strata/internal/strata"
)

// TestReporterKeepsServicesAlive runs a reporter against a real registry
// on synctest's clock: while the reporter runs, its volume keeps a
// score; once it stops, the volume expires.
func TestReporterKeepsServicesAlive(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		log := slog.New(slog.NewTextHandler(t.Output(), nil))
		reg, err := conscience.NewLocal(conscience.Config{Formula: "space", Logger: log})
		if err != nil {
			t.Fatal(err)
		}
		var rounds atomic.Int32
		src := func(ctx context.Context) ([]strata.Service, error) {
			rounds.Add(1)
			return []strata.Service{{ID: "vol0", Type: strata.ServiceBlob, Location: "s.r.h.vol0",
				Stats: strata.Stats{FreeBytes: 30, TotalBytes: 100}}}, nil
		}
		cfg := hoststats.DefaultReporterConfig()
		cfg.Interval, cfg.Logger = 3*time.Second, log
		rep, err := hoststats.NewReporter(cfg, reg, src)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() { done <- rep.Run(ctx) }()
		synctest.Wait()
		if rounds.Load() != 1 {
			t.Fatalf("%d rounds at start, want 1 at once", rounds.Load())
		}
		time.Sleep(30 * time.Second)
		synctest.Wait()
		if n := rounds.Load(); n != 11 {
			t.Fatalf("%d rounds in 30 s at 3 s, want 11", n)
		}
		if svcs, _ := reg.Services(ctx, ""); len(svcs) != 1 || svcs[0].Score != 30 || svcs[0].Stats.SpaceFree != 30 {
			t.Fatalf("while reporting: %+v", svcs)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("Run: %v", err)
		}
		time.Sleep(conscience.DefaultExpiry)
		if svcs, _ := reg.Services(t.Context(), ""); svcs[0].Score != 0 {
			t.Fatalf("after the reporter stopped: score %d", svcs[0].Score)
		}
	})
}

func TestReporterErrors(t *testing.T) {
	cpu := hoststats.NewSampler()
	reg := &flaky{}
	src := func(context.Context) ([]strata.Service, error) {
		return []strata.Service{{ID: "bad"}, {ID: "good", Stats: strata.Stats{FreeBytes: 200, TotalBytes: 100}}}, nil
	}
	cfg := hoststats.DefaultReporterConfig()
	cfg.CPU = cpu
	rep, err := hoststats.NewReporter(cfg, reg, src)
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Report(t.Context()); err == nil || len(reg.got) != 1 {
		t.Fatalf("Report: %v, registered %v", err, reg.got)
	}
	if st := reg.got[0].Stats; st.SpaceFree != 100 || st.CPUIdle != cpu.Idle() {
		t.Fatalf("completed stats %+v", st)
	}
	if _, err := hoststats.NewReporter(hoststats.ReporterConfig{}, reg, src); !strata.Is(err, strata.Invalid) {
		t.Fatalf("zero interval: %v", err)
	}
}

// flaky refuses the service "bad" and records the others.
type flaky struct{ got []strata.Service }

func (f *flaky) Register(_ context.Context, s strata.Service) error {
	if s.ID == "bad" {
		return errors.New("refused")
	}
	f.got = append(f.got, s)
	return nil
}
