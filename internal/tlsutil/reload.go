package tlsutil

import (
	"context"
	"crypto/tls"
	"log/slog"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"github.com/strata-storage/strata/internal/strata"
)

// Reloader serves a certificate and key pair read from files and swapped
// atomically on Reload, so that a renewed certificate takes effect on the
// next handshake without a restart. Connections already open keep the
// certificate they were set up with.
type Reloader struct {
	certFile, keyFile string
	cur               atomic.Pointer[tls.Certificate]
}

// NewReloader reads the pair once; it fails when it cannot be loaded.
func NewReloader(certFile, keyFile string) (*Reloader, error) {
	r := &Reloader{certFile: certFile, keyFile: keyFile}
	if err := r.Reload(); err != nil {
		return nil, err
	}
	return r, nil
}

// Reload reads the pair again. On error the previous certificate stays in
// use: a half-written renewal never takes a node off the network.
func (r *Reloader) Reload() error {
	c, err := tls.LoadX509KeyPair(r.certFile, r.keyFile)
	if err != nil {
		return strata.E("tlsutil.Reload", strata.Invalid, err)
	}
	r.cur.Store(&c)
	return nil
}

// Certificate returns the pair in use.
func (r *Reloader) Certificate() *tls.Certificate { return r.cur.Load() }

// GetCertificate is a tls.Config.GetCertificate for servers.
func (r *Reloader) GetCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	return r.cur.Load(), nil
}

// GetClientCertificate is a tls.Config.GetClientCertificate: the node
// presents the same certificate when it dials other nodes.
func (r *Reloader) GetClientCertificate(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
	return r.cur.Load(), nil
}

// ReloadOnHUP reloads the pair on every SIGHUP until ctx ends.
func (r *Reloader) ReloadOnHUP(ctx context.Context, log *slog.Logger) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGHUP)
	defer signal.Stop(ch)
	for {
		select {
		case <-ctx.Done():
			return
		case <-ch:
			if err := r.Reload(); err != nil {
				log.Error("TLS certificate reload failed; keeping the previous one", "cert", r.certFile, "err", err)
				continue
			}
			log.Info("TLS certificate reloaded", "cert", r.certFile)
		}
	}
}
