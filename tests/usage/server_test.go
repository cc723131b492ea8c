package usagetest

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/usage"
)

// TestUsageExact runs a known workload of two accounts on three buckets
// against a real server with aws-sdk-go-v2 clients, restarts the server
// cleanly halfway, and checks that the usage report matches the
// requests made and the bytes each client sent and received, exactly.
// A request another account makes and is refused is charged to nobody.
func TestUsageExact(t *testing.T) {
	start := time.Now()
	cfg := testenv.NodeConfig(t, testenv.Options{})
	n, err := server.Start(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	ep := n.URL()
	root := server.RootAccount
	wRoot := &want{account: root, t: &tally{}}
	wAlt := &want{account: "alt", t: &tally{}}
	w1 := &want{account: root, bucket: "alpha", t: &tally{}}
	w2 := &want{account: "alt", bucket: "beta", t: &tally{}}
	w3 := &want{account: "alt", bucket: "gamma", t: &tally{}}
	createBucket(t, client(ep, testenv.AccessKey, testenv.SecretKey, wRoot.t), wRoot, "alpha")
	createBucket(t, client(ep, testenv.AltAccessKey, testenv.AltSecretKey, wAlt.t), wAlt, "beta")
	createBucket(t, client(ep, testenv.AltAccessKey, testenv.AltSecretKey, wAlt.t), wAlt, "gamma")
	phase := func(first int) {
		for i, w := range []*want{w1, w2, w3} {
			ak, sk := testenv.AltAccessKey, testenv.AltSecretKey
			if w.account == root {
				ak, sk = testenv.AccessKey, testenv.SecretKey
			}
			if err := workload(client(ep, ak, sk, w.t), w, first, 8+4*i, int64(first+i)); err != nil {
				t.Fatal(err)
			}
		}
	}
	phase(0)
	// Refused: alt reading root's bucket.
	_, err = testenv.S3Client(ep, testenv.AltAccessKey, testenv.AltSecretKey).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("alpha"), Key: aws.String(key(0))})
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "AccessDenied" {
		t.Fatalf("cross-account GET: %v", err)
	}
	check(t, rows(t, http.DefaultClient, testenv.AccessKey, testenv.SecretKey, []string{ep}, ep, start), []want{*wRoot, *wAlt, *w1, *w2, *w3})
	if t.Failed() {
		return
	}
	// Counted but not flushed yet when the server stops: Close flushes,
	// or the next start replays.
	if err := workload(client(ep, testenv.AccessKey, testenv.SecretKey, w1.t), w1, 100, 5, 7); err != nil {
		t.Fatal(err)
	}
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	n, err = server.Start(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	ep = n.URL()
	phase(200)
	check(t, rows(t, http.DefaultClient, testenv.AccessKey, testenv.SecretKey, []string{ep}, ep, start), []want{*wRoot, *wAlt, *w1, *w2, *w3})
	// An account's root reads its own account's usage, and only that,
	// whatever it asks; flushing is the administrator's.
	b, err := testenv.AdminAs(ctx, ep, testenv.AltAccessKey, testenv.AltSecretKey, "GET",
		usage.APIPath+"?account=root&from="+start.UTC().Format("2006-01-02T15"), nil)
	if err != nil {
		t.Fatal(err)
	}
	var rep usage.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]usage.Traffic{}
	for _, r := range rep.Rows {
		got[r.Account+"/"+r.Bucket] = r.Traffic
	}
	check(t, got, []want{*wAlt, *w2, *w3})
	if _, err := testenv.AdminAs(ctx, ep, testenv.AltAccessKey, testenv.AltSecretKey, "POST", usage.APIPath+"/flush", nil); err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("alt flushed: %v", err)
	}
}
