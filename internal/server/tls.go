package server

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/tlsutil"
)

// validateTLS checks the TLS files and, in a cluster, that every URL a
// node listens on or dials is https: with TLS on, nothing is plain.
func (c *Config) validateTLS() error {
	const op = "server.Config"
	if err := c.TLS.Validate(); err != nil {
		return err
	}
	if !c.TLS.Enabled() {
		return nil
	}
	if c.TLS.CA == "" && (c.BusListen != "" || c.BusClusterListen != "") {
		return strata.Errorf(op, strata.Invalid, "with TLS, an event bus served to other nodes (--bus-listen) needs --tls-ca")
	}
	if !c.Clustered() {
		return nil
	}
	if c.TLS.CA == "" {
		return strata.Errorf(op, strata.Invalid, "TLS in a cluster needs --tls-ca: node-to-node traffic is mutual TLS")
	}
	var urls []string
	for _, p := range strings.Split(c.MetaPeers, ",") {
		if _, u, ok := strings.Cut(strings.TrimSpace(p), "="); ok {
			urls = append(urls, u)
		}
	}
	urls = append(urls, c.MetaEndpoints...)
	for _, u := range append(urls, c.MetaClientURL, c.MetaPeerURL) {
		if pu, err := url.Parse(u); u != "" && (err != nil || pu.Scheme != "https") {
			return strata.Errorf(op, strata.Invalid, "with TLS, metadata URLs must be https: %q", u)
		}
	}
	return nil
}

// loadTLS reads the node's certificate and the cluster CA.
func (n *Node) loadTLS() error {
	if !n.cfg.TLS.Enabled() {
		return nil
	}
	s, err := tlsutil.Load(n.cfg.TLS)
	if err != nil {
		return err
	}
	n.tls = s
	n.log.Info("TLS on every listener", "cert", n.cfg.TLS.Cert, "ca", n.cfg.TLS.CA)
	return nil
}

// goReloadTLS reloads the certificate on SIGHUP. The embedded etcd reads
// the same files at every handshake, so it follows too.
func (n *Node) goReloadTLS(ctx context.Context) {
	if n.tls != nil {
		n.goLoop(func() { n.tls.Cert.ReloadOnHUP(ctx, n.log) })
	}
}

// listen opens a listener on addr: TLS-only when TLS is on, requiring a
// client certificate signed by the cluster CA when mutual (node-to-node).
func (n *Node) listen(addr string, mutual bool) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil || n.tls == nil {
		return ln, err
	}
	cfg := n.tls.Server()
	if mutual {
		cfg = n.tls.Mutual()
	}
	// HTTP/1.1 only, as on plain HTTP: chunk and object bodies stream.
	cfg.NextProtos = []string{"http/1.1"}
	return tlsutil.Listen(ln, cfg), nil
}

// scheme is the URL scheme of this node's HTTP listeners.
func (n *Node) scheme() string {
	if n.tls != nil {
		return "https"
	}
	return "http"
}

// clientTLS is the config this node dials other nodes with (nil without
// TLS): it trusts the cluster CA and presents the node's certificate.
func (n *Node) clientTLS() *tls.Config {
	if n.tls == nil {
		return nil
	}
	return n.tls.Client()
}

// nodeTransport is an HTTP transport to other nodes' listeners.
func (n *Node) nodeTransport(base *http.Transport) *http.Transport {
	tr := base.Clone()
	tr.TLSClientConfig = n.clientTLS()
	return tr
}

// busTLS is the event bus's config. A bus served to other nodes
// (--bus-listen) is mutual TLS with the cluster CA; a node's private bus
// (a random loopback port) accepts only the node itself, by its own
// certificate. An external NATS (--bus-url) with TLS must require client
// certificates signed by the cluster CA and enable handshake_first.
func (n *Node) busTLS() *tls.Config {
	switch {
	case n.tls == nil:
		return nil
	case n.cfg.BusListen == "" && n.cfg.BusURL == "":
		return n.tls.Self()
	}
	return n.tls.Mutual()
}
