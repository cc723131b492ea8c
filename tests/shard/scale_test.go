package sharding

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	pprofile "github.com/google/pprof/profile"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/testenv"
)

// scaleKey spreads keys over the key space (a hashed prefix), so every
// range grows and splits, as real buckets with varied prefixes do.
func scaleKey(i int) string {
	h := fnv.New32a()
	fmt.Fprint(h, i)
	return fmt.Sprintf("%08x/obj%010d", h.Sum32(), i)
}

// TestShardScale grows one bucket to STRATA_SHARD_SCALE objects (0-byte,
// through object.Service in-process: the real write path without HTTP)
// while the split job runs, and reports PUT, GET and LIST rates at each
// checkpoint of STRATA_SHARD_CHECKPOINTS. It only runs when asked
// (scripts/shard-scale.sh); it reports figures and asserts only that
// nothing is lost. With STRATA_SHARD_RESUME=1 and the STRATA_SHARD_DIR of
// an earlier run that was stopped (killed, even mid-write), it reopens that
// store and goes on from the objects it holds (resumeFrom); a store that
// holds a checkpoint's objects exactly has its reads measured again.
func TestShardScale(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("STRATA_SHARD_SCALE"))
	if n <= 0 {
		t.Skip("set STRATA_SHARD_SCALE (scripts/shard-scale.sh)")
	}
	var checks []int
	for _, f := range strings.Split(os.Getenv("STRATA_SHARD_CHECKPOINTS"), ",") {
		if c, err := strconv.Atoi(f); err == nil && c > 0 && c <= n {
			checks = append(checks, c)
		}
	}
	if len(checks) == 0 || checks[len(checks)-1] != n {
		checks = append(checks, n)
	}
	split, _ := strconv.ParseInt(os.Getenv("STRATA_SHARD_SPLIT"), 10, 64)
	if split <= 0 {
		split = int64(n/8 + 1)
	}
	workers := 32
	stores, _ := strconv.Atoi(os.Getenv("STRATA_SHARD_STORES"))
	cacheMiB, _ := strconv.ParseInt(os.Getenv("STRATA_SHARD_CACHE_MIB"), 10, 64)
	srv := testenv.Start(t, testenv.Options{Dir: os.Getenv("STRATA_SHARD_DIR"), Edit: func(c *server.Config) {
		c.Shards = server.ShardConfig{SplitObjects: split, SplitEvery: 5 * time.Second, SplitGrace: time.Second}
		c.MetaShards = stores
		c.MetaCache = cacheMiB << 20 // 0: the server's default
		// Events stay in the outboxes: what the relay and the bus cost
		// the writes (a diagnostic; the outboxes grow meanwhile).
		c.EventsHold = os.Getenv("STRATA_SHARD_HOLD_EVENTS") == "1"
		c.Logger = nil
	}})
	svc := srv.Objects
	bucket := "scale"
	resume := os.Getenv("STRATA_SHARD_RESUME") == "1"
	if err := svc.CreateBucket(ctx, object.Bucket{Name: bucket, Account: "strata"}); err != nil && !(resume && strata.Is(err, strata.Exist)) {
		t.Fatal(err)
	}
	done := 0
	if resume {
		done = resumeFrom(t, svc, bucket)
	}
	start, resumed := time.Now(), done
	for _, cp := range checks {
		// A resumed run whose store holds a checkpoint's objects exactly
		// measures that checkpoint's reads again, without PUTs (put/s 0).
		if cp < done || cp == done && cp != resumed {
			continue
		}
		var putRate, putAmp float64
		var share splitShare
		var written writtenPerPut
		behind := 0
		if cp > done {
			// PUT from done to cp with many writers; the rate is measured
			// over the last tenth of the stretch (at the checkpoint's size).
			var next atomic.Int64
			window := max((cp-done)/10, 1)
			// putUpTo PUTs the keys from next to limit with many writers.
			putUpTo := func(limit int) bool {
				var wg sync.WaitGroup
				var failed atomic.Int64
				for range workers {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for failed.Load() == 0 {
							i := int(next.Add(1) - 1)
							if i >= limit {
								return
							}
							if _, err := svc.PutObject(ctx, bucket, scaleKey(i), bytes.NewReader(nil), object.PutOptions{Size: 0}); err != nil {
								failed.Add(1)
								t.Errorf("put %d: %v", i, err)
								return
							}
						}
					}()
				}
				wg.Wait()
				next.Store(int64(limit))
				return failed.Load() == 0
			}
			next.Store(int64(done))
			if !putUpTo(cp - window) {
				return
			}
			// The window's probes start from the test's goroutine (they
			// may fail the test), between the stretch and the window.
			winStart, stopPut := time.Now(), profile(t, cp, "put")
			written.start(t, srv.URL())
			stopSplit := watchSplits(t, svc, bucket, &next)
			if !putUpTo(cp) {
				return
			}
			putRate = float64(window) / time.Since(winStart).Seconds()
			stopPut()
			share = stopSplit()
			written.end(t, srv.URL(), window)
			atEnd := testenv.ReadMetrics(t, srv.URL())
			putAmp, _ = atEnd.Sum("strata_meta_read_amp") // as the PUTs left it
			// How far the relay trails the writes: events of this run not on
			// the bus yet when the PUTs end.
			relayed, _ := atEnd.Sum("strata_events_relayed_total")
			behind = max(cp-resumed-int(relayed), 0)
			done = cp
		}
		// Reads are measured at rest, as at every checkpoint: once the
		// split job is done with the bucket, for a fixed time each.
		settled := settle(t, svc, bucket, split)
		// HEADs of random keys, twice: the first window starts right
		// after the PUTs and the split job (the block cache holds what
		// they read), the second after warmFor more HEADs. The block
		// cache misses per HEAD of each say how warm it was, so that a
		// rate that falls with size is not taken for a cache still
		// filling (or the other way round).
		head := func(r *rand.Rand) (int, error) {
			_, err := svc.HeadObject(ctx, bucket, scaleKey(r.IntN(cp)), object.GetOptions{})
			return 1, err
		}
		misses := func() float64 {
			v, _ := testenv.ReadMetrics(t, srv.URL()).Sum("strata_meta_block_cache_misses_total")
			return v
		}
		stop := profile(t, cp, "head-cold")
		m0 := misses()
		coldRate := measure(workers, readFor, head)
		coldMiss := (misses() - m0) / (coldRate * readFor.Seconds())
		stop()
		measure(workers, warmFor(), head)
		stop = profile(t, cp, "head")
		m0 = misses()
		getRate := measure(workers, readFor, head)
		warmMiss := (misses() - m0) / (getRate * readFor.Seconds())
		stop()
		stop = profile(t, cp, "list")
		listRate := measure(4, readFor, func(r *rand.Rand) (int, error) {
			res, err := svc.ListObjects(ctx, bucket, object.ListOptions{Marker: fmt.Sprintf("%08x", r.Uint32()), MaxKeys: 1000})
			return len(res.Objects), err
		})
		stop()
		heap := heapProfile(t, cp)
		rs, err := svc.BucketRanges(ctx, bucket)
		if err != nil {
			t.Fatal(err)
		}
		m := testenv.ReadMetrics(t, srv.URL())
		conflicts, _ := m.Sum("strata_meta_txn_conflicts_total")
		tables, _ := m.Sum("strata_meta_tables")
		tcMiss, _ := m.Sum("strata_meta_table_cache_misses_total")
		readAmp, _ := m.Sum("strata_meta_read_amp")
		t.Logf("SCALE objects=%d ranges=%d stores=%d elapsed=%s put/s=%.0f head/s=%.0f list-keys/s=%.0f head-cold/s=%.0f block-misses-per-head=%.2f/%.2f (cold/warm) conflicts=%.0f tables=%.0f read-amp=%.0f/%.0f (after the PUTs/at rest) table-opens=%.0f heap=%dMiB %s events-behind=%d (when the PUTs ended) (split settled in %s) %s",
			cp, len(rs), storesUsed(rs), time.Since(start).Round(time.Second), putRate, getRate, listRate, coldRate, coldMiss, warmMiss,
			conflicts, tables, putAmp, readAmp, tcMiss, heap>>20, written, behind, settled.Round(time.Second), share)
	}
	u, err := svc.BucketUsage(ctx, bucket)
	if err != nil || u.Objects != int64(n) {
		t.Fatalf("usage %d objects, want %d (%v)", u.Objects, n, err)
	}
}

