package server

import (
	"context"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/strata"
)

// startSFTP is replaced by the SFTP server (issue 12, in progress).
func (n *Node) startSFTP(ctx context.Context, svc *shares.Service, addr string) (fileServer, error) {
	return nil, strata.Errorf("server.startSFTP", strata.Invalid, "SFTP is not available in this build")
}
