package cluster

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/strata-storage/strata/internal/testenv"
)

// BenchmarkSmallPuts measures 4 KiB PUTs from 8 clients over the 3
// gateways of an in-process cluster: the cost of the usage counters (a
// slot read and write in each commit transaction on etcd) shows against
// a build without them.
func BenchmarkSmallPuts(b *testing.B) {
	c := testenv.StartCluster(b, testenv.ClusterOptions{Nodes: 3, Policy: "SINGLE"})
	mkBucket(b, c.S3(0), "bench")
	benchPuts(b, c, "bench")
}

func benchPuts(b *testing.B, c *testenv.Cluster, bucket string) {
	data := randomBytes(1, 4<<10)
	var seq atomic.Int64
	b.SetParallelism(4) // 4 clients per CPU: 8 on this 2-core machine
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := seq.Add(1)
			if err := put(c.S3(int(i%3)), bucket, fmt.Sprint("k", i), data, ""); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
