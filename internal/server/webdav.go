package server

import (
	"context"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/webdav"
)

// startWebDAV serves WebDAV on addr: HTTPS when the node has a
// certificate, so that Basic logins never cross the wire in clear.
func (n *Node) startWebDAV(ctx context.Context, svc *shares.Service, addr string) (fileServer, error) {
	cfg := webdav.Config{Addr: addr, Shares: svc, Log: n.log.With("part", "webdav")}
	if n.tls != nil {
		cfg.TLS = n.tls.Server()
	}
	return webdav.Listen(cfg)
}
