package eventstest

import (
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/fn"
	"github.com/strata-storage/strata/internal/testenv"
)

// The benchmarks measure the figures of the events and functions issue;
// run them with, e.g.:
//
//	go test -run x -bench . -benchtime 1000x ./tests/events/
//
// Each reports its own metrics (p50/p99 lag, invocations/s, images/s).

// target is where a benchmark writes and reads records.
type target struct {
	url    string
	ak, sk string
	s3s    []*s3.Client
}

func embedded(b *testing.B) target {
	s := testenv.Start(b, testenv.Options{})
	return target{url: s.URL(), ak: testenv.AccessKey, sk: testenv.SecretKey, s3s: []*s3.Client{s.S3()}}
}

func fourNodes(b *testing.B) target {
	lc := testenv.StartLocalCluster(b, testenv.LocalOptions{Nodes: 4})
	n, _, _ := lc.File.Node("node1")
	var cs []*s3.Client
	for _, name := range []string{"node1", "node2", "node3", "node4"} {
		cs = append(cs, lc.S3(name))
	}
	return target{url: n.S3, ak: lc.Root.AccessKey, sk: lc.Root.SecretKey, s3s: cs}
}

func (tg target) admin(b *testing.B, method, path string, body any) []byte {
	var raw []byte
	if body != nil {
		raw, _ = json.Marshal(body)
	}
	out, err := testenv.AdminAs(ctx, tg.url, tg.ak, tg.sk, method, path, raw)
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func (tg target) records(b *testing.B, name string) []fn.Record {
	var recs []fn.Record
	json.Unmarshal(tg.admin(b, "GET", "/_strata/api/v1/functions/"+name+"/logs?limit=1000000", nil), &recs)
	return recs
}

func (tg target) waitRecords(b *testing.B, name string, n int, within time.Duration) []fn.Record {
	deadline := time.Now().Add(within)
	for {
		recs := tg.records(b, name)
		if len(recs) >= n {
			return recs
		}
		if time.Now().After(deadline) {
			b.Fatalf("%d of %d invocations", len(recs), n)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (tg target) deployTrivial(b *testing.B, bucket string, concurrency int) {
	mkBucketB(b, tg.s3s[0], bucket)
	mod := module(b, "trivial")
	tg.admin(b, "PUT", "/_strata/api/v1/functions/trivial", map[string]any{"manifest": map[string]any{"name": "trivial", "concurrency": concurrency,
		"triggers": []map[string]any{{"events": []string{"s3:ObjectCreated:*"}, "bucket": bucket}}}, "module": readFile(b, mod)})
	tg.warm(b, "trivial")
}

// warm compiles the module on every agent and lets the deliverers start
// the new lanes, so that the measure is of the steady state (the cold
// start is measured by the wasm runtime's benchmarks).
func (tg target) warm(b *testing.B, name string) {
	for range 2 * len(tg.s3s) {
		tg.admin(b, "POST", "/_strata/api/v1/functions/"+name+"/invoke", []byte("{}"))
	}
	time.Sleep(1500 * time.Millisecond)
}

func percentile(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	sort.Float64s(v)
	return v[min(len(v)-1, int(p*float64(len(v))))]
}

// latency: one write every 20 ms, the time from each event's commit to
// the start of its invocation.
func latency(b *testing.B, tg target) {
	tg.deployTrivial(b, "lat", 4)
	b.ResetTimer()
	for i := range b.N {
		putB(b, tg.s3s[i%len(tg.s3s)], "lat", fmt.Sprintf("k%06d", i), []byte("x"))
		time.Sleep(20 * time.Millisecond)
	}
	recs := tg.waitRecords(b, "trivial", b.N+2*len(tg.s3s), time.Minute)
	b.StopTimer()
	var lags []float64
	for _, r := range recs {
		if r.Event != "Invoke" {
			lags = append(lags, r.Lag)
		}
	}
	b.ReportMetric(percentile(lags, 0.50), "p50-ms")
	b.ReportMetric(percentile(lags, 0.99), "p99-ms")
}

func BenchmarkEventLatencyEmbedded(b *testing.B) { latency(b, embedded(b)) }
func BenchmarkEventLatency4Nodes(b *testing.B)   { latency(b, fourNodes(b)) }

// throughput: b.N writes by 16 writers; invocations per second from the
// first invocation's start to the last one's end.
func throughput(b *testing.B, tg target) {
	tg.deployTrivial(b, "tput", 16)
	b.ResetTimer()
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := tg.s3s[w%len(tg.s3s)]
			for i := next.Add(1) - 1; i < int64(b.N); i = next.Add(1) - 1 {
				putB(b, c, "tput", fmt.Sprintf("k%07d", i), []byte("x"))
			}
		}()
	}
	wg.Wait()
	recs := tg.waitRecords(b, "trivial", b.N+2*len(tg.s3s), 10*time.Minute)
	b.StopTimer()
	recs = eventRuns(recs)
	first, last := recs[0].Start, recs[0].Start
	for _, r := range recs {
		end := r.Start.Add(time.Duration(r.Duration * float64(time.Millisecond)))
		if r.Start.Before(first) {
			first = r.Start
		}
		if end.After(last) {
			last = end
		}
	}
	b.ReportMetric(float64(len(recs))/last.Sub(first).Seconds(), "invocations/s")
}

func BenchmarkInvocationsEmbedded(b *testing.B) { throughput(b, embedded(b)) }
func BenchmarkInvocations4Nodes(b *testing.B)   { throughput(b, fourNodes(b)) }

// thumbnails: b.N PNG photos (640x480) written by 8 writers; images per
// second from the first write to the last thumbnail.
func thumbnails(b *testing.B, tg target) {
	mkBucketB(b, tg.s3s[0], "photos")
	m := exampleManifestB(b, "thumbnail")
	tg.admin(b, "PUT", "/_strata/api/v1/functions/thumbnail", map[string]any{"manifest": m, "module": readFile(b, module(b, "thumbnail"))})
	tg.warm(b, "thumbnail")
	img := pngImage(b, 640, 480)
	b.SetBytes(int64(len(img)))
	b.ResetTimer()
	start := time.Now()
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := tg.s3s[w%len(tg.s3s)]
			for i := next.Add(1) - 1; i < int64(b.N); i = next.Add(1) - 1 {
				putB(b, c, "photos", fmt.Sprintf("in/%06d.png", i), img)
			}
		}()
	}
	wg.Wait()
	recs := eventRuns(tg.waitRecords(b, "thumbnail", b.N+2*len(tg.s3s), 30*time.Minute))
	b.StopTimer()
	last := start
	for _, r := range recs {
		if r.Result != fn.ResultOK {
			b.Fatalf("thumbnail failed: %+v", r)
		}
		if end := r.Start.Add(time.Duration(r.Duration * float64(time.Millisecond))); end.After(last) {
			last = end
		}
	}
	b.ReportMetric(float64(b.N)/last.Sub(start).Seconds(), "images/s")
}

func BenchmarkThumbnailsEmbedded(b *testing.B) { thumbnails(b, embedded(b)) }
func BenchmarkThumbnails4Nodes(b *testing.B)   { thumbnails(b, fourNodes(b)) }

// eventRuns drops the warm-up invocations.
func eventRuns(recs []fn.Record) []fn.Record {
	var out []fn.Record
	for _, r := range recs {
		if r.Event != "Invoke" {
			out = append(out, r)
		}
	}
	return out
}
