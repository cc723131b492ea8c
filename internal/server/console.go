package server

import (
	"context"
	"net/http"
	"strings"

	"github.com/strata-storage/strata/internal/console"
	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/strata"
)

// consoleKeys adapts the IAM cache to the console's login and re-signing.
type consoleKeys struct{ c *iam.Cache }

var _ console.Keys = consoleKeys{}

func (k consoleKeys) Secret(ctx context.Context, accessKey string) (string, string, string, error) {
	p, secret, err := k.c.Authenticate(ctx, accessKey, "")
	if err != nil {
		return "", "", "", strata.E("console.Secret", strata.Permission, err)
	}
	user := "root"
	if p.User != nil {
		user = p.Name()
	}
	return secret, p.Account.Name, user, nil
}

func (k consoleKeys) May(ctx context.Context, accessKey, action, resource string) bool {
	p, _, err := k.c.Authenticate(ctx, accessKey, "")
	if err != nil {
		return false
	}
	return k.may(p, action, resource)
}

func (k consoleKeys) may(p *iam.Principal, action, resource string) bool {
	// strata: actions are cluster-wide: as the REST API does, they are
	// for the root account's users only, decided with no resource account.
	clusterWide := strings.HasPrefix(action, "strata:")
	if p.IsAdmin() || p.IsAccountRoot() && !clusterWide {
		return true
	}
	if clusterWide && p.Account.Name != iam.RootAccount {
		return false
	}
	acct := p.Account.Name
	if clusterWide {
		acct = ""
	}
	return k.c.Decide(&iam.Check{Principal: p, Action: action, Resource: resource, ResourceAccount: acct,
		Context: iam.Context(p, iam.RequestInfo{})}).Allowed
}

// startConsole serves the web console on its own listener in front of the
// gateway's handler. A console that cannot listen is logged, not fatal:
// S3 keeps serving.
func (n *Node) startConsole(gateway http.Handler) {
	if n.cfg.ConsoleAddr == "" {
		return
	}
	cfg := console.DefaultConfig()
	cfg.Addr, cfg.Gateway, cfg.GatewayHost = n.cfg.ConsoleAddr, gateway, n.Addr()
	cfg.PublicURL, cfg.Region, cfg.Keys, cfg.Log = n.URL(), n.cfg.Region, consoleKeys{n.iam}, n.log.With("part", "console")
	if n.tls != nil {
		cfg.TLS = n.tls.Server()
		cfg.TLS.NextProtos = []string{"http/1.1"}
	}
	c, err := console.New(cfg)
	if err == nil {
		err = c.Listen()
	}
	if err != nil {
		n.log.Error("console not started", "addr", n.cfg.ConsoleAddr, "err", err)
		return
	}
	n.console = c
}

// ConsoleURL is the web console's base URL; "" when it is off.
func (n *Node) ConsoleURL() string {
	if n.console == nil {
		return ""
	}
	return n.console.URL()
}
