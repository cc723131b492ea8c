package pebble

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cockroachdb/pebble"

	"github.com/strata-storage/strata/internal/meta"
)

// BenchmarkPointGetDeep is a HEAD's read on a store of many objects (two
// records each, under hashed key prefixes, as a bucket's shard holds
// them), written in random key order and read once its compactions have
// settled, for table layouts that differ in their block sizes. It reports
// the CPU time per read of two readers at once (get-cpu-ns), the store's
// read amplification and its table count. STRATA_BENCH_CACHE_MIB sets
// the block cache's size.
//
//	STRATA_BENCH_OBJECTS=5000000 STRATA_BENCH_SECONDS=10 go test -run - -bench PointGetDeep -benchtime 1x -timeout 0 ./internal/meta/pebble/
func BenchmarkPointGetDeep(b *testing.B) {
	objects, secs := 1_000_000, 10
	if n, err := strconv.Atoi(os.Getenv("STRATA_BENCH_OBJECTS")); err == nil {
		objects = n
	}
	if n, err := strconv.Atoi(os.Getenv("STRATA_BENCH_SECONDS")); err == nil {
		secs = n
	}
	layouts := []struct {
		name         string
		block, index int
		lbase        int64
	}{
		{"default", 0, 0, 0}, // the engine's: 16 KiB blocks, 4 KiB index blocks
		{"pebble-4KiB", 4 << 10, 4 << 10, 0},
		{"block-8KiB", 8 << 10, 0, 0},
		{"index-64KiB", 0, 64 << 10, 0},
		{"index-256KiB", 0, 256 << 10, 0}, // the layout of 7bcf0e6
		{"lbase-512MiB", 0, 0, 512 << 20},
	}
	for _, l := range layouts {
		b.Run(l.name, func(b *testing.B) {
			size := DefaultCacheSize() // as the server sizes it
			if mib, err := strconv.Atoi(os.Getenv("STRATA_BENCH_CACHE_MIB")); err == nil {
				size = int64(mib) << 20 // smaller than the store: reads that miss
			}
			cache := pebble.NewCache(size)
			defer cache.Unref()
			po := pebbleOptions(cache, Options{})
			if l.lbase > 0 {
				po.LBaseMaxBytes = l.lbase
			}
			for i := range po.Levels {
				if l.block > 0 {
					po.Levels[i].BlockSize = l.block
				}
				if l.index > 0 {
					po.Levels[i].IndexBlockSize = l.index
				}
			}
			e, err := openWith(b.TempDir(), po)
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			db := e.db
			loadObjects(b, db, objects)
			for db.Metrics().Compact.NumInProgress > 0 {
				time.Sleep(100 * time.Millisecond)
			}
			m := db.Metrics()
			for b.Loop() {
				gets, cpu := readRandom(b, e, objects, time.Duration(secs)*time.Second)
				b.ReportMetric(float64(cpu)/float64(gets), "get-cpu-ns")
				b.ReportMetric(float64(gets)/float64(secs), "gets/s")
			}
			b.ReportMetric(float64(m.ReadAmp()), "read-amp")
			b.ReportMetric(float64(m.Total().NumFiles), "tables")
		})
	}
}

// objectKey is object i's record key: a hashed prefix, as a bucket's keys
// spread over its ranges.
func objectKey(kind string, i int) []byte {
	name := fmt.Sprintf("obj%010d", i)
	h := sha256.Sum256([]byte(name))
	return fmt.Appendf(nil, "%s/%x/%s", kind, h[:4], name)
}

func loadObjects(b *testing.B, db *pebble.DB, objects int) {
	order := rand.Perm(objects)
	// A record's shape: some fixed JSON, and random hex (ETag, version
	// id) that does not compress.
	const fixed = `{"size":0,"ct":"binary/octet-stream","owner":"scale","class":"STANDARD","mtime":1764975600123456789}`
	for start := 0; start < objects; start += 1000 {
		batch := db.NewBatch()
		for _, i := range order[start:min(start+1000, objects)] {
			val := fmt.Appendf(nil, `%s{"etag":"%016x%016x","vid":"%016x"}`, fixed, rand.Uint64(), rand.Uint64(), rand.Uint64())
			batch.Set(objectKey("o", i), val, nil)
			batch.Set(objectKey("v", i), val, nil)
		}
		if err := batch.Commit(pebble.NoSync); err != nil {
			b.Fatal(err)
		}
	}
	if err := db.Flush(); err != nil {
		b.Fatal(err)
	}
}

// readRandom reads random objects' "o" records from two goroutines for d,
// and returns how many it read and the process's CPU time meanwhile.
func readRandom(b *testing.B, e *Engine, objects int, d time.Duration) (int64, int64) {
	ctx := context.Background()
	cpu0 := cpuNanos()
	stop := time.Now().Add(d)
	var wg sync.WaitGroup
	counts := make([]int64, 2)
	for g := range counts {
		wg.Go(func() {
			for time.Now().Before(stop) {
				for range 100 {
					err := e.View(ctx, func(r meta.Reader) error {
						_, err := r.Get(objectKey("o", rand.IntN(objects)))
						return err
					})
					if err != nil {
						b.Error(err)
						return
					}
				}
				counts[g] += 100
			}
		})
	}
	wg.Wait()
	return counts[0] + counts[1], cpuNanos() - cpu0
}

// cpuNanos is the process's user and system CPU time so far.
func cpuNanos() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}
