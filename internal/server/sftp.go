package server

import (
	"context"
	"path/filepath"

	"golang.org/x/crypto/ssh"

	"github.com/strata-storage/strata/internal/sftp"
	"github.com/strata-storage/strata/internal/shares"
)

// startSFTP starts the SFTP server on addr. Its host key lives in the
// data folder ("sftp/"), so clients see the same key after a restart;
// SSH public key logins check the keys registered on IAM users, which
// every gateway's IAM cache follows.
func (n *Node) startSFTP(ctx context.Context, svc *shares.Service, addr string) (fileServer, error) {
	cfg := sftp.Config{Addr: addr, Shares: svc, KeyDir: filepath.Join(n.cfg.DataDir, "sftp"),
		Log: n.log.With("part", "sftp")}
	if n.iam != nil {
		cfg.Authorized = func(_ context.Context, accessKey string, key ssh.PublicKey) bool {
			return n.iam.SSHKeyAuthorized(accessKey, key.Marshal())
		}
	}
	return sftp.Start(cfg)
}
