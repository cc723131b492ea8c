package server

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/events"
	"github.com/strata-storage/strata/internal/fn"
	"github.com/strata-storage/strata/internal/kms"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/strata"
)

// apiParts wires the jobs, functions, events and keys of a gateway into
// the API.
func (n *Node) apiParts(opts *restapi.Options) {
	if n.Objects == nil {
		return
	}
	// Jobs stop with the node: their context is cancelled by Close, and
	// Close waits for their goroutines (goLoop) before closing the
	// stores they use.
	ctx, cancel := context.WithCancel(context.Background())
	prev := n.cancel
	n.cancel = func() {
		cancel()
		if prev != nil {
			prev()
		}
	}
	opts.Jobs = restapi.NewJobs(ctx, n.goLoop, map[string]restapi.JobKind{
		"rebuild": {Check: checkRate, Run: n.rebuildJob(false)},
		"scrub":   {Check: checkRate, Run: n.rebuildJob(true)},
		"improve": {Run: n.improveJob},
		"gc":      {Check: checkGrace, Run: n.gcJob},

		"lifecycle": {Run: n.lifecycleJob},

		"rdir-check":    {Run: n.rdirCheckJob}, // rdir.go
		"rdir-backfill": {Run: n.rdirBackfillJob},
	})
	if a, ok := n.Objects.KMS().(kms.Admin); ok {
		opts.KMS = a
	}
	if n.qos != nil {
		opts.QoS = n.qos.Store()
	}
	if n.quota != nil {
		opts.Quotas = n.quota
	}
	opts.Classes = n.Objects.Classes()
	if u := n.usageAPI(); u != nil {
		opts.Usage = u
	}
	if n.grid != nil {
		opts.Functions, opts.Events = nodeFunctions{n}, nodeEvents{n}
	}
	if n.repl != nil {
		opts.Replication = replicationAPI{n.repl}
	}
}

func checkRate(p map[string]string) error {
	if s := p["rate"]; s != "" {
		if r, err := strconv.ParseInt(s, 10, 64); err != nil || r < 0 {
			return strata.Errorf("rebuild", strata.Invalid, "rate: bytes per second, e.g. 104857600")
		}
	}
	return nil
}

func checkGrace(p map[string]string) error {
	if s := p["grace"]; s != "" {
		if _, err := time.ParseDuration(s); err != nil {
			return strata.Errorf("gc", strata.Invalid, "grace: a duration such as 1h (%v)", err)
		}
	}
	return nil
}

// rebuildJob restores protection; a scrub also reads and verifies every
// chunk. Params: verify=1, rate (bytes/s), volume (a lost blob service:
// read only its index entries).
func (n *Node) rebuildJob(scrub bool) restapi.JobFunc {
	return func(ctx context.Context, p map[string]string, progress func(any)) (any, error) {
		opts := object.RebuildOptions{Verify: scrub || p["verify"] == "1" || p["verify"] == "true", ProgressEvery: time.Second,
			Progress: func(r object.RebuildReport) { progress(r) }, Volume: p["volume"]}
		if rate, err := strconv.ParseInt(p["rate"], 10, 64); err == nil {
			opts.BytesPerSecond = rate
		} else if scrub {
			opts.BytesPerSecond = n.cfg.ScrubRate
		}
		return n.Objects.Rebuild(ctx, opts)
	}
}

func (n *Node) improveJob(ctx context.Context, _ map[string]string, _ func(any)) (any, error) {
	return n.Objects.Improve(ctx)
}

// gcJob collects orphan chunks older than grace (default --orphan-grace).
func (n *Node) gcJob(ctx context.Context, p map[string]string, _ func(any)) (any, error) {
	grace := n.cfg.OrphanGrace
	if s := p["grace"]; s != "" {
		g, err := time.ParseDuration(s)
		if err != nil {
			return nil, strata.Errorf("gc", strata.Invalid, "grace: %v", err)
		}
		grace = g
	}
	return n.Objects.CollectOrphans(ctx, grace)
}

// nodeFunctions is the function registry as the API shows it.
type nodeFunctions struct{ n *Node }

