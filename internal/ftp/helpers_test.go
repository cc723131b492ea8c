package ftp_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	goftp "github.com/jlaffaye/ftp"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/tlsutil"
)

// node is a test node serving FTP on loopback.
type node struct {
	*testenv.Server
	addr string
	ca   string      // the CA's PEM file (TLS nodes)
	tls  *tls.Config // a client config trusting it (TLS nodes)
	s3   *s3.Client  // the root key's S3 client
}

// start runs a node with FTP on; with secure, it has a certificate, so
// FTP requires TLS.
func start(t *testing.T, secure bool) *node {
	t.Helper()
	n := &node{}
	var files tlsutil.Files
	if secure {
		dir := t.TempDir()
		if _, err := tlsutil.MakeCA(dir, "ftp test CA"); err != nil {
			t.Fatal(err)
		}
		cert, key, err := tlsutil.MakeNode(dir, "n1", []net.IP{net.IPv4(127, 0, 0, 1)}, []string{"localhost"})
		if err != nil {
			t.Fatal(err)
		}
		files = tlsutil.Files{Cert: cert, Key: key, CA: filepath.Join(dir, tlsutil.CAFile)}
		n.ca = files.CA
		pool, err := tlsutil.LoadPool(files.CA)
		if err != nil {
			t.Fatal(err)
		}
		n.tls = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
	}
	n.Server = testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.FTPAddr = "127.0.0.1:0"
		c.TLS = files
	}})
	n.addr = n.ProtocolAddr("ftp")
	if n.addr == "" {
		t.Fatal("no FTP address")
	}
	if secure {
		pool := x509.NewCertPool()
		pem, _ := os.ReadFile(files.CA)
		pool.AppendCertsFromPEM(pem)
		n.s3 = testenv.S3ClientCA(n.URL(), testenv.AccessKey, testenv.SecretKey, pool)
	} else {
		n.s3 = n.S3()
	}
	return n
}

// dial logs in with the Go FTP client (explicit TLS on secure nodes).
func (n *node) dial(t *testing.T, user, pass string) *goftp.ServerConn {
	t.Helper()
	c, err := n.connect(user, pass)
	if err != nil {
		t.Fatalf("login %s: %v", user, err)
	}
	t.Cleanup(func() { c.Quit() })
	return c
}

func (n *node) connect(user, pass string) (*goftp.ServerConn, error) {
	opts := []goftp.DialOption{goftp.DialWithTimeout(30 * time.Second)}
	if n.tls != nil {
		opts = append(opts, goftp.DialWithExplicitTLS(n.tls))
	}
	c, err := goftp.Dial(n.addr, opts...)
	if err != nil {
		return nil, err
	}
	if err := c.Login(user, pass); err != nil {
		c.Quit()
		return nil, err
	}
	return c, nil
}

func (n *node) root(t *testing.T) *goftp.ServerConn {
	return n.dial(t, testenv.AccessKey, testenv.SecretKey)
}

// bucket makes a bucket through S3.
func (n *node) bucket(t *testing.T, name string) {
	t.Helper()
	if _, err := n.s3.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
}

// object reads an object through S3.
func (n *node) object(t *testing.T, bucket, key string) ([]byte, error) {
	t.Helper()
	out, err := n.s3.GetObject(context.Background(), &s3.GetObjectInput{Bucket: &bucket, Key: &key})
	if err != nil {
		return nil, err
	}
	defer out.Body.Close()
	return io.ReadAll(out.Body)
}

// keys lists a bucket through S3.
func (n *node) keys(t *testing.T, bucket, prefix string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	p := s3.NewListObjectsV2Paginator(n.s3, &s3.ListObjectsV2Input{Bucket: &bucket, Prefix: &prefix})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatalf("list %s: %v", bucket, err)
		}
		for _, o := range page.Contents {
			out[*o.Key] = *o.Size
		}
	}
	return out
}

// wantObject checks an object's content through S3.
func (n *node) wantObject(t *testing.T, bucket, key string, want []byte) {
	t.Helper()
	got, err := n.object(t, bucket, key)
	if err != nil {
		t.Fatalf("S3 GET %s/%s: %v", bucket, key, err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("S3 GET %s/%s: %d bytes, want %d (equal prefix %v)", bucket, key, len(got), len(want),
			bytes.HasPrefix(want, got))
	}
}

// wantNoObject checks that S3 has no object at key.
func (n *node) wantNoObject(t *testing.T, bucket, key string) {
	t.Helper()
	_, err := n.object(t, bucket, key)
	var nk interface{ ErrorCode() string }
	if err == nil || !errors.As(err, &nk) || nk.ErrorCode() != "NoSuchKey" {
		t.Fatalf("S3 GET %s/%s: %v, want NoSuchKey", bucket, key, err)
	}
}

func random(t *testing.T, n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// read returns a reader of RETR's answer: read(t)(c.Retr(p)).
func read(t *testing.T) func(*goftp.Response, error) []byte {
	return func(r *goftp.Response, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatalf("RETR: %v", err)
		}
		defer r.Close()
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("RETR read: %v", err)
		}
		return b
	}
}
