package usage

import (
	"io"
	"log/slog"
	"testing"
)

// BenchmarkCount is what a request pays for being counted: encoding its
// record and one write call on the spool (no fsync).
func BenchmarkCount(b *testing.B) {
	eng, err := openBenchEngine(b)
	if err != nil {
		b.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Dir, cfg.Logger = b.TempDir(), slog.New(slog.NewTextHandler(io.Discard, nil))
	m, err := Open(ctx, cfg, eng)
	if err != nil {
		b.Fatal(err)
	}
	r := Request{Time: t0, Account: "acme", Bucket: "media", Operation: "s3:GetObject", BytesOut: 4096}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			m.Count(r)
		}
	})
	b.StopTimer() // the final flush is BenchmarkFlush's business
	m.Close(ctx)
}

// BenchmarkFlush is the cost of moving 10,000 spooled requests of 100
// buckets into the engine.
func BenchmarkFlush(b *testing.B) {
	eng, err := openBenchEngine(b)
	if err != nil {
		b.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Dir, cfg.Logger = b.TempDir(), slog.New(slog.NewTextHandler(io.Discard, nil))
	m, err := Open(ctx, cfg, eng)
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close(ctx)
	buckets := make([]string, 100)
	for i := range buckets {
		buckets[i] = "bucket-" + i64(int64(i))
	}
	for i := 0; i < b.N; i++ {
		for j := 0; j < 10000; j++ {
			m.Count(Request{Time: t0, Account: "acme", Bucket: buckets[j%100], Operation: "s3:PutObject", BytesIn: 1000})
		}
		if err := m.Flush(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
