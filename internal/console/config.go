package console

import (
	"context"
	"crypto/tls"
	"log/slog"
	"net/http"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// Keys is what the console needs from the IAM cache.
type Keys interface {
	// Secret returns the secret of an active long-term access key and the
	// account it belongs to; an error of kind Permission for an unknown
	// or inactive key.
	Secret(ctx context.Context, accessKey string) (secret, account, user string, err error)
	// May reports whether the key's principal may do action on resource by
	// its identity policies. It only shapes the page (hide a button the
	// gateway would refuse); the gateway still decides every request.
	May(ctx context.Context, accessKey, action, resource string) bool
}

// Config describes the console listener.
type Config struct {
	Addr string      // listen address; "" disables the console
	TLS  *tls.Config // nil: plain HTTP (then cookies are not Secure)
	// Gateway serves the S3 listener's requests in-process: S3, IAM,
	// /_strata/ admin and the REST API.
	Gateway http.Handler
	// GatewayHost is the Host header of re-signed requests (the S3
	// listener's address), so that virtual-host parsing sees a plain host.
	GatewayHost string
	// PublicURL is the S3 endpoint that presigned share links point at.
	PublicURL string
	Region    string
	Keys      Keys
	Log       *slog.Logger

	SessionTTL time.Duration // absolute lifetime of a session
	IdleTTL    time.Duration // a session unused this long expires
	Now        func() time.Time
}

// DefaultConfig returns a config with the default lifetimes and address.
func DefaultConfig() Config {
	return Config{Addr: "127.0.0.1:9001", Region: "us-east-1", SessionTTL: 12 * time.Hour, IdleTTL: time.Hour, Now: time.Now}
}

// Validate reports a config the console cannot run with.
func (c *Config) Validate() error {
	const op = "console.Config"
	switch {
	case c.Gateway == nil || c.Keys == nil:
		return strata.Errorf(op, strata.Invalid, "the console needs the gateway handler and the IAM keys")
	case c.SessionTTL <= 0 || c.IdleTTL <= 0:
		return strata.Errorf(op, strata.Invalid, "session lifetimes must be positive")
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Region == "" {
		c.Region = "us-east-1"
	}
	return nil
}
