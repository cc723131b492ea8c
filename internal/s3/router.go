package s3

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/strata-storage/strata/internal/audit"
	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/qos"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// Verifier authenticates a request and wraps its body (see s3/auth).
type Verifier interface {
	Verify(r *http.Request) (auth.Identity, auth.Body, error)
}

// Config configures the S3 gateway.
type Config struct {
	Region        string   // region reported and expected in signatures
	Domains       []string // virtual-host style: BUCKET.DOMAIN
	MaxObjectSize int64    // largest single PUT
	// Credentials verify the signatures of browser (POST form) uploads,
	// which carry them in the body rather than in headers.
	Credentials auth.Credentials
	// IAM, if set, authorizes every request with the account's policies;
	// without it the bucket owner may do anything (tests, tools).
	IAM *iam.Cache
	// Targets, if set, checks that a notification target exists; PUT
	// ?notification refuses a configuration naming one it rejects.
	Targets func(ctx context.Context, t event.Target) error
	// Audit, if set, gets one record per request once it is answered.
	Audit audit.Sink
	// Usage, if set, counts every request for usage accounting.
	Usage UsageSink
	// QoS, if set, limits requests and bandwidth (see admit).
	QoS *qos.Limiter
	// Metrics, if set, counts requests and times them per operation.
	Metrics *Metrics
	// Replication, if set, checks replication destinations and hears of
	// configuration changes (see internal/replication).
	Replication ReplicationHook
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{Region: "us-east-1", MaxObjectSize: 5 << 40}
}

// Handler serves the S3 API over an object service.
type Handler struct {
	cfg    Config
	svc    object.ServiceAPI
	v      Verifier
	log    *slog.Logger
	hostID string
}

// NewHandler returns the S3 gateway.
func NewHandler(cfg Config, svc object.ServiceAPI, v Verifier, log *slog.Logger) (*Handler, error) {
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	if cfg.MaxObjectSize == 0 {
		cfg.MaxObjectSize = 5 << 40
	}
	if log == nil {
		log = slog.Default()
	}
	return &Handler{cfg: cfg, svc: svc, v: v, log: log, hostID: newID(16)}, nil
}

func newID(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return strings.ToUpper(hex.EncodeToString(b))
}

// request is one S3 request in flight.
type request struct {
	op      string // the S3 operation's name, once asked (see opName)
	h       *Handler
	w       http.ResponseWriter
	r       *http.Request
	id      string
	bucket  string
	key     string
	ident   auth.Identity
	body    auth.Body
	q       map[string][]string
	account string                       // the bucket owner, once known
	act     string                       // the IAM action, when it is not the request's own (copy source)
	objTags map[string]string            // the object's tags, for s3:ExistingObjectTag conditions
	docs    map[string]map[string][]byte // bucket → authorization documents read by this request
}

func (rq *request) has(param string) bool { _, ok := rq.q[param]; return ok }
func (rq *request) get(param string) string {
	if v := rq.q[param]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// ServeHTTP authenticates, routes and answers one request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rq := &request{h: h, w: w, r: r, id: newID(8), q: r.URL.Query()}
	defer rq.observe()()
	defer rq.meter()() // before anything is read or written, and before audit
	defer rq.audit()()
	w.Header().Set("X-Amz-Request-Id", rq.id)
	w.Header().Set("X-Amz-Id-2", h.hostID)
	w.Header().Set("Server", "Strata")
	rq.bucket, rq.key = h.route(r)
	if r.Method == http.MethodOptions {
		rq.preflight()
		return
	}
	id, body, err := h.v.Verify(r)
	if err != nil {
		rq.writeError(err)
		return
	}
	rq.ident, rq.body = id, body
	if id.Service != "" && id.Service != "s3" {
		rq.writeError(errorf("AuthorizationHeaderMalformed", 400, "The authorization header is malformed; incorrect service \""+id.Service+"\". This endpoint belongs to \"s3\"."))
		return
	}
	if r.Header.Get("Origin") != "" {
		rq.corsHeaders()
	}
	if err := rq.admit(); err != nil {
		rq.writeError(err)
		return
	}
	if err := rq.dispatch(); err != nil {
		rq.writeError(err)
	}
}

// route extracts bucket and key, from the Host for virtual-host style.
func (h *Handler) route(r *http.Request) (bucket, key string) {
	host := r.Host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		host = hh
	}
	for _, d := range h.cfg.Domains {
		if b, ok := strings.CutSuffix(host, "."+d); ok && b != "" {
			return b, strings.TrimPrefix(r.URL.Path, "/")
		}
	}
	p := strings.TrimPrefix(r.URL.Path, "/")
	bucket, key, _ = strings.Cut(p, "/")
	return bucket, key
}

