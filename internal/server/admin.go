package server

import (
	"github.com/strata-storage/strata/internal/replication"
	"net/http"
	"net/http/pprof"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/strata-storage/strata/internal/audit"
	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/events"
	"github.com/strata-storage/strata/internal/fn"
	"github.com/strata-storage/strata/internal/qos"
	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/usage"
)

// adminHandler serves /_strata/: health and metrics for anyone on the
// network, profiles for the root account, and the native REST API (the
// only way to operate a node; see restapi). Bucket names cannot start
// with "_", so the prefix never shadows a bucket.
func (n *Node) adminHandler(v *auth.Verifier) http.Handler {
	promReg := prometheus.NewRegistry()
	promReg.MustRegister(append(append(events.Collectors(), fn.Collectors()...), audit.Collectors()...)...)
	promReg.MustRegister(replication.Collectors()...)
	promReg.MustRegister(usage.Collectors()...)
	promReg.MustRegister(conscience.NewCollector(n.reg), prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	if n.quota != nil {
		promReg.MustRegister(n.quota.Collectors()...)
	}
	promReg.MustRegister(qos.Collectors()...)
	promReg.MustRegister(n.metaCollectors()...)
	if n.s3Metrics != nil {
		promReg.MustRegister(n.s3Metrics.Collectors()...)
	}
	if n.fsMetrics != nil {
		promReg.MustRegister(n.fsMetrics.Collectors()...)
	}
	mux := http.NewServeMux()
	mux.Handle(restapi.Prefix+"/", n.restAPI(v))
	mux.HandleFunc("GET /_strata/health", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	mux.Handle("GET /_strata/metrics", promhttp.HandlerFor(promReg, promhttp.HandlerOpts{}))
	// Profiles are for the root account only: they reveal internals.
	mux.HandleFunc("GET /_strata/admin/pprof/profile", n.rootOnly(v, pprof.Profile))
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
