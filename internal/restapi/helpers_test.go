package restapi_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/testenv"
)

// client calls the API of one test server with one set of keys.
type client struct {
	t        testing.TB
	endpoint string
	ak, sk   string
}

func rootClient(t testing.TB, s *testenv.Server) *client {
	return &client{t: t, endpoint: s.URL(), ak: testenv.AccessKey, sk: testenv.SecretKey}
}

func (c *client) as(ak, sk string) *client {
	return &client{t: c.t, endpoint: c.endpoint, ak: ak, sk: sk}
}

// do sends a signed call (unsigned when ak is "") and returns the status
// and the body. A non-nil body that is not []byte is sent as JSON.
func (c *client) do(method, path string, body any) (int, []byte) {
	c.t.Helper()
	var b []byte
	switch v := body.(type) {
	case nil:
	case []byte:
		b = v
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			c.t.Fatal(err)
		}
	}
	ctx := context.Background()
	req, err := http.NewRequestWithContext(ctx, method, c.endpoint+restapi.Prefix+path, bytes.NewReader(b))
	if err != nil {
		c.t.Fatal(err)
	}
	if c.ak != "" {
		sum := sha256.Sum256(b)
		hash := hex.EncodeToString(sum[:])
		req.Header.Set("X-Amz-Content-Sha256", hash)
		if err := v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: c.ak, SecretAccessKey: c.sk}, req, hash, "s3", "us-east-1", time.Now()); err != nil {
			c.t.Fatal(err)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp.StatusCode, out
}

// ok sends a call that must answer 200 and decodes its JSON into out.
func (c *client) ok(method, path string, body, out any) {
	c.t.Helper()
	st, b := c.do(method, path, body)
	if st != http.StatusOK {
		c.t.Fatalf("%s %s: %d %s", method, path, st, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			c.t.Fatalf("%s %s: %v in %s", method, path, err, b)
		}
	}
}

// fails sends a call that must fail with status and code, and checks the
// error's shape.
func (c *client) fails(method, path string, body any, status int, code string) restapi.Error {
	c.t.Helper()
	st, b := c.do(method, path, body)
	var e restapi.Error
	if err := json.Unmarshal(b, &e); err != nil {
		c.t.Fatalf("%s %s: %d, not a JSON error: %s", method, path, st, b)
	}
	if st != status || e.Code != code || e.RequestID == "" || e.Message == "" {
		c.t.Fatalf("%s %s: got %d %s, want %d %s with a message and a request id", method, path, st, b, status, code)
	}
	return e
}
