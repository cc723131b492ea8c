package webdav

import (
	"context"
	"crypto/tls"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"time"

	xwebdav "golang.org/x/net/webdav"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/strata"
)

// Config wires a WebDAV server.
type Config struct {
	Addr   string // host:port to listen on
	Shares *shares.Service
	TLS    *tls.Config // HTTPS when set
	Log    *slog.Logger
	// SessionIdle is how long an unused login stays open (2 min), so that
	// each request does not re-open the user's file systems.
	SessionIdle time.Duration
}

// Validate checks the config.
func (c *Config) Validate() error {
	if c.Addr == "" || c.Shares == nil {
		return strata.Errorf("webdav.Config", strata.Invalid, "an address and a shares service are required")
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	if c.SessionIdle <= 0 {
		c.SessionIdle = 2 * time.Minute
	}
	return nil
}

// Server is a running WebDAV server.
type Server struct {
	cfg      Config
	ln       net.Listener
	http     *http.Server
	sessions *sessionCache
	cancel   context.CancelFunc
}

// Listen starts serving on cfg.Addr.
func Listen(cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, strata.E("webdav.Listen", strata.Unavailable, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{cfg: cfg, ln: ln, cancel: cancel, sessions: newSessionCache(cfg.Shares, cfg.SessionIdle)}
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 30 * time.Second, IdleTimeout: 5 * time.Minute,
		ErrorLog: slog.NewLogLogger(cfg.Log.Handler(), slog.LevelDebug)}
	go s.sessions.run(ctx)
	go func() {
		var err error
		if cfg.TLS != nil {
			t := cfg.TLS.Clone()
			t.NextProtos = []string{"http/1.1"} // WebDAV clients speak HTTP/1.1
			err = s.http.Serve(tls.NewListener(ln, t))
		} else {
			err = s.http.Serve(ln)
		}
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			cfg.Log.Error("webdav server stopped", "err", err)
		}
	}()
	return s, nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops the server and closes its logins.
func (s *Server) Close() error {
	err := s.http.Close()
	s.cancel()
	s.sessions.closeAll()
	return err
}

// ServeHTTP authenticates the request and serves it over the user's
// session. Each request gets its own file system and lock system views:
// they carry the request's context, and the per-request answers (status
// rewrites, the lock-null creation) that x/net/webdav's interfaces have
// no room for.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Server", "Strata")
	if r.Method == http.MethodOptions && !hasAuth(r) {
		// Windows' mini-redirector probes the root before it sends
		// credentials; the answer says what we speak, nothing more.
		davHeaders(w)
		w.Header().Set("Allow", "OPTIONS, LOCK, UNLOCK, GET, HEAD, PUT, DELETE, MKCOL, COPY, MOVE, PROPFIND, PROPPATCH")
		return
	}
	key, secret, ok := r.BasicAuth()
	if !ok {
		challenge(w)
		return
	}
	sess, done, err := s.sessions.get(r.Context(), key, secret, r)
	if err != nil {
		challenge(w)
		return
	}
	defer done()
	var body []byte
	if r.Method == "PROPFIND" || r.Method == "PROPPATCH" || r.Method == "LOCK" {
		if body, err = readAllLimit(r.Body, maxXMLBody); err != nil || emptyNamespace(body) {
			http.Error(w, "bad XML body", http.StatusBadRequest)
			return
		}
		r.Body = newBody(body)
	}
	if h := r.Header.Get("If"); h != "" {
		r.Header.Set("If", absoluteTags(h, r.Host))
	}
	rw := &statusWriter{ResponseWriter: w, method: r.Method}
	fsys := &fileSystem{ctx: r.Context(), sess: sess, rw: rw}
	ls := &lockSystem{fsys: fsys}
	rw.lockedOut = func() bool { return ls.lockedOut }
	if r.Method == "LOCK" {
		serveLock(rw, r, ls)
		return
	}
	h := &xwebdav.Handler{FileSystem: fsys, LockSystem: ls, Logger: func(r *http.Request, err error) {
		if err != nil {
			sess.Log().Debug("webdav request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
	}}
	fsys.probe = r.Method == http.MethodGet || r.Method == http.MethodHead
	if r.Method == "PROPFIND" {
		fsys.liveOnly = onlyLiveProps(body)
	}
	h.ServeHTTP(rw, r)
}

// maxXMLBody bounds the XML bodies (PROPFIND, PROPPATCH, LOCK) read.
const maxXMLBody = 4 << 20

// emptyNamespace reports an empty namespace prefix declaration
// (xmlns:p=""), which XML Namespaces 1.0 forbids and litmus expects a
// 400 for; Go's XML decoder accepts it.
func emptyNamespace(b []byte) bool { return emptyNSRE.Match(b) }

var emptyNSRE = regexp.MustCompile(`xmlns:[^\s=/>]+\s*=\s*(""|'')`)

func hasAuth(r *http.Request) bool { return r.Header.Get("Authorization") != "" }

func davHeaders(w http.ResponseWriter) {
	w.Header().Set("DAV", "1, 2")
	w.Header().Set("MS-Author-Via", "DAV")
}

func challenge(w http.ResponseWriter) {
	w.Header().Set("WWW-Authenticate", `Basic realm="Strata", charset="UTF-8"`)
	http.Error(w, "401 Unauthorized: log in with an access key id and its secret", http.StatusUnauthorized)
}
