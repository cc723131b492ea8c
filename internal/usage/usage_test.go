package usage

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
)

var ctx = context.Background()

func openEngine(t *testing.T) meta.Engine {
	t.Helper()
	e, err := openBenchEngine(t)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func openBenchEngine(tb testing.TB) (meta.Engine, error) {
	e, err := metapebble.Open(tb.TempDir(), metapebble.Options{})
	if err == nil {
		tb.Cleanup(func() { e.Close() })
	}
	return e, err
}

func openMeter(t *testing.T, dir string, eng meta.Engine) *Meter {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Dir, cfg.Logger = dir, slog.New(slog.NewTextHandler(testWriter{t}, nil))
	m, err := Open(ctx, cfg, eng)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }

var t0 = time.Date(2026, 11, 3, 10, 20, 0, 0, time.UTC)

func total(t *testing.T, s *Store, account string) Traffic {
	t.Helper()
	rows, err := s.Report(ctx, Query{From: 0, To: HourOf(t0) + 1000, Account: account})
	if err != nil {
		t.Fatal(err)
	}
	var sum Traffic
	for _, r := range rows {
		sum.Add(r.Traffic)
	}
	return sum
}

func TestRecordRoundTrip(t *testing.T) {
	in := record{Seq: 1 << 40, Hour: -5, Class: ClassDelete, BytesIn: 123456789, BytesOut: 1, Account: "acme", Bucket: "b\x00x"}
	b := appendRecord(nil, in)
	out, n, err := decodeRecord(b)
	if err != nil || n != len(b) || out != in {
		t.Fatalf("got %+v %d %v, want %+v %d", out, n, err, in, len(b))
	}
	for cut := 0; cut < len(b); cut++ {
		if _, _, err := decodeRecord(b[:cut]); err == nil {
			t.Fatalf("a record cut at %d of %d decoded", cut, len(b))
		}
	}
	b[len(b)-1] ^= 1
	if _, _, err := decodeRecord(b); err == nil {
		t.Fatal("a damaged record decoded")
	}
}

// TestFlushExactlyOnce counts requests, flushes, and checks the sums; then
// replays a spool whose records were already applied (a crash between the
// commit and the removal of the segment) and checks nothing is counted twice.
func TestFlushExactlyOnce(t *testing.T) {
	eng, dir := openEngine(t), t.TempDir()
	m := openMeter(t, dir, eng)
	for i := 0; i < 10; i++ {
		m.Count(Request{Time: t0, Account: "a", Bucket: "b1", Operation: "s3:PutObject", BytesIn: 100})
	}
	for i := 0; i < 7; i++ {
		m.Count(Request{Time: t0.Add(time.Hour), Account: "a", Bucket: "b2", Operation: "s3:GetObject", BytesOut: 1000})
	}
	m.Count(Request{Time: t0, Account: "b", Bucket: "", Operation: "s3:ListBuckets", BytesOut: 10})
	m.Count(Request{Time: t0, Account: "a", Bucket: "b1", Operation: "s3:DeleteObjects", BytesIn: 5})
	if err := m.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	want := Traffic{Put: 10, Get: 7, Delete: 1, BytesIn: 1005, BytesOut: 7000}
	if got := total(t, m.Store(), "a"); got != want {
		t.Fatalf("account a: %+v, want %+v", got, want)
	}
	if got := total(t, m.Store(), "b"); got != (Traffic{Put: 1, BytesOut: 10}) {
		t.Fatalf("account b: %+v", got)
	}
	// Segments keep their records until applied; put back a copy of an
	// applied segment, as a crash after the commit would leave it.
	m.Count(Request{Time: t0, Account: "a", Bucket: "b1", Operation: "s3:HeadObject"})
	m.sp.rotate()
	names, _ := m.sp.closed()
	if len(names) != 1 {
		t.Fatalf("closed segments %v", names)
	}
	seg, _ := os.ReadFile(filepath.Join(dir, names[0]))
	if err := m.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	m.Close(ctx)
	os.WriteFile(filepath.Join(dir, names[0]), seg, 0o644)
	m2 := openMeter(t, dir, eng)
	m2.Count(Request{Time: t0, Account: "a", Bucket: "b1", Operation: "s3:HeadObject"})
	if err := m2.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	want.Get += 2
	if got := total(t, m2.Store(), "a"); got != want {
		t.Fatalf("after replay: %+v, want %+v", got, want)
	}
	if m2.Gateway() != m.Gateway() {
		t.Fatalf("gateway id changed across restarts: %s, %s", m.Gateway(), m2.Gateway())
	}
	m2.Close(ctx)
}

// TestTornTail: a record cut short by a crash is left out, the records
// before it are counted, and counting goes on in a new segment.
func TestTornTail(t *testing.T) {
	eng, dir := openEngine(t), t.TempDir()
	m := openMeter(t, dir, eng)
	for i := 0; i < 3; i++ {
		m.Count(Request{Time: t0, Account: "a", Bucket: "b", Operation: "s3:PutObject", BytesIn: 1})
	}
	m.sp.close() // no flush: as after kill -9
	active := filepath.Join(dir, m.sp.active)
	f, _ := os.OpenFile(active, os.O_WRONLY|os.O_APPEND, 0)
	full := appendRecord(nil, record{Seq: 99, Hour: int64(HourOf(t0)), Account: "a", Bucket: "b", BytesIn: 1 << 20})
	f.Write(full[:len(full)-3])
	f.Close()
	m2 := openMeter(t, dir, eng)
	m2.Count(Request{Time: t0, Account: "a", Bucket: "b", Operation: "s3:PutObject", BytesIn: 1})
	if err := m2.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if got := total(t, m2.Store(), "a"); got != (Traffic{Put: 4, BytesIn: 4}) {
		t.Fatalf("got %+v", got)
	}
	m2.Close(ctx)
}

// TestChunkedFlush: more distinct samples than one transaction takes.
func TestChunkedFlush(t *testing.T) {
	eng := openEngine(t)
	m := openMeter(t, t.TempDir(), eng)
	n := 3*txnKeys + 17
	for i := 0; i < n; i++ {
		m.Count(Request{Time: t0.Add(time.Duration(i) * time.Hour), Account: "a", Bucket: "b", Operation: "s3:GetObject", BytesOut: 2})
	}
	if err := m.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if got := total(t, m.Store(), "a"); got != (Traffic{Get: int64(n), BytesOut: int64(2 * n)}) {
		t.Fatalf("got %+v", got)
	}
	ts, _ := m.Store().TrafficSamples(ctx, Query{From: 0, To: HourOf(t0) + Hour(n) + 1})
	if len(ts) != n {
		t.Fatalf("%d samples, want %d", len(ts), n)
	}
	m.Close(ctx)
}

func TestExpire(t *testing.T) {
	eng := openEngine(t)
	m := openMeter(t, t.TempDir(), eng)
	for i := 0; i < 600; i++ {
		m.Count(Request{Time: t0.Add(time.Duration(i) * time.Hour), Account: "a", Bucket: "b", Operation: "s3:GetObject"})
	}
	if err := m.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	n, err := m.Store().Expire(ctx, HourOf(t0)+300)
	if err != nil || n != 300 {
		t.Fatalf("expired %d, %v; want 300", n, err)
	}
	if got := total(t, m.Store(), "a"); got.Get != 300 {
		t.Fatalf("left %d", got.Get)
	}
	m.Close(ctx)
}

func TestClassTable(t *testing.T) {
	for op, want := range map[string]Class{
		"s3:PutObject": ClassPut, "s3:CopyObject": ClassPut, "s3:PostObject": ClassPut, "s3:ListObjectsV2": ClassPut,
		"s3:GetObject": ClassGet, "s3:HeadObject": ClassGet, "s3:DeleteObject": ClassDelete,
		"s3:GetBucketPolicy": ClassGet, "s3:PutBucketPolicy": ClassPut, "s3:DeleteBucketPolicy": ClassDelete,
	} {
		if c, ok := ClassOf(op); !ok || c != want {
			t.Errorf("%s: %v %v, want %v", op, c, ok, want)
		}
	}
	if _, ok := ClassOf("s3:Nonsense"); ok {
		t.Error("unknown operation has a class")
	}
}
