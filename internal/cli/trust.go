package cli

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"os"
	"path/filepath"

	"github.com/strata-storage/strata/internal/tlsutil"
)

// caBundleEnv names the CA bundle commands trust, like --ca.
const caBundleEnv = "STRATA_CA_BUNDLE"

// localCA is where `strata cluster local --tls` keeps its CA, so that
// `--data DIR` (the cluster folder) is enough to trust it.
func localCA(dir string) string { return filepath.Join(dir, "tls", tlsutil.CAFile) }

// trustCA makes this command trust the server's CA: --ca, else
// $STRATA_CA_BUNDLE, else the CA of a local cluster in --data. Without
// any, the system roots apply.
func (a *adminFlags) trustCA() error {
	file := a.ca
	if file == "" {
		if _, err := os.Stat(localCA(a.dataDir)); err == nil {
			file = localCA(a.dataDir)
		}
	}
	if file == "" {
		return nil
	}
	pool, err := tlsutil.LoadPool(file)
	if err != nil {
		return err
	}
	a.roots = pool
	trustPool(pool)
	return nil
}

// trustPool makes the process's default HTTP transport (admin calls, the
// mount's client) trust pool. A command is a short-lived client process,
// so a process-wide setting is what it needs; `strata server` never calls
// it (its webhooks keep the system roots).
func trustPool(pool *x509.CertPool) {
	http.DefaultTransport.(*http.Transport).TLSClientConfig = &tls.Config{RootCAs: pool}
}
