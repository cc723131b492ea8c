package website_test

import (
	"net"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/tlsutil"
)

// TestWebsiteTLS: with a node certificate the website endpoint is HTTPS,
// and its redirects keep the scheme.
func TestWebsiteTLS(t *testing.T) {
	dir := t.TempDir()
	if _, err := tlsutil.MakeCA(dir, "test CA"); err != nil {
		t.Fatal(err)
	}
	cert, key, err := tlsutil.MakeNode(dir, "node", []net.IP{net.ParseIP("127.0.0.1")}, []string{"localhost", "tls." + domain})
	if err != nil {
		t.Fatal(err)
	}
	ca := filepath.Join(dir, "ca.pem")
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.WebsiteAddr = "127.0.0.1:0"
		c.WebsiteDomains = []string{domain}
		c.TLS = tlsutil.Files{Cert: cert, Key: key, CA: ca}
	}})
	roots, err := tlsutil.LoadPool(ca)
	if err != nil {
		t.Fatal(err)
	}
	addr := srv.ProtocolAddr("website")
	_, port, _ := strings.Cut(addr, ":")
	s := &site{t: t, srv: srv, s3: testenv.S3ClientCA(srv.URL(), testenv.AccessKey, testenv.SecretKey, roots), addr: addr, port: port}
	s.bucket("tls", &types.WebsiteConfiguration{IndexDocument: &types.IndexDocument{Suffix: aws.String("index.html")}}, publicRead("tls"))
	s.put("tls", "d/index.html", "over tls", "text/html")

	host := "tls." + domain + ":" + port
	get := func(path string) reply {
		return s.curlURL("https://"+host+path, "--cacert", ca, "--resolve", host+":127.0.0.1")
	}
	get("/d/").want(t, "index over HTTPS", 200, "over tls", "text/html")
	get("/d").wantRedirect(t, "folder redirect over HTTPS", 302, "https://"+host+"/d/")
	s.curlURL("https://"+addr+"/tls/d/", "--cacert", ca).want(t, "path-style over HTTPS", 200, "over tls", "")
}
