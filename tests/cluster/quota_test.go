package cluster

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/quota"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestQuotaThroughThreeGateways writes a bucket with a 100 MiB quota from
// 8 parallel clients spread over 3 gateways until every client is
// refused, and checks the stored usage ends at or below the quota plus
// the stated bound (see internal/quota/allowance.go: nothing unless a
// commit lands more than 10 s after its hold, and then at most each
// gateway's last reservation: 8 MiB plus its writes in flight, here
// 3 × 8 MiB + 8 × 1.5 MiB); the measured overshoot is logged.
func TestQuotaThroughThreeGateways(t *testing.T) {
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 3, Policy: "SINGLE"})
	mkBucket(t, c.S3(0), "quota")
	const limit = 100 << 20
	bucket := quota.Scope{Kind: quota.Bucket, Name: "quota"}
	if err := c.Node(0).Quotas().Set(ctx, quota.Quota{Scope: bucket, Limits: quota.Limits{MaxBytes: limit}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "every gateway sees the quota", 10*time.Second, func() bool {
		for i := range c.Nodes {
			if _, ok := c.Node(i).Quotas().Limits(bucket); !ok {
				return false
			}
		}
		return true
	})
	var (
		mu       sync.Mutex
		accepted int64
		refused  int
		wg       sync.WaitGroup
	)
	start := time.Now()
	for cl := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s3c := c.S3(cl % 3)
			misses := 0
			for i := 0; misses < 3 && i < 1000; i++ {
				n := 512<<10 + (cl*131+i*977)%(1<<20) // 0.5 to 1.5 MiB, not dividing the quota
				err := put(s3c, "quota", fmt.Sprintf("c%d/%d", cl, i), randomBytes(uint64(cl*1000+i), n), "")
				switch {
				case err == nil:
					mu.Lock()
					accepted += int64(n)
					mu.Unlock()
				case strings.Contains(err.Error(), "QuotaExceeded"):
					mu.Lock()
					refused++
					mu.Unlock()
					misses++
					time.Sleep(300 * time.Millisecond) // let a refusal's cache lapse and others' reservations move
				default:
					t.Errorf("client %d: %v", cl, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	// The sharded counters, updated by three gateways' parallel commits
	// on etcd, equal a recount and what the clients were told.
	counted, err := c.Node(1).Objects.BucketUsage(ctx, "quota")
	if err != nil {
		t.Fatal(err)
	}
	u, err := c.Node(2).Objects.RecountUsage(ctx, "quota")
	if err != nil {
		t.Fatal(err)
	}
	if u.LogicalBytes != accepted || counted.LogicalBytes != accepted || counted.Objects != u.Objects {
		t.Fatalf("counters %+v, recount %+v, clients had %d bytes accepted", counted, u, accepted)
	}
	bound := 3*quota.DefaultConfig().GrantBytes + 8*(3<<19)
	over := u.LogicalBytes - limit
	t.Logf("quota %d MiB: stored %d bytes (%.2f%% of the quota), overshoot %d bytes (bound %d), %d refusals, %v",
		limit>>20, u.LogicalBytes, 100*float64(u.LogicalBytes)/limit, max(0, over), bound, refused, elapsed.Round(time.Millisecond))
	if over > bound {
		t.Fatalf("overshoot %d beyond the bound %d", over, bound)
	}
	if u.LogicalBytes < limit*9/10 {
		t.Fatalf("only %d bytes stored: the gateways' reservations starved the writers", u.LogicalBytes)
	}
}

// BenchmarkSmallPutsQuota is BenchmarkSmallPuts under a bucket quota
// far from full: the allowance path (a reservation every 1,000 objects
// or 8 MiB per gateway) on top of the counters.
func BenchmarkSmallPutsQuota(b *testing.B) {
	c := testenv.StartCluster(b, testenv.ClusterOptions{Nodes: 3, Policy: "SINGLE"})
	mkBucket(b, c.S3(0), "bench")
	scope := quota.Scope{Kind: quota.Bucket, Name: "bench"}
	if err := c.Node(0).Quotas().Set(ctx, quota.Quota{Scope: scope, Limits: quota.Limits{MaxBytes: 1 << 40, MaxObjects: 1 << 30}}); err != nil {
		b.Fatal(err)
	}
	for i := range c.Nodes {
		for {
			if _, ok := c.Node(i).Quotas().Limits(scope); ok {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	benchPuts(b, c, "bench")
}
