package hoststats

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// Registrar is the part of a registry a Reporter needs; a
// conscience.Registry is one.
type Registrar interface {
	Register(ctx context.Context, s strata.Service) error
}

// Source lists the services to report, each with its identity (ID, Type,
// Addr, Location, Tags) and the stats only it knows (IOIdle, FreeBytes,
// TotalBytes, Extra). It is called once per round, so the list may change
// as volumes come and go.
type Source func(ctx context.Context) ([]strata.Service, error)

// ReporterConfig configures a Reporter.
type ReporterConfig struct {
	// Interval between rounds. The conscience expires a service that is
	// silent for its expiry (10 s by default), so keep this well below.
	Interval time.Duration
	// CPU, if set, fills Stats.CPUIdle of every service: CPU is a host
	// metric, shared by every service on the node.
	CPU    *Sampler
	Logger *slog.Logger // nil discards
}

// DefaultReporterConfig returns a one-second interval.
func DefaultReporterConfig() ReporterConfig { return ReporterConfig{Interval: time.Second} }

// Validate reports a config that NewReporter would refuse.
func (c ReporterConfig) Validate() error {
	if c.Interval <= 0 {
		return strata.Errorf("hoststats.ReporterConfig", strata.Invalid, "interval %v must be positive", c.Interval)
	}
	return nil
}

// Reporter registers a node's services with their stats on a fixed
// interval: it is their heartbeat.
type Reporter struct {
	cfg ReporterConfig
	reg Registrar
	src Source
	log *slog.Logger
}

// NewReporter returns a reporter of the services src lists to reg.
func NewReporter(cfg ReporterConfig, reg Registrar, src Source) (*Reporter, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if reg == nil || src == nil {
		return nil, strata.Errorf("hoststats.NewReporter", strata.Invalid, "need a registry and a source")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Reporter{cfg: cfg, reg: reg, src: src, log: log}, nil
}

// Run reports at once, then every Interval until ctx is done, and returns
// nil. A failed round is logged and the next one tried: a registry that
// is briefly unreachable must not stop the heartbeat for good.
func (r *Reporter) Run(ctx context.Context) error {
	t := time.NewTicker(r.cfg.Interval)
	defer t.Stop()
	for {
		if err := r.Report(ctx); err != nil && ctx.Err() == nil {
			r.log.Warn("stats report failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Report runs one round: it lists the services, completes their stats
// and registers each. A service that fails to register does not stop the
// others; the errors are joined.
func (r *Reporter) Report(ctx context.Context) error {
	svcs, err := r.src(ctx)
	if err != nil {
		return strata.E("hoststats.Report", strata.Other, err)
	}
	var errs []error
	for _, s := range svcs {
		r.complete(&s.Stats)
		if err := r.reg.Register(ctx, s); err != nil {
			errs = append(errs, strata.E("hoststats.Report", strata.Other, err))
		}
	}
	return errors.Join(errs...)
}

// complete fills the stats that the reporter derives: CPU from the
// sampler, and SpaceFree from the byte counts when the source has them,
// so every source computes the percentage the same way.
func (r *Reporter) complete(st *strata.Stats) {
	if r.cfg.CPU != nil {
		st.CPUIdle = r.cfg.CPU.Idle()
	}
	if st.TotalBytes > 0 {
		st.SpaceFree = 100 * float64(max(0, min(st.FreeBytes, st.TotalBytes))) / float64(st.TotalBytes)
	}
}