// writtenPerPut is what the metadata stores wrote per PUT over a PUT
// window, by kind (strata_meta_written_bytes_total): the WAL's share is
// the commits' own bytes, flushes and compactions are the background
// writes whose volume each commit's sync waits behind. With it, the mean
// wait of a commit for the WAL's sync (strata_meta_commit_sync_seconds).
type writtenPerPut struct {
	before, per    map[string]float64
	syncSum, syncs float64       // strata_meta_commit_sync_seconds when the window began
	syncWait       time.Duration // the mean wait of a durable commit for the WAL's sync over the window
}

var writtenKinds = [...]string{"wal", "flush", "compaction", "ingest"}

func (w *writtenPerPut) start(t *testing.T, url string) {
	m := testenv.ReadMetrics(t, url)
	w.before = m.By("strata_meta_written_bytes_total", "kind")
	w.syncSum, _ = m.Sum("strata_meta_commit_sync_seconds_sum")
	w.syncs, _ = m.Sum("strata_meta_commit_sync_seconds_count")
}

func (w *writtenPerPut) end(t *testing.T, url string, puts int) {
	m := testenv.ReadMetrics(t, url)
	after := m.By("strata_meta_written_bytes_total", "kind")
	syncSum, _ := m.Sum("strata_meta_commit_sync_seconds_sum")
	syncs, _ := m.Sum("strata_meta_commit_sync_seconds_count")
	if syncs > w.syncs {
		w.syncWait = time.Duration((syncSum - w.syncSum) / (syncs - w.syncs) * float64(time.Second))
	}
	w.per = map[string]float64{}
	for _, k := range writtenKinds {
		w.per[k] = (after[k] - w.before[k]) / float64(puts)
	}
}

