package usagetest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/usage"
)

var ctx = context.Background()

// tally counts, on the client side, the body bytes a client sent and
// received, round trip by round trip (the client never retries, so a
// round trip is one request the server answered).
type tally struct {
	mu      sync.Mutex
	in, out int64 // as the server sees them: in = request bodies, out = response bodies
	rt      http.RoundTripper
}

func (t *tally) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil && req.Body != http.NoBody {
		req.Body = &countReader{ReadCloser: req.Body, t: t, in: true}
	}
	resp, err := t.rt.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Body = &countReader{ReadCloser: resp.Body, t: t}
	return resp, nil
}

func (t *tally) bytes() (in, out int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.in, t.out
}

// add adds u's bytes to t.
func (t *tally) add(u *tally) {
	in, out := u.bytes()
	t.mu.Lock()
	t.in += in
	t.out += out
	t.mu.Unlock()
}

type countReader struct {
	io.ReadCloser
	t  *tally
	in bool
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	c.t.mu.Lock()
	if c.in {
		c.t.in += int64(n)
	} else {
		c.t.out += int64(n)
	}
	c.t.mu.Unlock()
	return n, err
}

// client is an aws-sdk-go-v2 client (default checksums, as users run
// it) that never retries and counts its bytes in t.
func client(endpoint, ak, sk string, t *tally) *s3.Client {
	if t.rt == nil {
		t.rt = &http.Transport{}
	}
	return s3.New(s3.Options{
		BaseEndpoint: aws.String(endpoint),
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(ak, sk, ""),
		UsePathStyle: true,
		HTTPClient:   &http.Client{Transport: t},
		Retryer:      aws.NopRetryer{},
	})
}

// drain reads a GetObject body to the end, so that the tally sees it.
func drain(t *testing.T, out *s3.GetObjectOutput, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, out.Body)
	out.Body.Close()
}

// want is the expected traffic of one account and bucket.
type want struct {
	account, bucket  string
	put, get, delete int64
	t                *tally
}

func (w want) traffic() usage.Traffic {
	in, out := w.t.bytes()
	return usage.Traffic{Put: w.put, Get: w.get, Delete: w.delete, BytesIn: in, BytesOut: out}
}

// rows flushes the gateways' spools (through endpoints) and reads the
// usage report of every account since from, by account and bucket.
func rows(t *testing.T, hc *http.Client, ak, sk string, endpoints []string, report string, from time.Time) map[string]usage.Traffic {
	t.Helper()
	for _, e := range endpoints {
		if _, err := testenv.AdminWith(ctx, hc, e, ak, sk, "POST", usage.APIPath+"/flush", nil); err != nil {
			t.Fatal(err)
		}
	}
	b, err := testenv.AdminWith(ctx, hc, report, ak, sk, "GET",
		usage.APIPath+"?from="+from.UTC().Format("2006-01-02T15"), nil)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Rows []usage.Row `json:"rows"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	out := map[string]usage.Traffic{}
	for _, row := range r.Rows {
		out[row.Account+"/"+row.Bucket] = row.Traffic
	}
	return out
}

// check compares the report with the expectations, exactly, and that
// the report has no other row.
func check(t *testing.T, got map[string]usage.Traffic, wants []want) {
	t.Helper()
	exp := map[string]usage.Traffic{}
	for _, w := range wants {
		exp[w.account+"/"+w.bucket] = w.traffic()
	}
	var keys []string
	for k := range exp {
		keys = append(keys, k)
	}
	for k := range got {
		if _, ok := exp[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if got[k] != exp[k] {
			t.Errorf("%-16s got  %+v\n%-16s want %+v", k, got[k], "", exp[k])
		} else {
			t.Logf("%-16s %+v", k, got[k])
		}
	}
}

func key(i int) string { return fmt.Sprintf("obj-%03d", i) }
