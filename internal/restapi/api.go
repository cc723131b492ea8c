package restapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/kms"
	"github.com/strata-storage/strata/internal/qos"
	"github.com/strata-storage/strata/internal/quota"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/tier"
)

// Prefix is where the API is mounted on the S3 listener. Bucket names
// cannot start with "_", so it never shadows a bucket.
const Prefix = "/_strata/api/v1"

// Verifier authenticates a SigV4 (or V2) request and wraps its body in a
// reader that checks the payload hash (see s3/auth).
type Verifier interface {
	Verify(r *http.Request) (auth.Identity, auth.Body, error)
}

// SessionAuth authenticates a console session (a cookie). ok is false
// when r carries no session, and the API then tries SigV4. A session
// implementation checks its own CSRF token on unsafe methods and returns
// an error when it fails. The identity's Principal must be an
// *iam.Principal.
type SessionAuth interface {
	Authenticate(r *http.Request) (id auth.Identity, ok bool, err error)
}

// Options are what the API serves. IAM and Verifier are required; a nil
// part makes its routes answer 503 Unavailable (they stay documented and
// routed, so the document and the router stay equal).
type Options struct {
	IAM      *iam.Cache
	Verifier Verifier
	Sessions SessionAuth // nil: SigV4 only
	Log      *slog.Logger
	Region   string // the region in bucket ARNs and event target ARNs

	Buckets   Buckets        // buckets, their settings and objects
	Cluster   Cluster        // services, scores, locks, formula, shards
	Jobs      *Jobs          // rebuild, scrub, improve, gc
	Functions Functions      // function registry and invocations
	Events    Events         // notification targets and dead letters
	KMS       kms.Admin      // the built-in KMS's keys
	QoS       *qos.Store     // request and bandwidth limits
	Quotas    *quota.Manager // bucket and account quotas
	Usage     Usage          // usage accounting and chargeback
	Classes   Classes        // storage classes (pools and policies)
	Tiers     *tier.Store    // remote tiers of storage classes
	// Replication is bucket replication: remote targets, status, resync.
	Replication Replication

	// OnCaller, if set, is told who called (after authentication) and
	// whether the call was denied: the server's audit log uses it.
	OnCaller func(r *http.Request, id auth.Identity, denied bool)
}

// API is the REST API's handler. Routes may be added with Handle until it
// serves its first request.
type API struct {
	opts   Options
	log    *slog.Logger
	mux    *http.ServeMux
	mu     sync.Mutex
	routes []Route
}

// New returns the API with every built-in route.
func New(opts Options) *API {
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	a := &API{opts: opts, log: opts.Log, mux: http.NewServeMux()}
	a.mux.HandleFunc(Prefix+"/", a.notFound)
	a.metaRoutes()
	a.iamRoutes()
	a.bucketRoutes()
	a.objectRoutes()
	a.versionRoutes()
	a.presignRoutes()
	a.clusterRoutes()
	a.jobRoutes()
	a.functionRoutes()
	a.eventRoutes()
	a.kmsRoutes()
	a.qosRoutes()
	a.quotaRoutes()
	a.shardRoutes()
	a.usageRoutes()
	a.classRoutes()
	a.tierRoutes()
	a.replicationRoutes()
	return a
}

// ServeHTTP routes one request.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mux.ServeHTTP(w, r)
}

// Routes returns the served routes, sorted by path then method.
func (a *API) Routes() []Route {
	a.mu.Lock()
	defer a.mu.Unlock()
	rs := slices.Clone(a.routes)
	slices.SortFunc(rs, func(x, y Route) int {
		if c := strings.Compare(x.Path, y.Path); c != 0 {
			return c
		}
		return strings.Compare(x.Method, y.Method)
	})
	return rs
}

// notFound answers paths no route serves, and 405 for a path served
// under other methods (ServeMux would answer them in plain text).
func (a *API) notFound(w http.ResponseWriter, r *http.Request) {
	id := requestID(w)
	for _, m := range []string{"GET", "POST", "PUT", "DELETE", "PATCH"} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(context.Background())
		probe.Method = m
		if _, pat := a.mux.Handler(probe); pat != Prefix+"/" {
			writeError(w, id, apiErr(http.StatusMethodNotAllowed, "MethodNotAllowed", r.Method+" is not allowed on "+r.URL.Path))
			return
		}
	}
	writeError(w, id, apiErr(http.StatusNotFound, "NoSuchRoute", "no API route "+r.Method+" "+r.URL.Path))
}

func newRequestID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return strings.ToUpper(hex.EncodeToString(b))
}

// requestID is the id a wrapper (the audit log) gave the request, or a
// new one; it is answered in X-Request-Id and in error bodies.
func requestID(w http.ResponseWriter) string {
	id := w.Header().Get("X-Amz-Request-Id")
	if id == "" {
		id = newRequestID()
	}
	w.Header().Set("X-Request-Id", id)
	return id
}