func (w writtenPerPut) String() string {
	if w.per == nil {
		return "written-per-put=-"
	}
	return fmt.Sprintf("written-per-put=%.0f/%.0f/%.0f/%.0f (wal/flush/compaction/ingest bytes) sync-wait=%s",
		w.per["wal"], w.per["flush"], w.per["compaction"], w.per["ingest"], w.syncWait.Round(10*time.Microsecond))
}

// splitShare divides a PUT window by the step of the bucket's split, if
// one runs, sampled once a second: the PUTs and seconds of each part. The
// splits of a bucket whose ranges grow evenly come together, and while
// one is fenced every write of a key it moves waits (with random keys,
// soon every writer), so whether they fall in the window moves its rate.
type splitShare struct {
	puts, secs [len(splitSteps)]float64
}

// splitSteps name the parts of a splitShare: no split, then the steps of
// object.RangeInfo.Split.
var splitSteps = [...]string{"without-split", "copying", "fenced", "published"}

func (s splitShare) String() string {
	var b strings.Builder
	for i, name := range splitSteps {
		rate := 0.0
		if s.secs[i] > 0 {
			rate = s.puts[i] / s.secs[i]
		}
		fmt.Fprintf(&b, " put/s-%s=%.0f (%.0fs)", name, rate, s.secs[i])
	}
	return b.String()[1:]
}

// watchSplits samples the PUTs done (next) and the bucket's splits once a
// second until the returned stop.
func watchSplits(t *testing.T, svc *object.Service, bucket string, next *atomic.Int64) func() splitShare {
	var share splitShare
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		last, lastAt := next.Load(), time.Now()
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			rs, err := svc.BucketRanges(ctx, bucket)
			if err != nil {
				t.Error(err)
				return
			}
			i := 0
			for _, r := range rs {
				for j := 1; j < len(splitSteps) && r.Split != ""; j++ {
					if strings.HasSuffix(r.Split, ": "+splitSteps[j]) {
						i = j
					}
				}
			}
			n, now := next.Load(), time.Now()
			share.puts[i] += float64(n - last)
			share.secs[i] += now.Sub(lastAt).Seconds()
			last, lastAt = n, now
		}
	}()
	return func() splitShare {
		close(done)
		<-exited
		return share
	}
}

