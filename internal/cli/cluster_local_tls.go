package cli

import (
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/strata-storage/strata/internal/tlsutil"
)

// ip is node i's loopback address in a local cluster: --ip-base plus i
// (default 127.0.0.11, 127.0.0.12, ...).
func (p localPlan) ip(i int) string {
	base := net.ParseIP(p.ipBase).To4()
	if base == nil {
		base = net.IPv4(127, 0, 0, 11).To4()
	}
	return fmt.Sprintf("%d.%d.%d.%d", base[0], base[1], base[2], int(base[3])+i)
}

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
		if _, _, err := tlsutil.MakeNode(dir, name, []net.IP{net.ParseIP(p.ip(i))}, []string{name, "localhost"}); err != nil {
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
