package server

import (
	"context"
	"net/http"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/strata"
)

// fileServer is one running file protocol server.
type fileServer interface {
	Addr() string // the address it listens on (useful with port 0)
	Close() error // stops it: connections end, open files are released
}

// fileProtocols are the file protocol servers a node runs, by name.
type fileProtocols map[string]fileServer

func (f fileProtocols) close() {
	for _, s := range f {
		s.Close()
	}
}

// shareKeys adapts the IAM cache to shares.Keys: the console's lookup.
type shareKeys struct{ consoleKeys }

// startFileProtocols starts the file protocols the config turns on, each
// a thin adapter over the same shares service, so that they all see one
// namespace and one policy evaluation. A protocol that fails to start
// fails the node: the operator asked for it.
func (n *Node) startFileProtocols(gateway http.Handler) error {
	n.shares = shares.New(shares.Config{Gateway: gateway, Host: n.Addr(), Region: n.cfg.Region,
		Keys: shareKeys{consoleKeys{n.iam}}, Log: n.log.With("part", "files")})
	svc := n.shares
	n.files = fileProtocols{}
	for _, p := range []struct {
		name, addr string
		start      func(context.Context, *shares.Service, string) (fileServer, error)
	}{
		{"nfs", n.cfg.NFSAddr, n.startNFS},
		{"sftp", n.cfg.SFTPAddr, n.startSFTP},
		{"ftp", n.cfg.FTPAddr, n.startFTP},
		{"webdav", n.cfg.WebDAVAddr, n.startWebDAV},
	} {
		if p.addr == "" {
			continue
		}
		s, err := p.start(context.Background(), svc, p.addr)
		if err != nil {
			return strata.E("server.start"+p.name, strata.Unavailable, err)
		}
		n.files[p.name] = s
		n.log.Info(p.name+" ready", "addr", s.Addr())
	}
	return nil
}

// ProtocolAddr is the address a file protocol listens on ("nfs", "sftp",
// "ftp", "webdav"); "" when it is off.
func (n *Node) ProtocolAddr(name string) string {
	if s, ok := n.files[name]; ok {
		return s.Addr()
	}
	return ""
}

// Shares is the login service the file protocols share (nil without the
// gateway role).
func (n *Node) Shares() *shares.Service { return n.shares }
