package sharding

import (
	"bytes"
	"cmp"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestSplitUnderLoad measures what a split costs the writes running
// beside it: it grows a bucket of one range to STRATA_SPLIT_LOAD objects,
// then keeps 32 writers of new keys going for 15 s, through one split of
// the range and 15 s after it, and reports the PUT rate by the split's
// step (splitShare) and how long the split took. It only runs when asked
// (scripts/split-load.sh) and asserts only that every PUT succeeded.
func TestSplitUnderLoad(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("STRATA_SPLIT_LOAD"))
	if n <= 0 {
		t.Skip("set STRATA_SPLIT_LOAD (scripts/split-load.sh)")
	}
	srv := testenv.Start(t, testenv.Options{Dir: os.Getenv("STRATA_SHARD_DIR"), Edit: func(c *server.Config) {
		c.Shards = server.ShardConfig{SplitGrace: time.Second} // the split job only resumes (SplitObjects 0); the test splits, under the split lock
		c.Logger = nil
	}})
	svc := srv.Objects
	// STRATA_SPLIT_DUTY sets the first copy pass's duty (1: no rest).
	duty, _ := strconv.ParseFloat(os.Getenv("STRATA_SPLIT_DUTY"), 64)
	svc.SetSplitOptions(object.SplitOptions{Grace: time.Second, CopyDuty: duty})
	const bucket = "load"
	if err := svc.CreateBucket(ctx, object.Bucket{Name: bucket, Account: "strata"}); err != nil {
		t.Fatal(err)
	}
	var next atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	write := func(upTo int64) {
		for range 32 {
			wg.Go(func() {
				for !stop.Load() {
					i := next.Add(1) - 1
					if upTo > 0 && i >= upTo {
						return
					}
					if _, err := svc.PutObject(ctx, bucket, scaleKey(int(i)), bytes.NewReader(nil), object.PutOptions{Size: 0}); err != nil {
						t.Errorf("put %d: %v", i, err)
						stop.Store(true)
						return
					}
				}
			})
		}
	}
	write(int64(n))
	wg.Wait()
	if t.Failed() {
		return
	}
	next.Store(int64(n))
	write(0)
	watch := watchSplits(t, svc, bucket, &next)
	time.Sleep(15 * time.Second)
	t0 := time.Now()
	if _, err := svc.SplitBucket(ctx, bucket, ""); err != nil {
		t.Error(err)
	}
	took := time.Since(t0)
	time.Sleep(15 * time.Second)
	stop.Store(true)
	wg.Wait()
	share := watch()
	t.Logf("SPLITLOAD objects=%d duty=%s split-took=%s %s", n, cmp.Or(os.Getenv("STRATA_SPLIT_DUTY"), "default"), took.Round(time.Millisecond), share)
}
