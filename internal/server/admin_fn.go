package server

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/events"
	"github.com/strata-storage/strata/internal/fn"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// DeployRequest is the body of a function deploy.
type DeployRequest struct {
	Manifest fn.Manifest `json:"manifest"`
	Module   []byte      `json:"module,omitempty"` // base64 in JSON
}

// writeResult answers v, or err with the status its kind implies.
func writeResult(w http.ResponseWriter, v any, err error) {
	if err == nil {
		writeJSON(w, v, nil)
		return
	}
	code := http.StatusInternalServerError
	switch strata.KindOf(err) {
	case strata.Invalid:
		code = http.StatusBadRequest
	case strata.NotExist:
		code = http.StatusNotFound
	case strata.Permission:
		code = http.StatusForbidden
	case strata.Unavailable:
		code = http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
}

func targetParam(r *http.Request) (*event.Target, error) {
	s := r.URL.Query().Get("target")
	if s == "" {
		return nil, nil
	}
	t, err := event.ParseARN(s)
	if err != nil {
		return nil, strata.Errorf("admin", strata.Invalid, "target: %v", err)
	}
	return &t, nil
}

// gridRoutes adds the events and functions admin API (root only).
func (n *Node) gridRoutes(mux *http.ServeMux, v *auth.Verifier) {
	g := func(h func(w http.ResponseWriter, r *http.Request, g *grid)) http.HandlerFunc {
		return n.rootOnly(v, func(w http.ResponseWriter, r *http.Request) {
			if n.grid == nil {
				writeResult(w, nil, strata.Errorf("admin", strata.Unavailable, "events and functions run on gateways"))
				return
			}
			h(w, r, n.grid)
		})
	}
	// Notification targets.
	mux.HandleFunc("GET /_strata/admin/targets", g(func(w http.ResponseWriter, r *http.Request, g *grid) {
		ts, err := g.targets.List(r.Context())
		for i := range ts {
			if ts[i].Secret != "" {
				ts[i].Secret = "(set)"
			}
		}
		writeResult(w, ts, err)
	}))
	mux.HandleFunc("PUT /_strata/admin/targets/{name}", g(func(w http.ResponseWriter, r *http.Request, g *grid) {
		var t events.TargetConfig
		if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&t); err != nil {
			writeResult(w, nil, strata.Errorf("admin", strata.Invalid, "bad target: %v", err))
			return
		}
		t.Name = r.PathValue("name")
		err := g.targets.Put(r.Context(), t)
		writeResult(w, map[string]string{"name": t.Name, "arn": event.Target{Kind: t.Kind, Name: t.Name}.ARN(n.cfg.Region)}, err)
	}))
	mux.HandleFunc("DELETE /_strata/admin/targets/{name}", g(func(w http.ResponseWriter, r *http.Request, g *grid) {
		writeResult(w, map[string]string{"removed": r.PathValue("name")}, g.targets.Delete(r.Context(), r.PathValue("name")))
	}))
	// Dead letters, redrive and replay.
	mux.HandleFunc("GET /_strata/admin/events/dead", g(func(w http.ResponseWriter, r *http.Request, g *grid) {
		t, err := targetParam(r)
		if err != nil {
			writeResult(w, nil, err)
			return
		}
		max, _ := strconv.Atoi(r.URL.Query().Get("max"))
		if max <= 0 {
			max = 1000
		}
		dls, err := events.DeadLetters(r.Context(), g.bus, t, max)
		writeResult(w, dls, err)
	}))
	mux.HandleFunc("POST /_strata/admin/events/redrive", g(func(w http.ResponseWriter, r *http.Request, g *grid) {
		t, err := targetParam(r)
		if err != nil || t == nil {
			writeResult(w, nil, strata.Errorf("admin", strata.Invalid, "redrive needs target=ARN"))
			return
		}
		count, err := g.relay.Redrive(r.Context(), *t)
		writeResult(w, map[string]int{"redriven": count}, err)
	}))
	mux.HandleFunc("POST /_strata/admin/events/replay", g(func(w http.ResponseWriter, r *http.Request, g *grid) {
		t, err := targetParam(r)
		if err != nil {
			writeResult(w, nil, err)
			return
		}
		since, err := time.Parse(time.RFC3339, r.URL.Query().Get("since"))
		if err != nil {
			writeResult(w, nil, strata.Errorf("admin", strata.Invalid, "since: want RFC 3339, e.g. 2026-11-30T10:00:00Z"))
			return
		}
		count, err := g.relay.Replay(r.Context(), events.ReplayOptions{Since: since, Bucket: r.URL.Query().Get("bucket"), Target: t})
		writeResult(w, map[string]int{"replayed": count}, err)
	}))
	// Functions.
	mux.HandleFunc("GET /_strata/admin/fn", g(func(w http.ResponseWriter, r *http.Request, g *grid) {
		ms, err := g.registry.List(r.Context())
		writeResult(w, ms, err)
	}))
	mux.HandleFunc("GET /_strata/admin/fn/{name}", g(func(w http.ResponseWriter, r *http.Request, g *grid) {
		m, err := g.registry.Get(r.Context(), r.PathValue("name"))
		writeResult(w, m, err)
	}))
	mux.HandleFunc("PUT /_strata/admin/fn/{name}", g(func(w http.ResponseWriter, r *http.Request, g *grid) {
		var req DeployRequest
		if err := json.NewDecoder(io.LimitReader(r.Body, 128<<20)).Decode(&req); err != nil {
			writeResult(w, nil, strata.Errorf("admin", strata.Invalid, "bad deploy request: %v", err))
			return
		}
		if req.Manifest.Name != r.PathValue("name") {
			writeResult(w, nil, strata.Errorf("admin", strata.Invalid, "manifest name %q differs from the path", req.Manifest.Name))
			return
		}
		m, err := g.registry.Deploy(r.Context(), req.Manifest, req.Module, n.cfg.Users[0].Account)
		if err == nil {
			// Lanes exist before the first event is routed to them.
			err = events.EnsureLanes(r.Context(), g.bus.JS, events.TargetID(event.Target{Kind: event.KindFunction, Name: m.Name}), m.Lanes(), 0)
		}
		writeResult(w, m, err)
	}))
	mux.HandleFunc("DELETE /_strata/admin/fn/{name}", g(func(w http.ResponseWriter, r *http.Request, g *grid) {
		writeResult(w, map[string]string{"removed": r.PathValue("name")}, g.registry.Remove(r.Context(), r.PathValue("name")))
	}))
	mux.HandleFunc("POST /_strata/admin/fn/{name}/invoke", g(func(w http.ResponseWriter, r *http.Request, g *grid) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
		if err != nil {
			writeResult(w, nil, strata.E("admin", strata.Invalid, err))
			return
		}
		rec, err := g.scheduler.InvokeSync(r.Context(), r.PathValue("name"), body, n.cfg.Users[0].Account)
		writeResult(w, rec, err)
	}))
	mux.HandleFunc("GET /_strata/admin/fn/{name}/logs", g(func(w http.ResponseWriter, r *http.Request, g *grid) {
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		if limit <= 0 {
			limit = 20
		}
		recs, err := fn.Records(r.Context(), n.engine, r.PathValue("name"), r.URL.Query().Get("id"), limit)
		writeResult(w, recs, err)
	}))
	mux.HandleFunc("POST /_strata/admin/fn/{name}/batch", g(func(w http.ResponseWriter, r *http.Request, g *grid) {
		q := r.URL.Query()
		if q.Get("bucket") == "" {
			writeResult(w, nil, strata.Errorf("admin", strata.Invalid, "batch needs bucket="))
			return
		}
		w.Header().Set("Content-Type", "application/x-ndjson")
		enc := json.NewEncoder(w)
		flusher, _ := w.(http.Flusher)
		p, err := g.scheduler.Batch(r.Context(), g.bus.JS, n.Objects, r.PathValue("name"), q.Get("bucket"), q.Get("prefix"), func(p fn.BatchProgress) {
			enc.Encode(p)
			if flusher != nil {
				flusher.Flush()
			}
		})
		if err != nil {
			enc.Encode(map[string]string{"error": err.Error()})
			return
		}
		enc.Encode(p)
	}))
}
