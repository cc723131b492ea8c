package pebble

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/cockroachdb/pebble"
)

// BenchmarkInsertDeep is what growing a shard costs its store: N objects
// inserted in random key order, 100 per batch, with the records a PUT of
// a new key writes (its current record, version, listing entry and
// lifecycle index, a change-feed entry, an event, a rewrite of one of 256
// usage slots), the relay deleting each event 2,000 objects later and the
// feed trimmed of entries older than a fifth of N, every 50,000 objects
// (the server trims every minute what is over ten minutes old), until
// the compactions settle. It reports the process's CPU time per object
// (cpu-us/object, compactions included), the store's write amplification
// (bytes flushed and compacted per byte logged), read amplification and
// table count, for layouts and trims that differ.
//
//	STRATA_BENCH_OBJECTS=5000000 go test -run - -bench InsertDeep -benchtime 1x -timeout 0 ./internal/meta/pebble/
func BenchmarkInsertDeep(b *testing.B) {
	objects := 1_000_000
	if n, err := strconv.Atoi(os.Getenv("STRATA_BENCH_OBJECTS")); err == nil {
		objects = n
	}
	layouts := []struct {
		name string
		trim trimKind
		set  func(*pebble.Options)
	}{
		{"default", trimDelete, func(*pebble.Options) {}},
		{"trim-singledelete", trimSingleDelete, func(*pebble.Options) {}},
		{"trim-deleterange", trimDeleteRange, func(*pebble.Options) {}},
		{"l0-threshold-8", trimDelete, func(po *pebble.Options) { po.L0CompactionThreshold = 8 }},
		{"memtable-64MiB", trimDelete, func(po *pebble.Options) { po.MemTableSize = 64 << 20 }},
	}
	for _, l := range layouts {
		b.Run(l.name, func(b *testing.B) {
			for b.Loop() {
				cache := pebble.NewCache(DefaultCacheSize())
				po := pebbleOptions(cache, Options{})
				l.set(po)
				e, err := openWith(b.TempDir(), po)
				cache.Unref()
				if err != nil {
					b.Fatal(err)
				}
				cpu0, start := cpuNanos(), time.Now()
				insertObjects(b, e.db, objects, l.trim)
				settle(e.db)
				cpu, took := cpuNanos()-cpu0, time.Since(start)
				m := e.db.Metrics()
				t := m.Total()
				b.ReportMetric(float64(cpu)/1e3/float64(objects), "cpu-us/object")
				b.ReportMetric(float64(objects)/took.Seconds(), "objects/s")
				b.ReportMetric(float64(t.BytesFlushed+t.BytesCompacted)/float64(m.WAL.BytesIn), "write-amp")
				b.ReportMetric(float64(m.ReadAmp()), "read-amp")
				b.ReportMetric(float64(t.NumFiles), "tables")
				e.Close()
			}
		})
	}
}

type trimKind int

const (
	trimDelete trimKind = iota
	trimSingleDelete
	trimDeleteRange
)

// insertObjects writes objects as PUTs of new keys do, 100 per batch, in
// random order, with the relay's deletions and the feed's trims.
func insertObjects(b *testing.B, db *pebble.DB, objects int, trim trimKind) {
	order := rand.Perm(objects)
	const fixed = `{"size":0,"ct":"binary/octet-stream","owner":"scale","class":"STANDARD","mtime":1764975600123456789}`
	retain := objects / 5
	trimmed := 0
	for start := 0; start < objects; start += 100 {
		batch := db.NewBatch()
		for n, i := range order[start:min(start+100, objects)] {
			seq := uint64(start + n)
			val := fmt.Appendf(nil, `%s{"etag":"%016x","vid":"%08x"}`, fixed[:40], rand.Uint64(), rand.Uint32())
			batch.Set(objectKey("c/o", i), val, nil)
			batch.Set(append(objectKey("c/v", i), "\x00\x01\x02\x03\x04\x05\x06\x07null"...), val, nil)
			batch.Set(objectKey("c/q", i), val[:31], nil)
			batch.Set(fmt.Appendf(nil, "c/y/c/%016x%s", seq, objectKey("", i)), nil, nil)
			batch.Set(fmt.Appendf(nil, "c/w/%016x%08x", seq, rand.Uint32()), val[:51], nil)
			batch.Set(fmt.Appendf(nil, "E/%016x", seq), fmt.Appendf(nil, "%s%s%s", fixed, fixed, val[:30]), nil)
			batch.Set(fmt.Appendf(nil, "c/s/n/%03d", i%256), val[:48], nil)
			if seq >= 2000 {
				batch.SingleDelete(fmt.Appendf(nil, "E/%016x", seq-2000), nil)
			}
		}
		if err := batch.Commit(pebble.NoSync); err != nil {
			b.Fatal(err)
		}
		if start%50_000 == 0 && start-retain > trimmed {
			trimFeed(b, db, trimmed, start-retain, trim)
			trimmed = start - retain
		}
	}
}

// trimFeed deletes the feed entries of objects [from, to).
func trimFeed(b *testing.B, db *pebble.DB, from, to int, trim trimKind) {
	lo, hi := fmt.Appendf(nil, "c/w/%016x", from), fmt.Appendf(nil, "c/w/%016x", to)
	batch := db.NewBatch()
	if trim == trimDeleteRange {
		batch.DeleteRange(lo, hi, nil)
	} else {
		it, err := db.NewIter(&pebble.IterOptions{LowerBound: lo, UpperBound: hi})
		if err != nil {
			b.Fatal(err)
		}
		for ok := it.First(); ok; ok = it.Next() {
			if trim == trimSingleDelete {
				batch.SingleDelete(it.Key(), nil)
			} else {
				batch.Delete(it.Key(), nil)
			}
		}
		it.Close()
	}
	if err := batch.Commit(pebble.NoSync); err != nil {
		b.Fatal(err)
	}
}

// settle waits until no compaction has run for a second.
func settle(db *pebble.DB) {
	for quiet := 0; quiet < 10; {
		time.Sleep(100 * time.Millisecond)
		if db.Metrics().Compact.NumInProgress > 0 {
			quiet = 0
		} else {
			quiet++
		}
	}
}
