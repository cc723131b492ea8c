package website

import (
	"crypto/rand"
	"encoding/hex"
	"github.com/strata-storage/strata/internal/audit"
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// Authorizer decides reads exactly as the S3 gateway would. p is nil for
// an anonymous caller, the only kind this endpoint has. Both answer nil
// or an error of kind strata.Permission.
type Authorizer interface {
	// AuthorizeObject decides action on a version already looked up: its
	// own ACL and tags take part, as on an S3 GetObject.
	AuthorizeObject(r *http.Request, p *iam.Principal, action string, info object.ObjectInfo, perm string) error
	// MayList reports whether p may list bucket under the prefix key:
	// S3 then tells a missing key (404) from a forbidden one (403).
	MayList(r *http.Request, p *iam.Principal, bucket, key string) bool
}

// Config configures the website endpoint.
type Config struct {
	// Domains name buckets virtual-host style: BUCKET.DOMAIN. A Host
	// under none of them falls back to path-style, /BUCKET/KEY.
	Domains []string
	Objects object.ServiceAPI
	Authz   Authorizer
	Log     *slog.Logger
	// Audit, if set, gets one record per request once it is answered
	// (anonymous; Operation "website:GetObject" or "website:HeadObject").
	Audit audit.Sink
}

// Handler serves bucket websites over HTTP.
type Handler struct {
	cfg    Config
	hostID string
}

// New returns the website endpoint's handler.
func New(cfg Config) *Handler {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	return &Handler{cfg: cfg, hostID: newID(16)}
}

func newID(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return strings.ToUpper(hex.EncodeToString(b))
}

// request is one website request in flight.
type request struct {
	h      *Handler
	w      http.ResponseWriter
	r      *http.Request
	id     string
	bucket string
	key    string
	from   target
	aw     *audit.Writer // the audited writer, when auditing
	doc    *Document     // the bucket's website configuration, once read
}

// ServeHTTP answers one request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rq := &request{h: h, w: w, r: r, id: newID(8)}
	defer rq.audit()()
	w.Header().Set("X-Amz-Request-Id", rq.id)
	w.Header().Set("X-Amz-Id-2", h.hostID)
	w.Header().Set("Server", "Strata")
	if err := rq.serve(); err != nil {
		rq.fail(err)
	}
}

func (rq *request) serve() error {
	whole := rq.route()
	if rq.r.Method != http.MethodGet && rq.r.Method != http.MethodHead {
		rq.w.Header().Set("Allow", "GET, HEAD")
		return pageError(http.StatusMethodNotAllowed, "MethodNotAllowed", "The specified method is not allowed against this resource.")
	}
	if !whole {
		// Path-style "/BUCKET": its pages' relative links need the slash.
		rq.redirect(redirectURL("", "", "", rq.from), http.StatusFound)
		return nil
	}
	if rq.bucket == "" {
		return pageError(http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist")
	}
	if err := rq.loadConfig(); err != nil {
		return err
	}
	if ra := rq.doc.RedirectAll; ra != nil {
		rq.redirect(redirectURL(ra.Protocol, ra.HostName, rq.key, rq.from), http.StatusMovedPermanently)
		return nil
	}
	if rule := rq.doc.Match(rq.key, 0); rule != nil {
		rq.redirect(rule.location(rq.key, rq.from))
		return nil
	}
	return rq.serveKey()
}

// route finds bucket and key: BUCKET.DOMAIN virtual-host style, else
// /BUCKET/KEY. It reports false for a path-style bucket without its
// trailing slash.
func (rq *request) route() bool {
	rq.from = target{proto: "http", host: rq.r.Host, base: "/"}
	if rq.r.TLS != nil {
		rq.from.proto = "https"
	}
	host := rq.r.Host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		host = hh
	}
	host = strings.ToLower(host) // host names are case-insensitive; bucket names are lower case
	path := strings.TrimPrefix(rq.r.URL.Path, "/")
	for _, d := range rq.h.cfg.Domains {
		if b, ok := strings.CutSuffix(host, "."+d); ok && b != "" {
			rq.bucket, rq.key = b, path
			return true
		}
	}
	bucket, key, slash := strings.Cut(path, "/")
	rq.bucket, rq.key = bucket, key
	rq.from.base = "/" + bucket + "/"
	return slash || bucket == ""
}

// loadConfig reads the bucket's website configuration.
func (rq *request) loadConfig() error {
	ctx := rq.r.Context()
	if _, err := rq.h.cfg.Objects.GetBucket(ctx, rq.bucket); err != nil {
		if strata.Is(err, strata.NotExist) {
			return pageError(http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist")
		}
		return err
	}
	doc, err := rq.h.cfg.Objects.GetBucketConfig(ctx, rq.bucket, ConfigName)
	if strata.Is(err, strata.NotExist) {
		return pageError(http.StatusNotFound, "NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration")
	}
	if err != nil {
		return err
	}
	if rq.doc, err = ParseDocument(doc); err != nil {
		return strata.E("website.loadConfig", strata.Corrupt, err)
	}
	return nil
}

// redirect answers a redirect to loc with code.
func (rq *request) redirect(loc string, code int) {
	rq.w.Header().Set("Location", loc)
	rq.w.Header().Set("Content-Length", "0")
	rq.w.WriteHeader(code)
}
