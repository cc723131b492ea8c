package object

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkListObjects lists pages of 1,000 keys from random markers, as
// the scale test's LIST phase does (scripts/shard-scale.sh), in a bucket
// of empty objects and in one of 1 KiB objects kept inline in their
// records, each PUT with a Content-Type. keys/s is per CPU second.
func BenchmarkListObjects(b *testing.B) {
	const keys = 5000
	for _, size := range []int{0, 1024} {
		b.Run(fmt.Sprintf("size=%d", size), func(b *testing.B) {
			e := newEnv(b, 1, "SINGLE")
			body := data(size, 1)
			for i := range keys {
				if _, err := e.svc.PutObject(ctx, "b", fmt.Sprintf("k%06d", i), bytes.NewReader(body),
					PutOptions{Size: int64(size), Headers: map[string]string{"Content-Type": "application/octet-stream"}}); err != nil {
					b.Fatal(err)
				}
			}
			r := rand.New(rand.NewPCG(1, 2))
			b.ReportAllocs()
			listed, cpu0 := 0, cpuTime()
			for b.Loop() {
				res, err := e.svc.ListObjects(ctx, "b", ListOptions{Marker: fmt.Sprintf("k%06d", r.IntN(keys-1000)), MaxKeys: 1000})
				if err != nil || len(res.Objects) != 1000 {
					b.Fatalf("%d keys, %v", len(res.Objects), err)
				}
				listed += len(res.Objects)
			}
			b.ReportMetric(float64(listed)/(float64(cpuTime()-cpu0)/1e9), "keys/cpu-s")
		})
	}
}
