package qostest

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/qos"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestQoSLoad measures, outside the default tests (scripts/qos-load.sh
// runs it): account alt limited to 50 req/s is offered 500 GET/s while
// root is offered 100 GET/s at the same time. It reports the rates that
// passed and were refused, and root's latencies. Figures only: it fails
// on errors, not on time.
//
//	STRATA_QOS_LOAD=1                  run it
//	STRATA_QOS_LOAD_SECONDS=20         length of the run
//	STRATA_QOS_LOAD_GATEWAYS=1         1: one node; 3: a 3-gateway in-process cluster, requests spread over the gateways
func TestQoSLoad(t *testing.T) {
	if os.Getenv("STRATA_QOS_LOAD") == "" {
		t.Skip("a measurement: set STRATA_QOS_LOAD=1 (scripts/qos-load.sh)")
	}
	secs := envInt("STRATA_QOS_LOAD_SECONDS", 20)
	gws := envInt("STRATA_QOS_LOAD_GATEWAYS", 1)
	var urls []string
	var limiter *qos.Limiter
	if gws == 1 {
		s := testenv.Start(t, testenv.Options{})
		urls, limiter = []string{s.URL()}, s.QoS()
	} else {
		c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: gws})
		for i := range gws {
			urls = append(urls, c.Node(i).URL())
		}
		limiter = c.Node(0).QoS()
	}
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 512, MaxIdleConns: 1024}}
	mk := func(ak, sk string) []*s3.Client {
		var cs []*s3.Client
		for _, u := range urls {
			cs = append(cs, s3.New(s3.Options{BaseEndpoint: aws.String(u), Region: "us-east-1",
				Credentials: credentials.NewStaticCredentialsProvider(ak, sk, ""), UsePathStyle: true,
				Retryer: aws.NopRetryer{}, HTTPClient: hc}))
		}
		return cs
	}
	roots, alts := mk(testenv.AccessKey, testenv.SecretKey), mk(testenv.AltAccessKey, testenv.AltSecretKey)
	obj := bytes.Repeat([]byte("x"), 1024)
	mkBucket(t, roots[0], "root-load")
	mkBucket(t, alts[0], "alt-load")
	if err := put(roots[0], "root-load", "obj", obj); err != nil {
		t.Fatal(err)
	}
	if err := put(alts[0], "alt-load", "obj", obj); err != nil {
		t.Fatal(err)
	}
	const limit = 50
	setLimit(t, limiter, qos.Scope{Kind: qos.Account, Name: "alt"}, qos.Limit{Requests: limit})
	time.Sleep(2 * time.Second) // every gateway has the limit and its share

	dur := time.Duration(secs) * time.Second
	start := time.Now().Add(100 * time.Millisecond)
	var wg sync.WaitGroup
	var altRes, rootRes *loadResult
	wg.Add(2)
	go func() { defer wg.Done(); altRes = offer(t, alts, "alt-load", 500, start, dur) }()
	go func() { defer wg.Done(); rootRes = offer(t, roots, "root-load", 100, start, dur) }()
	wg.Wait()

	d := dur.Seconds()
	steady := func(r *loadResult) float64 { // passed/s after the first second (the burst)
		n := 0
		for _, at := range r.okAt {
			if at >= time.Second {
				n++
			}
		}
		return float64(n) / (d - 1)
	}
	t.Logf("gateways=%d seconds=%d limit(alt)=%d req/s", gws, secs, limit)
	t.Logf("alt:  offered %.1f/s  passed %.1f/s (steady, after 1 s: %.1f/s, %+.1f%% of the limit)  SlowDown %.1f/s  other errors %d  p50 %v p99 %v",
		float64(altRes.sent)/d, float64(len(altRes.okAt))/d, steady(altRes), 100*(steady(altRes)-limit)/limit,
		float64(altRes.slow)/d, altRes.errs, altRes.pct(50), altRes.pct(99))
	t.Logf("root: offered %.1f/s  passed %.1f/s  SlowDown %d  other errors %d  p50 %v p99 %v",
		float64(rootRes.sent)/d, float64(len(rootRes.okAt))/d, rootRes.slow, rootRes.errs, rootRes.pct(50), rootRes.pct(99))
	if altRes.errs+rootRes.errs > 0 || rootRes.slow > 0 {
		t.Fatalf("errors: alt %d, root %d (+%d SlowDown)", altRes.errs, rootRes.errs, rootRes.slow)
	}
}

type loadResult struct {
	mu         sync.Mutex
	sent, slow int
	errs       int
	okAt       []time.Duration // when each passed request was sent, from the start
	lat        []time.Duration // latency of the passed requests
	firstErr   error
}

func (r *loadResult) pct(p int) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	slices.Sort(r.lat)
	return r.lat[min(len(r.lat)-1, len(r.lat)*p/100)]
}

// offer sends GETs open-loop at rate per second for dur, spread over the
// clients in turn, and sorts the answers.
func offer(t *testing.T, cs []*s3.Client, bucket string, rate int, start time.Time, dur time.Duration) *loadResult {
	res := &loadResult{}
	jobs := make(chan time.Time, 4096)
	var wg sync.WaitGroup
	for w := range 128 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := cs[w%len(cs)]
			for at := range jobs {
				sent := time.Now()
				out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: str("obj")})
				if err == nil {
					_, err = io.Copy(io.Discard, out.Body)
					out.Body.Close()
				}
				lat := time.Since(sent)
				res.mu.Lock()
				switch {
				case err == nil:
					res.okAt = append(res.okAt, at.Sub(start))
					res.lat = append(res.lat, lat)
				case isSlowDown(err):
					res.slow++
				default:
					res.errs++
					if res.firstErr == nil {
						res.firstErr = err
						t.Logf("%s: %v", bucket, err)
					}
				}
				res.mu.Unlock()
			}
		}()
	}
	interval := time.Second / time.Duration(rate)
	n := int(dur / interval)
	for i := range n {
		at := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(at))
		jobs <- at
		res.sent++
	}
	close(jobs)
	wg.Wait()
	return res
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
