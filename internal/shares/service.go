package shares

import (
	"context"
	"crypto/subtle"
	"crypto/tls"
	"log/slog"
	"net/http"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/fsapi"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/vfs"
)

// Keys finds an access key's secret and whose it is (the IAM cache).
type Keys interface {
	Secret(ctx context.Context, accessKey string) (secret, account, user string, err error)
}

// Config wires a Service to its gateway.
type Config struct {
	Gateway http.Handler // the S3 listener's handler, called in process
	Host    string       // the gateway's host:port, as requests name it
	Region  string
	Keys    Keys
	Log     *slog.Logger
	// VFS tunes each bucket's file system. Its ListTTL defaults to off
	// (-1): protocol clients have no change feed, so a lookup is fresh.
	VFS vfs.Options
	// Poll is how often an open file system reads its bucket's change
	// feed (1 s); it empties caches that another client's change made
	// stale.
	Poll time.Duration
}

// Service logs users in for the file protocols of one node.
type Service struct {
	cfg Config
}

// New returns a service over cfg's gateway.
func New(cfg Config) *Service {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.VFS.ListTTL == 0 {
		cfg.VFS.ListTTL = -1
	}
	if cfg.Poll <= 0 {
		cfg.Poll = time.Second
	}
	return &Service{cfg: cfg}
}

// Client describes the protocol connection a session serves.
type Client struct {
	Protocol string               // "sftp", "ftp", "webdav", "nfs": for logs
	Remote   string               // the client's host:port
	TLS      *tls.ConnectionState // non-nil when the connection is encrypted
}

// ErrLogin is the answer to a wrong access key or secret. It says no more,
// so that a caller cannot tell which of the two was wrong.
var ErrLogin = &fsapi.Error{Errno: syscall.EACCES, Msg: "login refused: unknown access key or wrong secret"}

// Login checks an access key and its secret and opens a session.
func (s *Service) Login(ctx context.Context, accessKey, secret string, c Client) (*Session, error) {
	want, account, user, err := s.cfg.Keys.Secret(ctx, accessKey)
	if err != nil || want == "" || subtle.ConstantTimeCompare([]byte(want), []byte(secret)) != 1 {
		s.cfg.Log.Info("file protocol login refused", "protocol", c.Protocol, "remote", c.Remote, "access_key", accessKey)
		return nil, ErrLogin
	}
	return s.open(accessKey, want, account, user, c), nil
}

// Trusted opens a session for an access key whose owner the protocol has
// already authenticated some other way (an SSH public key registered on
// the user, an NFS uid mapped to it). The key must exist and be active.
func (s *Service) Trusted(ctx context.Context, accessKey string, c Client) (*Session, error) {
	secret, account, user, err := s.cfg.Keys.Secret(ctx, accessKey)
	if err != nil || secret == "" {
		return nil, strata.E("shares.Trusted", strata.Permission, ErrLogin)
	}
	return s.open(accessKey, secret, account, user, c), nil
}

func (s *Service) open(accessKey, secret, account, user string, c Client) *Session {
	ctx, cancel := context.WithCancel(context.Background())
	hc := &http.Client{Transport: &inProcess{h: s.cfg.Gateway, remote: c.Remote, tls: c.TLS}}
	log := s.cfg.Log.With("protocol", c.Protocol, "remote", c.Remote, "account", account, "user", user)
	log.Debug("file protocol session opened")
	return &Session{svc: s, accessKey: accessKey, secret: secret, account: account, user: user,
		client: c, http: hc, log: log, ctx: ctx, cancel: cancel, buckets: map[string]*vfs.FS{}}
}