// dispatch picks the operation from method, bucket, key and sub-resource.
func (rq *request) dispatch() error {
	switch {
	case rq.bucket == "":
		if rq.r.Method != http.MethodGet {
			return errorf("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
		}
		return rq.listBuckets()
	case rq.key == "":
		return rq.bucketOp()
	default:
		return rq.objectOp()
	}
}

// unsupported sub-resources: answered NotImplemented, never a fake success.
var unsupportedBucket = []string{"logging", "accelerate",
	"requestPayment", "analytics", "metrics", "inventory", "intelligent-tiering"}

func (rq *request) bucketOp() error {
	for _, sub := range unsupportedBucket {
		if rq.has(sub) {
			return errNotImplemented
		}
	}
	m := rq.r.Method
	if m == http.MethodPut && !rq.anySub() {
		return rq.createBucket()
	}
	if err := rq.loadBucket(); err != nil {
		return err
	}
	for sub, doc := range bucketConfigs {
		if rq.has(sub) {
			return rq.bucketConfig(sub, doc)
		}
	}
	switch {
	case rq.has("versioning"):
		return rq.versioning()
	case rq.has("object-lock"):
		return rq.objectLockConfig()
	case rq.has("acl"):
		return rq.bucketACL()
	case rq.has("notification"):
		return rq.notification()
	case rq.has("replication"):
		return rq.replication()
	case rq.has("policyStatus") && m == http.MethodGet:
		return rq.policyStatus()
	case rq.has("location") && m == http.MethodGet:
		return rq.location()
	case rq.has("uploads") && m == http.MethodGet:
		return rq.listUploads()
	case rq.has("versions") && m == http.MethodGet:
		return rq.listVersions()
	case rq.has("delete") && m == http.MethodPost:
		return rq.deleteObjects()
	}
	switch m {
	case http.MethodGet:
		if rq.get("list-type") == "2" {
			return rq.listV2()
		}
		return rq.listV1()
	case http.MethodHead:
		return rq.allow(permRead, nil)
	case http.MethodDelete:
		return rq.deleteBucket()
	case http.MethodPost:
		if strings.HasPrefix(rq.r.Header.Get("Content-Type"), "multipart/form-data") {
			return rq.postObject()
		}
		return errNotImplemented
	}
	return errorf("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
}

func (rq *request) anySub() bool {
	for k := range rq.q {
		if k != "" {
			return true
		}
	}
	return false
}

func (rq *request) objectOp() error {
	if err := checkKeyName(rq.key); err != nil {
		return err
	}
	for _, sub := range []string{"select", "torrent"} {
		if rq.has(sub) {
			return errNotImplemented
		}
	}
	if err := rq.loadBucket(); err != nil {
		return err
	}
	if err := rq.replicaWrite(); err != nil {
		return err
	}
	m := rq.r.Method
	switch {
	case rq.has("restore") && m == http.MethodPost:
		return rq.restoreObject()
	case rq.has("attributes"):
		return rq.objectAttributes()
	case rq.has("tagging"):
		return rq.objectTagging()
	case rq.has("acl"):
		return rq.objectACL()
	case rq.has("retention"):
		return rq.objectRetention()
	case rq.has("legal-hold"):
		return rq.objectLegalHold()
	case rq.has("uploads") && m == http.MethodPost:
		return rq.createUpload()
	case rq.has("uploadId"):
		switch m {
		case http.MethodPut:
			return rq.uploadPart()
		case http.MethodPost:
			return rq.completeUpload()
		case http.MethodDelete:
			return rq.abortUpload()
		case http.MethodGet:
			return rq.listParts()
		}
	}
	switch m {
	case http.MethodPut:
		if rq.r.Header.Get("X-Amz-Copy-Source") != "" {
			return rq.copyObject()
		}
		return rq.putObject()
	case http.MethodGet, http.MethodHead:
		return rq.getObject(m == http.MethodHead)
	case http.MethodDelete:
		return rq.deleteObject()
	case http.MethodPost:
		return errNotImplemented
	}
	return errorf("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
}

// loadBucket checks the bucket exists and remembers its owner.
func (rq *request) loadBucket() error {
	b, err := rq.h.svc.GetBucket(rq.r.Context(), rq.bucket)
	if err != nil {
		if strata.Is(err, strata.NotExist) {
			return errNoSuchBucket
		}
		return err
	}
	rq.account = b.Account
	if want := rq.r.Header.Get("X-Amz-Expected-Bucket-Owner"); want != "" && want != b.Account {
		return errAccessDenied
	}
	return nil
}

var errNotFound = errors.New("not found")
