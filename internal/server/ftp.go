package server

import (
	"context"

	"github.com/strata-storage/strata/internal/ftp"
	"github.com/strata-storage/strata/internal/shares"
)

// startFTP serves FTP on addr over the shares service; with the node's
// certificate, TLS (AUTH TLS) is offered and required for logins.
func (n *Node) startFTP(ctx context.Context, svc *shares.Service, addr string) (fileServer, error) {
	cfg := ftp.DefaultConfig()
	cfg.Addr, cfg.Shares, cfg.PassivePorts = addr, svc, n.cfg.FTPPassivePorts
	cfg.Log = n.log.With("part", "ftp")
	if n.tls != nil {
		cfg.TLS = n.tls.Server()
	}
	return ftp.Start(cfg)
}
