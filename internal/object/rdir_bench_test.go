package object

import (
	"bytes"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/protect"
	"github.com/strata-storage/strata/internal/strata"
)

// benchService is newEnv for benchmarks: pebble and 3 disk volumes.
func benchService(b *testing.B, policy string) *Service {
	dir := b.TempDir()
	eng, err := metapebble.Open(filepath.Join(dir, "meta"), metapebble.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { eng.Close() })
	ccfg := conscience.DefaultConfig()
	ccfg.Expiry = time.Hour
	reg, _ := conscience.NewLocal(ccfg)
	vols := &volumes{dirs: map[string]string{}, stores: map[string]blob.Store{}}
	for i := 0; i < 3; i++ {
		id := fmt.Sprintf("vol%d", i)
		d, err := blob.OpenDisk(filepath.Join(dir, id), blob.DiskOptions{})
		if err != nil {
			b.Fatal(err)
		}
		vols.stores[id] = d
		reg.Register(ctx, strata.Service{ID: id, Type: strata.ServiceBlob, Location: strata.Location(fmt.Sprintf("dc.r.h%d.%s", i, id)),
			Stats: strata.Stats{CPUIdle: 100, IOIdle: 100, SpaceFree: 100}})
	}
	d, _ := directory.New(eng, nil, nil)
	cfg := DefaultConfig()
	cfg.DefaultPolicy = policy
	svc, err := New(cfg, d, vols, reg, nil)
	if err != nil {
		b.Fatal(err)
	}
	if err := svc.CreateBucket(ctx, Bucket{Name: "b", Account: "acct"}); err != nil {
		b.Fatal(err)
	}
	return svc
}

// BenchmarkPut4KiB measures a 4 KiB PUT with and without the volume
// index (one more key per fragment, and a read of the record's old
// value, in the commit's transaction). "inline" is the default (the body
// lives in meta2: no fragment); "chunked" stores three copies.
// Compare A/B alternating rounds, e.g.:
//
//	go test -c -o /tmp/object.test ./internal/object
//	for i in 1 2 3 4 5; do for m in index noindex; do
//	  /tmp/object.test -test.run '^$' -test.bench "^BenchmarkPut4KiB$/^$m$/" -test.benchtime 2000x; done; done
func BenchmarkPut4KiB(b *testing.B) {
	body := data(4<<10, 1)
	for _, mode := range []string{"index", "noindex"} {
		for _, layout := range []string{"inline", "chunked"} {
			b.Run(mode+"/"+layout, func(b *testing.B) {
				s := benchService(b, "THREECOPIES")
				s.noVolumeIndex = mode == "noindex"
				if layout == "chunked" {
					s.cfg.InlineMax = 0
				}
				b.SetBytes(int64(len(body)))
				b.ReportAllocs()
				b.ResetTimer()
				cpu := cpuTime()
				defer func() { b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op") }()
				for i := 0; i < b.N; i++ {
					if _, err := s.PutObject(ctx, "b", fmt.Sprint("k", i), bytes.NewReader(body), PutOptions{Size: int64(len(body))}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkIndexTxn isolates the CPU the index adds to a commit: 100
// version records of one THREECOPIES metachunk set in one transaction
// (one sync shared by all), with and without the indexing wrapper.
func BenchmarkIndexTxn(b *testing.B) {
	const perTxn = 100
	m2 := directory.NewMeta2(strata.NewContainerID("acct", "b"))
	rec := &record{Info: ObjectInfo{Key: "k", VersionID: "v", Size: 4 << 10, ETag: "0123456789abcdef0123456789abcdef"}, Nanos: 1}
	mc := &protect.Metachunk{Size: 4 << 10}
	for i := 0; i < 3; i++ {
		mc.Fragments = append(mc.Fragments, protect.Fragment{Index: i, Service: fmt.Sprintf("vol%d", i),
			Chunk: strata.NewChunkID(), Size: 4<<10 + 64, Checksum: "crc32c:01234567"})
	}
	rec.Content = contentMap{{Size: 4 << 10, Policy: "THREECOPIES", MC: mc}}
	val := encodeRecord(rec)
	for _, mode := range []string{"index", "noindex"} {
		b.Run(mode, func(b *testing.B) {
			raw, err := metapebble.Open(filepath.Join(b.TempDir(), "meta"), metapebble.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer raw.Close()
			var e meta.Engine = raw
			if mode == "index" {
				e = indexingEngine{raw}
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			for i := 0; i < b.N; i++ {
				err := e.Update(ctx, func(tx meta.Txn) error {
					for j := 0; j < perTxn; j++ {
						if err := tx.Set(m2.Version(fmt.Sprint("k", i, ".", j), int64(j), "v"), val); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N*perTxn), "cpu-ns/record")
		})
	}
}

// cpuTime is the CPU time (user and system) the process used so far: on
// a shared machine it moves far less than the wall time.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}