// resumeFrom returns the first key index an interrupted run had not
// written. The writers take indexes in order, so what a killed run left is
// every index below a front, give or take the writes in flight when it
// stopped (at most one per writer), which were never acknowledged. It
// looks for that front around the bucket's object count, writes the holes
// below it, and checks that the count is then exactly the front.
func resumeFrom(t *testing.T, svc *object.Service, bucket string) int {
	u, err := svc.BucketUsage(ctx, bucket)
	if err != nil {
		t.Fatal(err)
	}
	c := int(u.Objects)
	const slack = 4096
	var holes []int
	front := 0
	for i := max(c-slack, 0); i < c+slack; i++ {
		_, err := svc.HeadObject(ctx, bucket, scaleKey(i), object.GetOptions{})
		switch {
		case err == nil:
			front = i + 1
		case strata.Is(err, strata.NotExist):
			holes = append(holes, i)
		default:
			t.Fatal(err)
		}
	}
	holes = slices.DeleteFunc(holes, func(i int) bool { return i >= front })
	for _, i := range holes {
		if _, err := svc.PutObject(ctx, bucket, scaleKey(i), bytes.NewReader(nil), object.PutOptions{Size: 0}); err != nil {
			t.Fatal(err)
		}
	}
	if u, err = svc.BucketUsage(ctx, bucket); err != nil || int(u.Objects) != front {
		t.Fatalf("resume: usage %d objects after filling %d holes below %d (%v)", u.Objects, len(holes), front, err)
	}
	rs, err := svc.BucketRanges(ctx, bucket)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("SCALE resumed objects=%d ranges=%d (counted %d, %d unacknowledged writes rewritten)", front, len(rs), c, len(holes))
	return front
}

// storesUsed counts the metadata stores (meta2 shards) a bucket's ranges sit in.
func storesUsed(rs []object.RangeInfo) int {
	seen := map[string]bool{}
	for _, r := range rs {
		seen[r.Shard] = true
	}
	return len(seen)
}

// profile starts a CPU profile of one phase at one checkpoint when
// STRATA_SHARD_PROFILE names a folder (DIR/put-1000000.pprof, ...), so
// that rates at two sizes can be compared function by function; the
// returned func stops it.
func profile(t *testing.T, cp int, phase string) func() {
	dir := os.Getenv("STRATA_SHARD_PROFILE")
	if dir == "" {
		return func() {}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Error(err)
		return func() {}
	}
	f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s-%d.pprof", phase, cp)))
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil { // Error, not Fatal: a profile is a diagnostic
		t.Error(err)
		return func() {}
	}
	stopTrace := func() {}
	if phase == "put" {
		stopTrace = traceFor(t, filepath.Join(dir, fmt.Sprintf("%s-trace-%d.out", phase, cp)))
	}
	waitKinds := []string{"block", "mutex"}
	var before []*pprofile.Profile
	if phase == "put" {
		// Where the writers wait, not only where the CPU goes: the PUT
		// rate is 32 writers over their latency, and the process does
		// not use both cores. The runtime's block and mutex profiles
		// count from the process's start, so each window's is its end's
		// less its start's.
		runtime.SetBlockProfileRate(int((100 * time.Microsecond).Nanoseconds()))
		runtime.SetMutexProfileFraction(20)
		for _, kind := range waitKinds {
			before = append(before, readProfile(t, kind))
		}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
		stopTrace()
		if phase != "put" {
			return
		}
		for i, kind := range waitKinds {
			if err := writeProfileDelta(filepath.Join(dir, fmt.Sprintf("%s-%s-%d.pprof", phase, kind, cp)), before[i], readProfile(t, kind)); err != nil {
				t.Error(err)
			}
		}
		runtime.SetBlockProfileRate(0)
		runtime.SetMutexProfileFraction(0)
	}
}

