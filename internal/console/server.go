package console

import (
	"context"
	"crypto/subtle"
	"crypto/tls"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// Server is the console: sessions, login and the re-signing proxy in front
// of the gateway, and the embedded page.
type Server struct {
	cfg    Config
	sess   *sessions
	limit  *limiter
	static http.Handler
	srv    *http.Server
	ln     net.Listener
}

// New returns a console for cfg; Serve or Handler runs it.
func New(cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Server{cfg: cfg, sess: newSessions(cfg.SessionTTL, cfg.IdleTTL, cfg.Now), limit: newLimiter(cfg.Now), static: assets()}, nil
}

// ServeHTTP routes the console's requests. Every response carries the CSP
// and the no-framing headers; every unsafe request must come from this
// origin and carry the session's CSRF token.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	secureHeaders(w.Header(), csp)
	path := r.URL.Path
	switch {
	case path == "/_console/login" && r.Method == http.MethodPost:
		s.login(w, r)
		return
	case strings.HasPrefix(path, "/_console/"), strings.HasPrefix(path, "/_strata/"):
	default:
		if !safeMethod(r.Method) {
			jsonError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "the page's files are read-only")
			return
		}
		s.static.ServeHTTP(w, r)
		return
	}
	se := s.sess.get(r)
	if se == nil {
		jsonError(w, http.StatusUnauthorized, "NoSession", "log in first")
		return
	}
	if !safeMethod(r.Method) && (!s.sameOrigin(r) || !validCSRF(r, se)) {
		s.cfg.Log.Warn("console request refused: cross-origin or bad CSRF token", "path", path, "origin", r.Header.Get("Origin"), "ip", clientIP(r))
		jsonError(w, http.StatusForbidden, "CSRF", "cross-origin request or missing CSRF token")
		return
	}
	switch {
	case path == "/_console/session":
		writeJSON(w, s.info(r, se))
	case path == "/_console/logout" && r.Method == http.MethodPost:
		s.logout(w, r, se)
	case path == "/_console/presign" && r.Method == http.MethodPost:
		s.presign(w, r, se)
	case path == s3Prefix || strings.HasPrefix(path, s3Prefix+"/"):
		p := strings.TrimPrefix(path, s3Prefix)
		if p == "" {
			p = "/"
		}
		s.proxy(w, r, se, p)
	case strings.HasPrefix(path, "/_strata/"):
		s.proxy(w, r, se, path)
	default:
		jsonError(w, http.StatusNotFound, "NotFound", "no such console endpoint")
	}
}

func validCSRF(r *http.Request, se *session) bool {
	t := r.Header.Get("X-Csrf-Token")
	return t != "" && subtle.ConstantTimeCompare([]byte(t), []byte(se.csrf)) == 1
}

// Listen opens the console's listener (TLS when the config has it) and
// serves until Close.
func (s *Server) Listen() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return strata.E("console.Listen", strata.Unavailable, err)
	}
	if s.cfg.TLS != nil {
		ln = tls.NewListener(ln, s.cfg.TLS)
	}
	s.ln = ln
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(s.cfg.Log.Handler(), slog.LevelWarn)}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.cfg.Log.Error("console stopped", "err", err)
		}
	}()
	s.cfg.Log.Info("console ready", "url", s.URL())
	return nil
}

// URL is the console's base URL ("" before Listen).
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	return s.scheme() + "://" + s.ln.Addr().String()
}

// Close stops the listener and waits for requests in flight (10 s at most).
func (s *Server) Close() error {
	if s.srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return s.srv.Shutdown(ctx)
}
