package s3test

import (
	"crypto/md5"
	"io"
	"math/rand"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestFiveGiBStreamed PUTs and GETs a 5 GiB object through a real client
// while sampling the heap of this process (client and server both): the
// object must stream, never be buffered.
func TestFiveGiBStreamed(t *testing.T) {
	if testing.Short() {
		t.Skip("5 GiB test")
	}
	s, _, b := node(t, testenv.Options{})
	mc := s.Minio(t)
	const size = 5 << 30
	stop := heapSampler()
	src := md5.New()
	body := io.TeeReader(io.LimitReader(rand.New(rand.NewSource(5)), size), src)
	start := time.Now()
	if _, err := mc.PutObject(ctx, b, "five", body, size, minio.PutObjectOptions{DisableMultipart: true}); err != nil {
		t.Fatal(err)
	}
	putTime := time.Since(start)
	start = time.Now()
	obj, err := mc.GetObject(ctx, b, "five", minio.GetObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dst := md5.New()
	n, err := io.Copy(dst, obj)
	obj.Close()
	getTime := time.Since(start)
	max := stop()
	if err != nil || n != size {
		t.Fatalf("GET: %d bytes, %v", n, err)
	}
	if string(src.Sum(nil)) != string(dst.Sum(nil)) {
		t.Fatal("5 GiB object read back differs")
	}
	t.Logf("5 GiB: PUT %.0f MiB/s, GET %.0f MiB/s, peak live heap %d MiB", size/putTime.Seconds()/(1<<20), size/getTime.Seconds()/(1<<20), max>>20)
	if max > 256<<20 {
		t.Fatalf("peak live heap %d MiB: the object is being buffered", max>>20)
	}
}

// heapSampler samples the live heap (what the last collection marked)
// every 100 ms until stop is called. Not HeapInuse: the server keeps the
// collector's heap goal at a floor of up to 1 GiB (internal/gcfloor), so
// garbage alone may fill that much; an object being buffered is live, and
// once the heap passes the goal a collection marks it.
func heapSampler() func() uint64 {
	done := make(chan struct{})
	out := make(chan uint64, 1)
	go func() {
		var max uint64
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				out <- max
				return
			case <-t.C:
				metrics.Read(live)
				if v := live[0].Value.Uint64(); v > max {
					max = v
				}
			}
		}
	}()
	return func() uint64 { close(done); return <-out }
}