// readProfile reads the runtime's profile of kind (block, mutex) as it
// stands: nil if it cannot be read.
func readProfile(t *testing.T, kind string) *pprofile.Profile {
	var b bytes.Buffer
	if err := pprof.Lookup(kind).WriteTo(&b, 0); err != nil {
		t.Error(err)
		return nil
	}
	p, err := pprofile.Parse(&b)
	if err != nil {
		t.Error(err)
		return nil
	}
	return p
}

// writeProfileDelta writes to path what profile after counts beyond
// before: the samples of one window.
func writeProfileDelta(path string, before, after *pprofile.Profile) error {
	if before == nil || after == nil {
		return fmt.Errorf("%s: no profile to take the difference of", path)
	}
	before = before.Copy()
	before.Scale(-1)
	delta, err := pprofile.Merge([]*pprofile.Profile{after, before})
	if err != nil {
		return err
	}
	delta = delta.Compact() // drops the samples the window added nothing to
	w, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := delta.Write(w); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// heapProfile collects the garbage and returns the live heap (the
// process's: server and load together), and writes a heap profile
// (DIR/heap-1000000.pprof) when STRATA_SHARD_PROFILE names a folder: the
// garbage collector's share of a profile grows with the heap it marks.
func heapProfile(t *testing.T, cp int) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if dir := os.Getenv("STRATA_SHARD_PROFILE"); dir != "" {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("heap-%d.pprof", cp)))
		if err == nil {
			err = pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
		if err != nil {
			t.Error(err)
		}
	}
	return ms.HeapAlloc
}

// readFor is how long each read rate is measured.
const readFor = 10 * time.Second

// warmFor is how long HEADs run between the cold and the warm HEAD
// windows: STRATA_SHARD_WARM (a duration), else 20 s.
func warmFor() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("STRATA_SHARD_WARM")); err == nil && d >= 0 {
		return d
	}
	return 20 * time.Second
}

// settle waits until the split job is done with bucket (no split in
// progress, no range past the split threshold; up to ten minutes)
// and returns how long that took.
func settle(t *testing.T, svc *object.Service, bucket string, threshold int64) time.Duration {
	t0 := time.Now()
	for time.Since(t0) < 10*time.Minute {
		rs, err := svc.BucketRanges(ctx, bucket)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(rs, func(r object.RangeInfo) bool { return r.Split != "" || r.Objects > threshold }) {
			break
		}
		time.Sleep(time.Second)
	}
	return time.Since(t0)
}

// measure calls fn on workers goroutines for d and returns the items
// per second fn reported; a failed call fails the run.
func measure(workers int, d time.Duration, fn func(*rand.Rand) (int, error)) float64 {
	var items atomic.Int64
	var wg sync.WaitGroup
	var firstErr atomic.Value
	t0 := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), uint64(time.Now().UnixNano())))
			for time.Since(t0) < d {
				n, err := fn(r)
				if err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
				items.Add(int64(n))
			}
		}()
	}
	wg.Wait()
	if err := firstErr.Load(); err != nil {
		panic(err)
	}
	return float64(items.Load()) / time.Since(t0).Seconds()
}

// traceFor writes an execution trace of the first STRATA_SHARD_TRACE
// (a duration, e.g. 3s) of a PUT window to path: it shows how long
// each goroutine waited runnable for a processor (go tool trace
// -pprof=sched), which the block profile does not. The returned func
// stops it if it still runs.
func traceFor(t *testing.T, path string) func() {
	d, err := time.ParseDuration(os.Getenv("STRATA_SHARD_TRACE"))
	if err != nil || d <= 0 {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = trace.Start(f)
	}
	if err != nil {
		t.Error(err)
		return func() {}
	}
	var once sync.Once
	stop := func() { once.Do(func() { trace.Stop(); f.Close() }) }
	timer := time.AfterFunc(d, stop)
	return func() { timer.Stop(); stop() }
}
