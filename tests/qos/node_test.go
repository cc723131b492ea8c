package qostest

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/qos"
	"github.com/strata-storage/strata/internal/testenv"
)

// A rate too slow to refill during a test: the burst alone decides, so
// the counts below do not depend on timing.
const trickle = 0.0001

// TestAccountSlowDown: the limited account gets SlowDown once its burst
// is spent, before any work (a refused PUT writes nothing), while another
// account at the same time is not limited; removing the limit applies at
// once.
func TestAccountSlowDown(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root := client(s.URL(), testenv.AccessKey, testenv.SecretKey)
	alt := client(s.URL(), testenv.AltAccessKey, testenv.AltSecretKey)
	mkBucket(t, root, "root-b")
	mkBucket(t, alt, "alt-b")
	setLimit(t, s.QoS(), qos.Scope{Kind: qos.Account, Name: "alt"}, qos.Limit{Requests: trickle, Burst: 5})

	if got := count(t, alt, "alt-b", 5); got != 5 {
		t.Fatalf("alt within its burst: %d of 5 passed", got)
	}
	for range 5 {
		if ok, err := list(alt, "alt-b"); ok || err != nil {
			t.Fatalf("alt over its limit: passed=%v err=%v, want SlowDown", ok, err)
		}
		if got := count(t, root, "root-b", 10); got != 10 {
			t.Fatalf("root while alt is limited: %d of 10 passed", got)
		}
	}
	if err := put(alt, "alt-b", "k", []byte("data")); !isSlowDown(err) {
		t.Fatalf("alt PUT over its limit: %v, want SlowDown", err)
	}
	if _, err := root.HeadObject(ctx, &s3.HeadObjectInput{Bucket: str("alt-b"), Key: str("k")}); err == nil {
		t.Fatal("a refused PUT wrote its object")
	}
	if testenv.ReadMetrics(t, s.URL()).By("strata_qos_refused_total", "scope")["account/alt"] == 0 {
		t.Fatal("no refusal counted in /_strata/metrics")
	}
	if err := s.QoS().Store().Delete(ctx, qos.Scope{Kind: qos.Account, Name: "alt"}); err != nil {
		t.Fatal(err)
	}
	if err := put(alt, "alt-b", "k", []byte("data")); err != nil {
		t.Fatalf("alt PUT once the limit is removed: %v", err)
	}
}

// TestBucketSlowDown: a bucket's limit applies to whoever addresses it,
// and not to the same account's other buckets.
func TestBucketSlowDown(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root := client(s.URL(), testenv.AccessKey, testenv.SecretKey)
	alt := client(s.URL(), testenv.AltAccessKey, testenv.AltSecretKey)
	mkBucket(t, root, "hot")
	mkBucket(t, root, "cold")
	setLimit(t, s.QoS(), qos.Scope{Kind: qos.Bucket, Name: "hot"}, qos.Limit{Requests: trickle, Burst: 3})

	if got := count(t, root, "hot", 6); got != 3 {
		t.Fatalf("hot: %d of 6 passed, want the burst 3", got)
	}
	if got := count(t, root, "cold", 20); got != 20 {
		t.Fatalf("cold: %d of 20 passed", got)
	}
	// Another account is refused on hot too: before authorization, which
	// would have answered AccessDenied.
	if _, err := alt.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: str("hot")}); !isSlowDown(err) {
		t.Fatalf("alt on hot: %v, want SlowDown", err)
	}
}

// TestBandwidthThrottles: an upload and a download over their account's
// byte rate are slowed to it (never refused mid-stream), and arrive
// whole. Only lower bounds on time are asserted: throttling can only
// make a transfer slower.
func TestBandwidthThrottles(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	alt := client(s.URL(), testenv.AltAccessKey, testenv.AltSecretKey)
	mkBucket(t, alt, "bw-b")
	const rate = 256 << 10
	setLimit(t, s.QoS(), qos.Scope{Kind: qos.Account, Name: "alt"}, qos.Limit{BytesIn: rate, BytesOut: rate})
	body := bytes.Repeat([]byte("0123456789abcdef"), 3*rate/16) // 3 s of budget, 1 s of burst

	start := time.Now()
	if err := put(alt, "bw-b", "big", body); err != nil {
		t.Fatal(err)
	}
	up := time.Since(start)
	start = time.Now()
	out, err := alt.GetObject(ctx, &s3.GetObjectInput{Bucket: str("bw-b"), Key: str("big")})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(out.Body)
	out.Body.Close()
	down := time.Since(start)
	if err != nil || !bytes.Equal(got, body) {
		t.Fatalf("download: %d bytes, %v", len(got), err)
	}
	t.Logf("768 KiB at 256 KiB/s (1 s burst): upload %v, download %v", up, down)
	// (size − burst) / rate = 2 s, less a little for the clocks' grain.
	if up < 1900*time.Millisecond || down < 1900*time.Millisecond {
		t.Fatalf("upload %v, download %v: faster than the limit allows (2 s)", up, down)
	}
}

func str(s string) *string { return &s }
