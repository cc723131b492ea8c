package cluster

import (
	"bytes"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/tlsutil"
)

// listener is one TCP listener of a node and what a client first says.
type listener struct {
	name   string
	addr   string
	hello  []byte // first bytes a client sends (nil: the server speaks first)
	mutual bool   // node-to-node: a client certificate is required
}

const httpHello = "GET /version HTTP/1.1\r\nHost: strata\r\nConnection: close\r\n\r\n"

// natsHello is a NATS client's first words in clear.
const natsHello = "CONNECT {\"verbose\":false}\r\nPING\r\n"

// listeners lists every listener of node i of a `cluster local --tls`
// cluster: S3, blob, metadata client and peer, bus client and routes
// (the first three nodes run members and bus servers).
func listeners(t *testing.T, s3URL string) []listener {
	t.Helper()
	u, err := url.Parse(s3URL)
	if err != nil {
		t.Fatal(err)
	}
	host := u.Hostname()
	base, _ := strconv.Atoi(u.Port())
	at := func(off int) string { return net.JoinHostPort(host, strconv.Itoa(base+off)) }
	return []listener{
		{"s3", at(0), []byte(httpHello), false},
		{"blob", at(1), []byte(httpHello), true},
		{"etcd-client", at(2), []byte(httpHello), true},
		{"etcd-peer", at(3), []byte(httpHello), true},
		{"nats-client", at(4), []byte(natsHello), true},
		{"nats-route", at(5), []byte(natsHello), true},
	}
}

// exchange connects (over TLS when cfg is set), sends hello and returns
// what comes back, up to 4 KiB, and the error that ended the exchange:
// until the server closes, or with first, until the first bytes.
// Handshake failures are returned as errors.
func exchange(addr string, cfg *tls.Config, hello []byte, first bool) ([]byte, error) {
	raw, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	defer raw.Close()
	raw.SetDeadline(time.Now().Add(10 * time.Second))
	c := raw
	if cfg != nil {
		tc := tls.Client(raw, cfg)
		if err := tc.Handshake(); err != nil {
			return nil, err
		}
		c = tc
	}
	if len(hello) > 0 {
		if _, err := c.Write(hello); err != nil {
			return nil, err
		}
	}
	if first {
		buf := make([]byte, 4096)
		n, err := c.Read(buf)
		return buf[:n], err
	}
	var got bytes.Buffer
	_, err = io.Copy(&got, io.LimitReader(c, 4096))
	return got.Bytes(), err
}

// TestTLSEverywhere runs a 3-node `strata cluster local --tls` cluster and
// checks every listener of every node: nothing answers in clear, node-to-
// node listeners refuse a TLS client without a certificate and answer one
// with a node certificate, and S3 works with the CA through the SDK (and
// the strata CLI) while it needs no client certificate.
func TestTLSEverywhere(t *testing.T) {
	skipShort(t)
	testenv.Binary(t)
	start := time.Now()
	lc := testenv.StartLocalCluster(t, testenv.LocalOptions{Nodes: 3, TLS: true})
	t.Logf("cluster up in %v", time.Since(start).Round(time.Millisecond))
	if lc.Roots == nil || lc.File.CA == "" {
		t.Fatal("cluster.json names no CA")
	}
	for _, n := range lc.File.Nodes {
		if !strings.HasPrefix(n.S3, "https://") || (n.Meta != "" && !strings.HasPrefix(n.Meta, "https://")) {
			t.Fatalf("node %s: plain endpoints in cluster.json: s3 %s meta %s", n.Name, n.S3, n.Meta)
		}
	}
	certDir := filepath.Join(lc.Dir, "tls")
	nodeCert, nodeKey := tlsutil.NodeFiles(certDir, "node1")
	pair, err := tls.LoadX509KeyPair(nodeCert, nodeKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range lc.File.Nodes {
		host := strings.Split(strings.TrimPrefix(n.S3, "https://"), ":")[0]
		noCert := &tls.Config{RootCAs: lc.Roots, ServerName: host}
		withCert := &tls.Config{RootCAs: lc.Roots, ServerName: host, Certificates: []tls.Certificate{pair}}
		for _, l := range listeners(t, n.S3) {
			t.Run(n.Name+"/"+l.name, func(t *testing.T) {
				// Plain TCP: not one byte comes back, and the server
				// closes (a timeout would mean it waits for more).
				got, err := exchange(l.addr, nil, l.hello, false)
				if len(got) > 0 {
					t.Fatalf("plain client answered in clear: %q", got)
				}
				var ne net.Error
				if errors.As(err, &ne) && ne.Timeout() {
					t.Fatalf("plain connection left open: %v", err)
				}
				// TLS without a client certificate.
				got, err = exchange(l.addr, noCert, l.hello, false)
				if l.mutual {
					if len(got) > 0 || err == nil {
						t.Fatalf("TLS client without a certificate answered: %q (err %v)", got, err)
					}
				} else if !bytes.HasPrefix(got, []byte("HTTP/1.1 ")) {
					t.Fatalf("S3 over TLS without a client certificate: %q, %v", got, err)
				}
				// TLS with the node certificate: a real answer.
				got, err = exchange(l.addr, withCert, l.hello, true)
				if !bytes.HasPrefix(got, []byte("HTTP/1.1 ")) && !bytes.HasPrefix(got, []byte("INFO ")) {
					t.Fatalf("TLS client with a node certificate: %q, %v", got, err)
				}
			})
		}
	}

	// S3 through the SDK, trusting the CA: a put on node1 lands chunks on
	// the other nodes' blob servers (mutual TLS) and reads back anywhere.
	c1, c3 := lc.S3("node1"), lc.S3("node3")
	mkBucket(t, c1, "tls")
	data := randomBytes(7, 3<<20+5)
	mustPut(t, c1, "tls", "obj", data, "")
	for _, c := range []*s3.Client{c1, c3} {
		got, err := get(c, "tls", "obj")
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("get over TLS: %d bytes, %v", len(got), err)
		}
	}
	// Without the CA the SDK refuses the server.
	n1, _, _ := lc.File.Node("node1")
	bare := testenv.S3Client(n1.S3, lc.Root.AccessKey, lc.Root.SecretKey)
	if _, err := bare.ListBuckets(ctx, &s3.ListBucketsInput{}); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("SDK without the CA: %v", err)
	}
	if _, err := c3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("tls"), Key: aws.String("obj")}); err != nil {
		t.Fatal(err)
	}
	// The CLI trusts the CA of the cluster in --data.
	if svcs := services(t, lc, "node2"); len(svcs) == 0 {
		t.Fatal("cluster list over TLS: no services")
	}
}
