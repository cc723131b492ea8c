package server

import (
	"context"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/strata"
)

// startNFS is replaced by the NFS server (issue 12, in progress).
func (n *Node) startNFS(ctx context.Context, svc *shares.Service, addr string) (fileServer, error) {
	return nil, strata.Errorf("server.startNFS", strata.Invalid, "NFS is not available in this build")
}
