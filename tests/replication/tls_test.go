package replicationtest

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/replication"
	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/tlsutil"
)

// tlsFront terminates TLS with a certificate from a fresh CA and passes
// the bytes to backend (a plain gateway) unchanged, so that the gateway
// checks the replicator's signatures as sent. It returns the https
// endpoint, the CA's PEM and a count of completed handshakes.
func tlsFront(t *testing.T, backend string) (endpoint, caPEM string, handshakes *atomic.Int64) {
	t.Helper()
	dir := t.TempDir()
	if _, err := tlsutil.MakeCA(dir, "replication test CA"); err != nil {
		t.Fatal(err)
	}
	certFile, keyFile, err := tlsutil.MakeNode(dir, "siteb", []net.IP{net.IPv4(127, 0, 0, 1)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := os.ReadFile(filepath.Join(dir, tlsutil.CAFile))
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(backend)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	handshakes = new(atomic.Int64)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				if err := c.(*tls.Conn).Handshake(); err != nil {
					return
				}
				handshakes.Add(1)
				b, err := net.Dial("tcp", u.Host)
				if err != nil {
					return
				}
				defer b.Close()
				go func() { io.Copy(b, c); b.(*net.TCPConn).CloseWrite() }()
				io.Copy(c, b)
			}()
		}
	}()
	return "https://" + ln.Addr().String(), string(ca), handshakes
}

// TestReplicateOverTLS: a target on https with its CA registered gets
// the writes (bytes, metadata, tags) and A's copies turn COMPLETED; the
// same endpoint registered without the CA is never written (the
// certificate is not trusted) and A's copies stay short of COMPLETED.
func TestReplicateOverTLS(t *testing.T) {
	ctx := context.Background()
	a, b := startSite(t), startSite(t)
	a.bucket(t, "src")
	a.bucket(t, "untrusted")
	b.bucket(t, "dst")
	b.bucket(t, "dst2")
	endpoint, ca, handshakes := tlsFront(t, b.URL())

	trusted := replication.Target{Name: "b-tls", Endpoint: endpoint, Bucket: "dst", CA: ca,
		AccessKey: testenv.AccessKey, SecretKey: testenv.SecretKey}
	untrusted := replication.Target{Name: "b-no-ca", Endpoint: endpoint, Bucket: "dst2",
		AccessKey: testenv.AccessKey, SecretKey: testenv.SecretKey}
	for _, tg := range []replication.Target{trusted, untrusted} {
		if err := a.Node.Replication().Targets.Put(ctx, tg); err != nil {
			t.Fatalf("target %s: %v", tg.Name, err)
		}
	}
	a.replicate(t, "src", trusted.ARN(), true, false)
	a.replicate(t, "untrusted", untrusted.ARN(), true, false)

	a.put(t, "src", "k1", "over tls", map[string]string{"color": "red"}, map[string]string{"team": "x"})
	a.put(t, "src", "dir/k2", "two", nil, nil)
	a.put(t, "untrusted", "k1", "never sent", nil, nil)
	converge(t, a, "src", b, "dst", 30*time.Second)
	if handshakes.Load() == 0 {
		t.Fatal("B's bucket converged without a TLS handshake on the front")
	}
	waitStatus(t, a, "src", "k1", "COMPLETED", 10*time.Second)

	// The untrusted target had as long as the trusted one took, and more.
	time.Sleep(2 * time.Second)
	if _, err := b.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: ptr("dst2"), Key: ptr("k1")}); err == nil {
		t.Fatal("an object reached a target whose certificate is not trusted")
	} else if c := apiCode(err); c != "NotFound" && c != "NoSuchKey" {
		t.Fatalf("head on B: %v", err)
	}
	h, err := a.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: ptr("untrusted"), Key: ptr("k1")})
	if err != nil {
		t.Fatal(err)
	}
	if h.ReplicationStatus == "COMPLETED" {
		t.Fatalf("untrusted target: status %q", h.ReplicationStatus)
	}
	t.Logf("trusted target COMPLETED over %d TLS connections; untrusted target status %q", handshakes.Load(), h.ReplicationStatus)
}

// waitStatus waits for a key's x-amz-replication-status on s.
func waitStatus(t *testing.T, s *site, bucket, key, want string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		h, err := s.c.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: &bucket, Key: &key})
		if err != nil {
			t.Fatal(err)
		}
		if string(h.ReplicationStatus) == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s/%s: replication status %q, want %s", bucket, key, h.ReplicationStatus, want)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
