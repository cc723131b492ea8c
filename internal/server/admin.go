package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/pprof"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/strata-storage/strata/internal/audit"
	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/events"
	"github.com/strata-storage/strata/internal/fn"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// adminHandler serves /_strata/: health and metrics for anyone on the
// network, and admin operations for the root account only (SigV4-signed,
// like every S3 request). Bucket names cannot start with "_", so the
// prefix never shadows a bucket.
func (n *Node) adminHandler(v *auth.Verifier) http.Handler {
	promReg := prometheus.NewRegistry()
	promReg.MustRegister(append(append(events.Collectors(), fn.Collectors()...), audit.Collectors()...)...)
	promReg.MustRegister(conscience.NewCollector(n.reg), prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	mux := http.NewServeMux()
	n.gridRoutes(mux, v)
	n.kmsRoutes(mux, v)
	mux.Handle(restapi.Prefix+"/", n.restAPI(v))
	mux.HandleFunc("GET /_strata/health", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	mux.Handle("GET /_strata/metrics", promhttp.HandlerFor(promReg, promhttp.HandlerOpts{}))
	// Profiles are for the root account only: they reveal internals.
	mux.HandleFunc("GET /_strata/admin/pprof/profile", n.rootOnly(v, pprof.Profile))
	mux.HandleFunc("GET /_strata/admin/services", n.rootOnly(v, func(w http.ResponseWriter, r *http.Request) {
		svcs, err := n.reg.Services(r.Context(), "")
		writeJSON(w, svcs, err)
	}))
	mux.HandleFunc("POST /_strata/admin/lock", n.rootOnly(v, func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("id")
		score, err := strconv.Atoi(r.URL.Query().Get("score"))
		if err != nil {
			score = 0
		}
		if err := n.reg.Lock(r.Context(), id, score); err != nil {
			writeJSON(w, nil, err)
			return
		}
		writeJSON(w, map[string]any{"id": id, "locked": true, "score": score}, nil)
	}))
	mux.HandleFunc("POST /_strata/admin/unlock", n.rootOnly(v, func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("id")
		if err := n.reg.Unlock(r.Context(), id); err != nil {
			writeJSON(w, nil, err)
			return
		}
		writeJSON(w, map[string]any{"id": id, "locked": false}, nil)
	}))
	mux.HandleFunc("POST /_strata/admin/rebuild", n.rootOnly(v, func(w http.ResponseWriter, r *http.Request) {
		opts := object.RebuildOptions{Verify: r.URL.Query().Get("verify") == "1"}
		if rate, err := strconv.ParseInt(r.URL.Query().Get("rate"), 10, 64); err == nil {
			opts.BytesPerSecond = rate
		}
		// Progress goes out as JSON lines while the rebuild runs; the
		// last line is the final report (or {"error": ...}).
		w.Header().Set("Content-Type", "application/x-ndjson")
		enc := json.NewEncoder(w)
		flusher, _ := w.(http.Flusher)
		opts.Progress = func(rep object.RebuildReport) {
			enc.Encode(rep)
			if flusher != nil {
				flusher.Flush()
			}
		}
		if _, err := n.Objects.Rebuild(r.Context(), opts); err != nil {
			enc.Encode(map[string]string{"error": err.Error()})
		}
	}))
	mux.HandleFunc("GET /_strata/admin/formula", n.rootOnly(v, func(w http.ResponseWriter, r *http.Request) {
		f, ok := n.reg.(interface{ Formula() string })
		if !ok {
			writeJSON(w, map[string]string{"formula": n.cfg.Formula}, nil)
			return
		}
		writeJSON(w, map[string]string{"formula": f.Formula()}, nil)
	}))
	mux.HandleFunc("POST /_strata/admin/formula", n.rootOnly(v, func(w http.ResponseWriter, r *http.Request) {
		reg, ok := n.reg.(interface {
			SetFormula(context.Context, string) error
		})
		if !ok || n.etcd == nil {
			badRequest(w, "the embedded default takes its formula from --score-formula")
			return
		}
		f := r.URL.Query().Get("formula")
		if err := reg.SetFormula(r.Context(), f); err != nil {
			if strata.Is(err, strata.Invalid) {
				badRequest(w, err.Error())
				return
			}
			writeJSON(w, nil, err)
			return
		}
		writeJSON(w, map[string]string{"formula": f}, nil)
	}))
	mux.HandleFunc("POST /_strata/admin/improve", n.rootOnly(v, func(w http.ResponseWriter, r *http.Request) {
		rep, err := n.Objects.Improve(r.Context())
		writeJSON(w, rep, err)
	}))
	mux.HandleFunc("POST /_strata/admin/gc", n.rootOnly(v, func(w http.ResponseWriter, r *http.Request) {
		grace := n.cfg.OrphanGrace
		if g, err := time.ParseDuration(r.URL.Query().Get("grace")); err == nil {
			grace = g
		}
		rep, err := n.Objects.CollectOrphans(r.Context(), grace)
		writeJSON(w, rep, err)
	}))
	return mux
}

func (n *Node) rootOnly(v *auth.Verifier, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, _, err := v.Verify(r)
		denied := err != nil || id.Anonymous || !n.isAdmin(id)
		noteCaller(r, id, denied)
		if denied {
			http.Error(w, "AccessDenied: admin operations need the root credentials", http.StatusForbidden)
			return
		}
		h(w, r)
	}
}

func writeJSON(w http.ResponseWriter, v any, err error) {
	w.Header().Set("Content-Type", "application/json")
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
		return
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func badRequest(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}