// account is who a function acts for: "" (the administrator) keeps the
// configured root user's account, as the admin API did.
func (f nodeFunctions) account(a string) string {
	if a == "" {
		return f.n.cfg.Users[0].Account
	}
	return a
}

func (f nodeFunctions) List(ctx context.Context) (any, error) { return f.n.grid.registry.List(ctx) }

func (f nodeFunctions) Get(ctx context.Context, name string) (any, error) {
	return f.n.grid.registry.Get(ctx, name)
}

func (f nodeFunctions) Deploy(ctx context.Context, manifest, module []byte, account string) (any, error) {
	var m fn.Manifest
	if err := json.Unmarshal(manifest, &m); err != nil {
		return nil, strata.Errorf("fn.Deploy", strata.Invalid, "bad manifest: %v", err)
	}
	g := f.n.grid
	m, err := g.registry.Deploy(ctx, m, module, f.account(account))
	if err == nil {
		// Lanes exist before the first event is routed to them.
		err = events.EnsureLanes(ctx, g.bus.JS, events.TargetID(event.Target{Kind: event.KindFunction, Name: m.Name}), m.Lanes(), 0)
	}
	return m, err
}

func (f nodeFunctions) Remove(ctx context.Context, name string) error {
	return f.n.grid.registry.Remove(ctx, name)
}

func (f nodeFunctions) Invoke(ctx context.Context, name string, payload []byte, account string) (any, error) {
	return f.n.grid.scheduler.InvokeSync(ctx, name, payload, f.account(account))
}

func (f nodeFunctions) Logs(ctx context.Context, name, id string, limit int) (any, error) {
	return fn.Records(ctx, f.n.engine, name, id, limit)
}

func (f nodeFunctions) Batch(ctx context.Context, name, bucket, prefix, _ string, progress func(any)) (any, error) {
	g := f.n.grid
	return g.scheduler.Batch(ctx, g.bus.JS, f.n.Objects, name, bucket, prefix, func(p fn.BatchProgress) { progress(p) })
}

// nodeEvents is the notification targets and dead letters.
type nodeEvents struct{ n *Node }

func (e nodeEvents) Targets(ctx context.Context) (any, error) {
	ts, err := e.n.grid.targets.List(ctx)
	for i := range ts {
		if ts[i].Secret != "" {
			ts[i].Secret = "(set)"
		}
	}
	return ts, err
}

func (e nodeEvents) PutTarget(ctx context.Context, name string, config []byte) (string, error) {
	var t events.TargetConfig
	if err := json.Unmarshal(config, &t); err != nil {
		return "", strata.Errorf("events.PutTarget", strata.Invalid, "bad target: %v", err)
	}
	t.Name = name
	if err := e.n.grid.targets.Put(ctx, t); err != nil {
		return "", err
	}
	return event.Target{Kind: t.Kind, Name: t.Name}.ARN(e.n.cfg.Region), nil
}

func (e nodeEvents) DeleteTarget(ctx context.Context, name string) error {
	return e.n.grid.targets.Delete(ctx, name)
}

func parseTarget(arn string) (*event.Target, error) {
	if arn == "" {
		return nil, nil
	}
	t, err := event.ParseARN(arn)
	if err != nil {
		return nil, strata.Errorf("events", strata.Invalid, "target: %v", err)
	}
	return &t, nil
}

func (e nodeEvents) DeadLetters(ctx context.Context, target string, max int) (any, error) {
	t, err := parseTarget(target)
	if err != nil {
		return nil, err
	}
	return events.DeadLetters(ctx, e.n.grid.bus, t, max)
}

func (e nodeEvents) Redrive(ctx context.Context, target string) (int, error) {
	t, err := parseTarget(target)
	if err != nil || t == nil {
		return 0, strata.Errorf("events.Redrive", strata.Invalid, "redrive needs a target ARN")
	}
	return e.n.grid.relay.Redrive(ctx, *t)
}

func (e nodeEvents) Replay(ctx context.Context, since time.Time, bucket, target string) (int, error) {
	t, err := parseTarget(target)
	if err != nil {
		return 0, err
	}
	return e.n.grid.relay.Replay(ctx, events.ReplayOptions{Since: since, Bucket: bucket, Target: t})
}
