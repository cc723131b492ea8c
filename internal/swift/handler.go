package swift

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/object"
)

// Authorizer decides an S3 action for a principal (nil: anonymous) as the
// S3 API would; *s3.Handler implements it.
type Authorizer interface {
	Authorize(r *http.Request, p *iam.Principal, action, bucket, key, perm string) error
}

// Keys resolves an access key id to its principal and secret, failing
// for an unknown or inactive key; *iam.Cache implements it.
type Keys interface {
	Authenticate(ctx context.Context, id, token string) (*iam.Principal, string, error)
}

// Config is what the Swift front needs.
type Config struct {
	Objects object.ServiceAPI
	Authz   Authorizer
	Keys    Keys
	// Sealer seals auth tokens (the cluster key's IAM sealer), so that a
	// token opens on every gateway of the cluster.
	Sealer *iam.Sealer
	// Root is the root metadata engine, where account metadata lives.
	Root     meta.Engine
	TokenTTL time.Duration // default 24h
	// MaxObjectSize caps one PUT (default 5 GiB, as Swift).
	MaxObjectSize int64
	Log           *slog.Logger
}

// Handler serves the Swift API.
type Handler struct {
	cfg Config
	log *slog.Logger
}

// New returns the Swift front.
func New(cfg Config) *Handler {
	if cfg.TokenTTL == 0 {
		cfg.TokenTTL = 24 * time.Hour
	}
	if cfg.MaxObjectSize == 0 {
		cfg.MaxObjectSize = 5 << 30
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	return &Handler{cfg: cfg, log: cfg.Log}
}

// Is reports whether r is for the Swift API: /auth/v1.0, /auth/v1,
// /info or /v1/AUTH_...
func Is(r *http.Request) bool {
	p := r.URL.Path
	return p == "/auth/v1.0" || p == "/auth/v1" || p == "/info" ||
		strings.HasPrefix(p, "/v1/AUTH_") || p == "/v1/" || p == "/v1" ||
		r.Header.Get("X-Auth-Token") != "" || r.Header.Get("X-Storage-Token") != ""
}

// ServeHTTP routes one Swift request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Trans-Id", transID())
	w.Header().Set("X-Openstack-Request-Id", w.Header().Get("X-Trans-Id"))
	switch r.URL.Path {
	case "/auth/v1.0", "/auth/v1":
		h.serveAuth(w, r)
		return
	case "/info":
		h.serveInfo(w, r)
		return
	}
	rq, err := h.newRequest(w, r)
	if err != nil {
		writeError(w, r, err)
		return
	}
	if err := rq.serve(); err != nil {
		if st, _ := statusOf(err); st == http.StatusUnauthorized {
			w.Header().Set("Www-Authenticate", `Swift realm="`+quote("AUTH_"+rq.account)+`"`)
		}
		writeError(w, r, err)
	}
}

// request is one Swift request being served.
type request struct {
	h         *Handler
	w         http.ResponseWriter
	r         *http.Request
	ctx       context.Context
	account   string // from the path, without AUTH_
	container string
	object    string
	p         *iam.Principal // nil: anonymous (or signed by a TempURL/FormPOST)
	tempURL   bool           // a valid TempURL signature authorized it
}

func (h *Handler) newRequest(w http.ResponseWriter, r *http.Request) (*request, error) {
	if r.URL.Path == "/v1" || r.URL.Path == "/v1/" {
		return nil, herr(http.StatusPreconditionFailed, "Bad URL")
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/v1/AUTH_")
	if !ok {
		return nil, errNotFound
	}
	rq := &request{h: h, w: w, r: r, ctx: r.Context()}
	var after string
	rq.account, after, _ = strings.Cut(rest, "/")
	rq.container, rq.object, _ = strings.Cut(after, "/")
	if rq.account == "" {
		return nil, errNotFound
	}
	for _, p := range []string{rq.account, rq.container, rq.object} {
		if strings.IndexByte(p, 0) >= 0 || !utf8Valid(p) {
			return nil, herr(http.StatusPreconditionFailed, "Invalid UTF8 or contains NULL")
		}
	}
	return rq, nil
}

// serve authenticates, then dispatches by path depth and method.
func (rq *request) serve() error {
	if err := rq.authenticate(); err != nil {
		return err
	}
	if rq.r.Method == http.MethodOptions {
		return rq.preflight()
	}
	if rq.r.Header.Get("Origin") != "" && rq.container != "" {
		rq.cors()
	}
	switch {
	case rq.r.Method == http.MethodPost && rq.container != "" &&
		strings.HasPrefix(rq.r.Header.Get("Content-Type"), "multipart/form-data"):
		return rq.formPost()
	case rq.container == "":
		return rq.accountOp()
	case rq.object == "":
		return rq.containerOp()
	default:
		return rq.objectOp()
	}
}

// quote escapes as Python's urllib.parse.quote: all but unreserved
// characters and '/'.
func quote(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_.-~/", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
