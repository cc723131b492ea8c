package server

import (
	"context"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/strata"
)

// startFTP is replaced by the FTP server (issue 12, in progress).
func (n *Node) startFTP(ctx context.Context, svc *shares.Service, addr string) (fileServer, error) {
	return nil, strata.Errorf("server.startFTP", strata.Invalid, "FTP is not available in this build")
}
