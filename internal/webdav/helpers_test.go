package webdav_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

var ctx = context.Background()

// node starts a node serving WebDAV on loopback, with one bucket.
func node(t *testing.T, bucket string) (*testenv.Server, string) {
	t.Helper()
	n := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.WebDAVAddr = "127.0.0.1:0" }})
	if _, err := n.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	return n, "http://" + n.ProtocolAddr("webdav")
}

// client sends WebDAV requests as one user.
type client struct {
	t        *testing.T
	base     string
	key, sec string
	agent    string
}

func newClient(t *testing.T, base, key, secret string) *client {
	return &client{t: t, base: base, key: key, sec: secret}
}

// do sends a request and returns the status, the headers and the body.
func (c *client) do(method, p, body string, hdr ...string) (int, http.Header, string) {
	c.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+p, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if c.key != "" {
		req.SetBasicAuth(c.key, c.sec)
	}
	if c.agent != "" {
		req.Header.Set("User-Agent", c.agent)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// want checks a status.
func (c *client) want(status int, method, p, body string, hdr ...string) (http.Header, string) {
	c.t.Helper()
	got, h, b := c.do(method, p, body, hdr...)
	if got != status {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, p, got, status, b)
	}
	return h, b
}

// s3Get reads an object through S3.
func s3Get(t *testing.T, n *testenv.Server, bucket, key string) string {
	t.Helper()
	out, err := n.S3().GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("S3 GET %s/%s: %v", bucket, key, err)
	}
	defer out.Body.Close()
	b, _ := io.ReadAll(out.Body)
	return string(b)
}

func s3Put(t *testing.T, n *testenv.Server, bucket, key, body string) {
	t.Helper()
	if _, err := n.S3().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader([]byte(body))}); err != nil {
		t.Fatal(err)
	}
}

func headInput(bucket, key string) *s3.HeadObjectInput {
	return &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
}
