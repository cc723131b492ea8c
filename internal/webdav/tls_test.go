package webdav_test

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/tlsutil"
)

// TestTLS: with a node certificate WebDAV is HTTPS only, so Basic logins
// never cross the wire in clear; a plain HTTP request gets no answer.
func TestTLS(t *testing.T) {
	dir := t.TempDir()
	if _, err := tlsutil.MakeCA(dir, "test CA"); err != nil {
		t.Fatal(err)
	}
	cert, key, err := tlsutil.MakeNode(dir, "node", []net.IP{net.ParseIP("127.0.0.1")}, []string{"localhost"})
	if err != nil {
		t.Fatal(err)
	}
	ca := filepath.Join(dir, "ca.pem")
	n := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.WebDAVAddr = "127.0.0.1:0"
		c.TLS = tlsutil.Files{Cert: cert, Key: key, CA: ca}
	}})
	addr := n.ProtocolAddr("webdav")

	pem, err := os.ReadFile(ca)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(pem)
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	req, _ := http.NewRequestWithContext(ctx, "MKCOL", "https://"+addr+"/secure/", nil)
	req.SetBasicAuth(testenv.AccessKey, testenv.SecretKey)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 || resp.TLS == nil {
		t.Fatalf("MKCOL over HTTPS: %d", resp.StatusCode)
	}

	req, _ = http.NewRequestWithContext(ctx, "PROPFIND", "http://"+addr+"/", nil)
	req.SetBasicAuth(testenv.AccessKey, testenv.SecretKey)
	resp, err = http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest { // Go's TLS server answers a plain HTTP request with 400
			t.Fatalf("plain HTTP to the HTTPS port: %d", resp.StatusCode)
		}
	} else if !strings.Contains(err.Error(), "EOF") && !strings.Contains(err.Error(), "malformed") {
		t.Logf("plain HTTP refused: %v", err)
	}
}
