package fn

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/events"
	"github.com/strata-storage/strata/internal/fn/invoke"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// Request asks an agent to run one invocation.
type Request struct {
	ID       string          `json:"id"`
	Function string          `json:"function"`
	Delivery events.Delivery `json:"delivery"`
	Attempt  int             `json:"attempt"`
}

// Agent runs invocations on this node.
type Agent struct {
	ID       string
	Registry *Registry
	Objects  *object.Service
	Records  meta.Engine // where invocation records go (the root engine)
	Wasm     invoke.Runtime
	Native   invoke.Runtime // nil: native functions are refused here
	Slots    int            // invocations run at once; more wait
	Log      *slog.Logger

	sem     chan struct{}
	running atomic.Int64
}

// Start prepares the agent.
func (a *Agent) Start() {
	if a.Slots <= 0 {
		a.Slots = 8
	}
	a.sem = make(chan struct{}, a.Slots)
}

// Load is the agent's part of its conscience score: percent of slots free.
func (a *Agent) Load() (running int, freePercent float64) {
	r := int(a.running.Load())
	return r, max(0, 100*(1-float64(r)/float64(a.Slots)))
}

func newID() string {
	return strconv.FormatInt(time.Now().UnixNano(), 36) + strconv.FormatUint(rand.Uint64()%1e6, 36)
}

// Invoke runs a request and records it. The error is for failures of the
// agent itself; the function's own outcome is in the record.
func (a *Agent) Invoke(ctx context.Context, req Request) (Record, error) {
	ev := req.Delivery.Event
	rec := Record{ID: req.ID, Function: req.Function, EventID: ev.ID, Event: ev.Name, Bucket: ev.Bucket,
		Key: ev.Key, Seq: ev.Seq, Agent: a.ID, Attempt: req.Attempt}
	if rec.ID == "" {
		rec.ID = newID()
	}
	m, err := a.Registry.Get(ctx, req.Function)
	if err != nil {
		return rec, err
	}
	select {
	case a.sem <- struct{}{}:
	case <-ctx.Done():
		return rec, ctx.Err()
	}
	defer func() { <-a.sem }()
	a.running.Add(1)
	running.Inc()
	defer func() { a.running.Add(-1); running.Dec() }()

	limits := m.limits()
	logs := &logBuf{max: limits.LogBytes}
	h := &host{objects: a.Objects, m: m, ev: &ev, log: logs}
	inv := invoke.Invocation{ID: rec.ID, Function: m.Name, Event: ev, Env: m.Env, Limits: limits,
		Payload: req.Delivery.Payload}
	if inv.Payload == nil {
		inv.Payload = event.Records(req.Delivery.ConfigID, ev)
	}
	rec.Start = time.Now().UTC()
	if !ev.Time.IsZero() && req.Delivery.Replay == "" {
		rec.Lag = float64(rec.Start.Sub(ev.Time).Microseconds()) / 1000
	}
	res, runErr := a.run(ctx, m, inv, h)
	rec.Duration = float64(time.Since(rec.Start).Microseconds()) / 1000
	rec.Cold, rec.Result, rec.Logs = res.Cold, result(runErr), logs.String()
	if runErr != nil {
		rec.Error = runErr.Error()
	}
	invocations.WithLabelValues(m.Name, rec.Result).Inc()
	latency.WithLabelValues(m.Name).Observe(rec.Duration / 1000)
	if err := saveRecord(context.WithoutCancel(ctx), a.Records, &rec); err != nil {
		a.Log.Warn("invocation record not saved", "function", m.Name, "id", rec.ID, "err", err)
	}
	return rec, nil
}

func (a *Agent) run(ctx context.Context, m *Manifest, inv invoke.Invocation, h invoke.Host) (invoke.Result, error) {
	var rt invoke.Runtime
	var code invoke.Code
	switch m.Runtime {
	case RuntimeNative:
		if a.Native == nil {
			return invoke.Result{}, fmt.Errorf("%w: native functions are not enabled on agent %s", errNoRuntime, a.ID)
		}
		rt, code = a.Native, invoke.Code{Native: m.Native}
	default:
		mod, err := a.Registry.Module(ctx, m)
		if err != nil {
			return invoke.Result{}, fmt.Errorf("%w: module: %v", errNoRuntime, err)
		}
		rt, code = a.Wasm, invoke.Code{Digest: m.Digest, Module: mod}
	}
	return runBounded(ctx, rt, code, inv, h)
}

var errNoRuntime = errors.New("cannot run")

func result(err error) string {
	switch {
	case err == nil:
		return ResultOK
	case errors.Is(err, invoke.ErrTimeLimit):
		return ResultTimeout
	case errors.Is(err, invoke.ErrMemoryLimit):
		return ResultMemory
	case errors.Is(err, errNoRuntime):
		return ResultError
	}
	return ResultFailed
}

// Failed is the error a scheduler returns for an invocation that ran and
// did not succeed (it is retried, then dead-lettered).
func Failed(rec Record) error {
	return strata.Errorf("fn.invoke", strata.Internal, "%s: %s on %s (attempt %d): %s", rec.Function, rec.Result, rec.Agent, rec.Attempt, rec.Error)
}
