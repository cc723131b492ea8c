package server

import (
	"context"
	"crypto/subtle"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/strata-storage/strata/internal/bus"
	"github.com/strata-storage/strata/internal/events"
	"github.com/strata-storage/strata/internal/fn"
	"github.com/strata-storage/strata/internal/fn/invoke"
	"github.com/strata-storage/strata/internal/fn/native"
	"github.com/strata-storage/strata/internal/fn/wasm"
	"github.com/strata-storage/strata/internal/strata"
)

// grid is the node's events and functions machinery.
type grid struct {
	bus       *bus.Bus
	targets   *events.Targets
	registry  *fn.Registry
	agent     *fn.Agent // nil without the agent role
	scheduler *fn.Scheduler
	relay     *events.Relay
	wasm      *wasm.Runtime
}

// startGrid opens the bus and starts the relay, the deliverers, the cron
// and this node's agent. It runs on gateways (they hold the object
// service the relay and agents need).
func (n *Node) startGrid(ctx, bg context.Context) error {
	busDir := filepath.Join(n.cfg.DataDir, "bus")
	if n.cfg.BusURL == "" && n.cfg.Clustered() && n.cfg.BusListen == "" {
		return strata.Errorf("server.Start", strata.Invalid,
			"a cluster's gateways share one event bus: give --bus-url (an external NATS, or the node started with --bus-listen)")
	}
	url, replicas := n.cfg.BusURL, n.cfg.BusReplicas
	if n.cfg.BusListen != "" {
		url = "" // this node runs a server of the bus: use it
	}
	if replicas == 0 && n.cfg.BusClusterListen != "" {
		replicas = min(3, 1+len(n.cfg.BusRoutes))
	}
	b, err := bus.Open(ctx, bus.Options{URL: url, Dir: busDir, Listen: n.cfg.BusListen, Name: n.cfg.Name,
		ClusterListen: n.cfg.BusClusterListen, Routes: n.cfg.BusRoutes, Replicas: replicas, Logger: n.log, TLS: n.busTLS()})
	if err != nil {
		return err
	}
	g := &grid{bus: b, targets: events.NewTargets(n.engine)}
	n.grid = g
	g.registry = fn.NewRegistry(n.engine, n.Objects)
	g.scheduler = &fn.Scheduler{Registry: g.registry, Services: n.reg, Token: n.token,
		HTTP: &http.Client{Transport: n.nodeTransport(http.DefaultTransport.(*http.Transport))}, Log: n.log, TLS: n.tls != nil}
	if n.cfg.HasRole(RoleAgent) {
		if g.wasm, err = wasm.New(ctx, wasm.Options{CacheDir: filepath.Join(n.cfg.DataDir, "wasm-cache"), Logger: n.log}); err != nil {
			return err
		}
		var nat invoke.Runtime
		if self, err := os.Executable(); err == nil {
			if rt, err := native.New(native.Options{WorkDir: filepath.Join(n.cfg.DataDir, "fn-work"), SelfExe: self, Logger: n.log}); err == nil {
				nat = rt
			} else {
				n.log.Warn("native functions disabled on this node", "err", err)
			}
		}
		slots := n.cfg.AgentSlots
		if slots <= 0 {
			slots = 2 * runtime.NumCPU()
		}
		g.agent = &fn.Agent{ID: "agent-" + n.cfg.Name, Registry: g.registry, Objects: n.Objects, Records: n.engine,
			Wasm: g.wasm, Native: nat, Slots: slots, Log: n.log}
		if n.cfg.Name == "" {
			g.agent.ID = "agent-local"
		}
		g.agent.Start()
		g.scheduler.Local = g.agent
	}
	g.relay = &events.Relay{Engines: n.Objects.OutboxEngines, Bus: b, Buckets: n.Objects, Fns: g.scheduler,
		Holder: n.cfg.Name + "/" + n.token[:8] + "/" + time.Now().Format("150405.000"), Region: n.cfg.Region, Log: n.log, Shared: n.cfg.Clustered()}
	if rp := n.startReplication(ctx, bg); rp != nil {
		g.relay.Repl = rp
	}
	if n.cfg.EventsHold {
		n.log.Warn("events held: the relay does not run, events stay in the outbox (--events-hold)")
	} else {
		n.goLoop(func() { g.relay.Run(bg, n.Objects.Committed()) })
	}
	d := &events.Deliverer{Bus: b, Targets: g.targets, Fns: g.scheduler, Log: n.log}
	n.goLoop(func() { d.Run(bg) })
	n.goLoop(func() { g.scheduler.RunCron(bg, b.JS) })
	n.goLoop(func() {
		n.every(bg, time.Minute, "trim-invocations", func(ctx context.Context) error {
			names, err := g.scheduler.Names(ctx)
			if err != nil {
				return err
			}
			return fn.TrimRecords(ctx, n.engine, names)
		})
	})
	return nil
}

func (g *grid) close() {
	if g == nil {
		return
	}
	if g.wasm != nil {
		g.wasm.Close(context.Background())
	}
	g.bus.Close()
}

// agentHandler takes invocations from other nodes' schedulers.
func (n *Node) agentHandler() http.Handler {
	token := []byte(n.token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get(fn.TokenHeader)), token) != 1 {
			http.Error(w, "bad cluster token", http.StatusForbidden)
			return
		}
		if n.grid == nil || n.grid.agent == nil {
			http.Error(w, "no agent on this node", http.StatusServiceUnavailable)
			return
		}
		n.grid.agent.ServeHTTP(w, r)
	})
}

// BusURL is the event bus this node uses ("" without the gateway role).
func (n *Node) BusURL() string {
	if n.grid == nil {
		return ""
	}
	return n.grid.bus.URL()
}
