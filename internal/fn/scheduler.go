package fn

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/events"
	"github.com/strata-storage/strata/internal/strata"
)

// AgentPath is where agents take invocations from schedulers.
const AgentPath = "/_strata/agent/invoke"

// TokenHeader carries the cluster token on agent calls.
const TokenHeader = "X-Strata-Cluster-Token"

// Scheduler sends invocations to agents. It is the events.Functions of
// a gateway.
type Scheduler struct {
	Registry *Registry
	Services conscience.Registry
	Local    *Agent // this node's agent, called in-process; nil if none
	Token    string
	HTTP     *http.Client
	Log      *slog.Logger
	// TLS: agents are called over https (the S3 listener serves them);
	// HTTP must trust the cluster CA.
	TLS bool

	mu      sync.Mutex
	suspect map[string]time.Time // agents whose calls failed lately, until when
}

func (s *Scheduler) scheme() string {
	if s.TLS {
		return "https"
	}
	return "http"
}

// suspectFor is how long an agent whose call failed is passed over: the
// conscience scores a dead agent 0 only after its heartbeats stop for a
// few seconds.
const suspectFor = 10 * time.Second

func (s *Scheduler) markSuspect(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.suspect == nil {
		s.suspect = map[string]time.Time{}
	}
	s.suspect[id] = time.Now().Add(suspectFor)
}

func (s *Scheduler) suspected(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	until, ok := s.suspect[id]
	if ok && time.Now().After(until) {
		delete(s.suspect, id)
		return false
	}
	return ok
}

var _ events.Functions = (*Scheduler)(nil)

// triggersMaxAge bounds how stale the trigger table may be when an event
// is routed: a function deployed on another node applies within it.
const triggersMaxAge = 250 * time.Millisecond

// Triggered returns the functions whose triggers select ev.
func (s *Scheduler) Triggered(ctx context.Context, ev event.Event) ([]string, error) {
	all, err := s.Registry.all(ctx, triggersMaxAge)
	if err != nil {
		return nil, err
	}
	var out []string
	for name, m := range all {
		for i := range m.Triggers {
			if m.Triggers[i].matches(&ev) {
				out = append(out, name)
				break
			}
		}
	}
	return out, nil
}

// Lanes is a function's concurrency.
func (s *Scheduler) Lanes(ctx context.Context, name string) int {
	if m, err := s.Registry.Get(ctx, name); err == nil {
		return m.Lanes()
	}
	return 1
}

// Attempts is how many times a function's delivery is tried; once for a
// function that no longer exists.
func (s *Scheduler) Attempts(ctx context.Context, name string) int {
	if m, err := s.Registry.Get(ctx, name); err == nil {
		return m.attempts()
	}
	return 1
}

// Names lists the deployed functions.
func (s *Scheduler) Names(ctx context.Context) ([]string, error) {
	all, err := s.Registry.all(ctx, time.Second)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(all))
	for n := range all {
		out = append(out, n)
	}
	return out, nil
}

// Invoke runs a delivery on the best agent and returns an error if the
// function did not succeed.
func (s *Scheduler) Invoke(ctx context.Context, name string, d events.Delivery, attempt int, progress func()) error {
	if attempt == 1 && !d.Event.Time.IsZero() && d.Replay == "" {
		eventLatency.WithLabelValues(name).Observe(time.Since(d.Event.Time).Seconds())
	}
	rec, err := s.Run(ctx, Request{ID: newID(), Function: name, Delivery: d, Attempt: attempt})
	if err != nil {
		return err
	}
	if rec.Result != ResultOK {
		return Failed(rec)
	}
	return nil
}

// InvokeSync runs a function at once on a payload (HTTP invocation).
func (s *Scheduler) InvokeSync(ctx context.Context, name string, payload []byte, principal string) (Record, error) {
	now := time.Now()
	id := newID()
	ev := event.Event{ID: id, Name: "Invoke", Time: now.UTC(), Principal: principal}
	return s.Run(ctx, Request{ID: id, Function: name, Delivery: events.Delivery{Event: ev, Payload: payload}, Attempt: 1})
}

