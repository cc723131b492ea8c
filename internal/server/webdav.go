package server

import (
	"context"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/strata"
)

// startWebDAV is replaced by the WebDAV server (issue 12, in progress).
func (n *Node) startWebDAV(ctx context.Context, svc *shares.Service, addr string) (fileServer, error) {
	return nil, strata.Errorf("server.startWebDAV", strata.Invalid, "WebDAV is not available in this build")
}
