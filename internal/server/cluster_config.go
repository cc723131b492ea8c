package server

import (
	"os"
	"strings"

	"github.com/strata-storage/strata/internal/cluster"
	"github.com/strata-storage/strata/internal/strata"
)

func (c *Config) validateCluster() error {
	const op = "server.Config"
	if err := c.validateTLS(); err != nil {
		return err
	}
	for _, r := range c.Roles {
		switch r {
		case RoleMeta, RoleBlob, RoleGateway, RoleAgent, "all":
		default:
			return strata.Errorf(op, strata.Invalid, "unknown role %q (want meta, blob, gateway, agent or all)", r)
		}
	}
	host, _ := os.Hostname()
	if host == "" {
		host = "localhost"
	}
	if c.Name == "" {
		c.Name = host
	}
	if c.Host == "" {
		c.Host = c.Name
		if !c.Clustered() {
			c.Host = host
		}
	}
	for _, part := range []string{c.Site, c.Rack, c.Host} {
		if part == "" || strings.ContainsAny(part, ". ") {
			return strata.Errorf(op, strata.Invalid, "site, rack and host must be non-empty and without dots: %q", part)
		}
	}
	if !c.Clustered() {
		if len(c.Roles) > 0 && (!c.HasRole(RoleMeta) || !c.HasRole(RoleBlob) || !c.HasRole(RoleGateway) || !c.HasRole(RoleAgent)) {
			return strata.Errorf(op, strata.Invalid, "a node without --meta-peers or --meta-endpoints runs every role")
		}
		return nil
	}
	if c.HasRole(RoleMeta) {
		if _, ok := c.metaPeerURL(); !ok {
			return strata.Errorf(op, strata.Invalid, "meta role: node %q is not in --meta-peers %q and has no --meta-peer-url", c.Name, c.MetaPeers)
		}
		if c.MetaClientURL == "" {
			return strata.Errorf(op, strata.Invalid, "meta role needs --meta-client-url")
		}
	}
	if c.MetaJoin && len(c.MetaEndpoints) == 0 {
		return strata.Errorf(op, strata.Invalid, "--meta-join needs --meta-endpoints of the running cluster")
	}
	if (!c.HasRole(RoleMeta) || !c.rootShard()) && len(c.MetaEndpoints) == 0 {
		return strata.Errorf(op, strata.Invalid, "a node without a member of the root metadata shard needs --meta-endpoints")
	}
	if c.HasRole(RoleBlob) && c.BlobAddr == "" {
		return strata.Errorf(op, strata.Invalid, "blob role in a cluster needs --blob-addr")
	}
	if c.BlobAdvertise == "" {
		c.BlobAdvertise = c.BlobAddr
	}
	return nil
}

// metaPeerURL returns this node's peer URL: MetaPeerURL, else its entry
// in MetaPeers.
func (c *Config) metaPeerURL() (string, bool) {
	if c.MetaPeerURL != "" {
		return c.MetaPeerURL, true
	}
	for _, p := range strings.Split(c.MetaPeers, ",") {
		name, url, ok := strings.Cut(strings.TrimSpace(p), "=")
		if ok && name == c.Name {
			return url, true
		}
	}
	return "", false
}

// rootShard reports whether this node's member (if any) belongs to the
// root metadata cluster.
func (c *Config) rootShard() bool { return c.Shard == "" || c.Shard == cluster.RootShard }

// metaEndpoints lists the root metadata cluster's endpoints, this node's
// member first when it is one of them.
func (c *Config) metaEndpoints() []string {
	var eps []string
	if c.HasRole(RoleMeta) && c.MetaClientURL != "" && c.rootShard() {
		eps = append(eps, c.MetaClientURL)
	}
	for _, e := range c.MetaEndpoints {
		if e != c.MetaClientURL {
			eps = append(eps, e)
		}
	}
	return eps
}