// Run places a request on the best agent with the function's tags. An
// agent that cannot be reached (dead node) is left out and the next one
// is tried at once: that is the re-allocation.
func (s *Scheduler) Run(ctx context.Context, req Request) (Record, error) {
	m, err := s.Registry.Get(ctx, req.Function)
	if err != nil {
		return Record{}, err
	}
	tried := map[string]bool{}
	for {
		agent, err := s.pick(ctx, m.Tags, tried)
		if err != nil {
			return Record{}, err
		}
		start := time.Now()
		rec, err := s.call(ctx, agent, req, time.Duration(m.limits().Timeout)+30*time.Second)
		if err == nil {
			return rec, nil
		}
		if ctx.Err() != nil {
			return Record{}, ctx.Err()
		}
		tried[agent.ID] = true
		s.markSuspect(agent.ID)
		reallocations.Inc()
		s.Log.Warn("agent unreachable: invocation moves to another agent", "function", req.Function,
			"agent", agent.ID, "invocation", req.ID, "after", time.Since(start), "err", err)
	}
}

// pick returns the best-scored agent with the tags, not yet tried. Agents
// within 5 points of the best share the work at random, so one agent is
// not flooded between two score updates.
func (s *Scheduler) pick(ctx context.Context, tags map[string]string, tried map[string]bool) (strata.Service, error) {
	svcs, err := s.Services.Services(ctx, strata.ServiceAgent)
	if err != nil {
		return strata.Service{}, err
	}
	var ok, doubtful []strata.Service
	best := 0
	for _, sv := range svcs {
		if sv.Score <= 0 || tried[sv.ID] || !hasTags(sv.Tags, tags) {
			continue
		}
		if s.suspected(sv.ID) {
			doubtful = append(doubtful, sv)
			continue
		}
		ok = append(ok, sv)
		best = max(best, sv.Score)
	}
	if len(ok) == 0 {
		// Only agents that failed lately: try them rather than nothing.
		for _, sv := range doubtful {
			ok = append(ok, sv)
			best = max(best, sv.Score)
		}
	}
	var top []strata.Service
	for _, sv := range ok {
		if sv.Score >= best-5 {
			top = append(top, sv)
		}
	}
	if len(top) == 0 {
		return strata.Service{}, strata.Errorf("fn.schedule", strata.Unavailable, "no live agent has tags %v (%d tried)", tags, len(tried))
	}
	return top[rand.IntN(len(top))], nil
}

func hasTags(have, want map[string]string) bool {
	for k, v := range want {
		if got, ok := have[k]; !ok || (v != "" && got != v) {
			return false
		}
	}
	return true
}

// call runs req on an agent: in-process for this node's own.
func (s *Scheduler) call(ctx context.Context, agent strata.Service, req Request, timeout time.Duration) (Record, error) {
	if s.Local != nil && agent.ID == s.Local.ID {
		return s.Local.Invoke(ctx, req)
	}
	b, _ := json.Marshal(req)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, s.scheme()+"://"+agent.Addr+AgentPath, bytes.NewReader(b))
	if err != nil {
		return Record{}, err
	}
	hr.Header.Set(TokenHeader, s.Token)
	hr.Header.Set("Content-Type", "application/json")
	resp, err := s.HTTP.Do(hr)
	if err != nil {
		return Record{}, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if resp.StatusCode != http.StatusOK {
		return Record{}, fmt.Errorf("agent %s answered %s: %s", agent.ID, resp.Status, bytes.TrimSpace(body))
	}
	var rec Record
	if err := json.Unmarshal(body, &rec); err != nil {
		return Record{}, fmt.Errorf("agent %s: bad answer: %v", agent.ID, err)
	}
	return rec, nil
}

// ServeAgent is the agent's HTTP endpoint (AgentPath); the caller checks
// the cluster token.
func (a *Agent) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req Request
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<20)).Decode(&req); err != nil {
		http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
		return
	}
	rec, err := a.Invoke(r.Context(), req)
	if err != nil {
		code := http.StatusInternalServerError
		if strata.Is(err, strata.NotExist) {
			code = http.StatusNotFound
		}
		http.Error(w, err.Error(), code)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(rec)
}
