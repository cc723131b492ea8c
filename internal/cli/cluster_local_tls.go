package cli

import (
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/strata-storage/strata/internal/tlsutil"
)

// localIP is node i's loopback address in a local cluster.
func localIP(i int) string { return fmt.Sprintf("127.0.0.%d", 11+i) }

func (p localPlan) scheme() string {
	if p.tls {
		return "https"
	}
	return "http"
}

func (p localPlan) busScheme() string {
	if p.tls {
		return "tls"
	}
	return "nats"
}

func (p localPlan) tlsDir() string { return filepath.Join(p.dir, "tls") }

// tlsArgs are a node's TLS flags.
func (p localPlan) tlsArgs(name string) []string {
	if !p.tls {
		return nil
	}
	cert, key := tlsutil.NodeFiles(p.tlsDir(), name)
	return []string{"--tls-cert", cert, "--tls-key", key, "--tls-ca", filepath.Join(p.tlsDir(), tlsutil.CAFile)}
}

// makeCerts makes the cluster CA (kept if it exists) and the certificate
// of every node that has none, and makes this process (health checks)
// trust the CA.
func (p localPlan) makeCerts(nodes int) error {
	if !p.tls {
		return nil
	}
	dir := p.tlsDir()
	if _, err := tlsutil.MakeCA(dir, "Strata local cluster CA"); err != nil {
		return err
	}
	for i := range nodes {
		name := fmt.Sprintf("node%d", i+1)
		cert, _ := tlsutil.NodeFiles(dir, name)
		if _, err := os.Stat(cert); err == nil {
			continue
		}
		if _, _, err := tlsutil.MakeNode(dir, name, []net.IP{net.ParseIP(localIP(i))}, []string{name, "localhost"}); err != nil {
			return err
		}
	}
	pool, err := tlsutil.LoadPool(filepath.Join(dir, tlsutil.CAFile))
	if err != nil {
		return err
	}
	trustPool(pool)
	return nil
}
