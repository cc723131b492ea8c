package quota

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

var ctx = context.Background()

type vols struct{ d blob.Store }

func (v vols) Store(string) (blob.Store, error) { return v.d, nil }
func (v vols) Volumes() int                     { return 1 }
func (v vols) Services() []string               { return []string{"vol0"} }

// gateway is an object service and its quota manager over a shared
// engine and volume: several of them act as the gateways of a cluster.
type gateway struct {
	svc *object.Service
	q   *Manager
}

type world struct {
	eng meta.Engine
	v   vols
	reg *conscience.Local
}

func newWorld(t testing.TB) *world {
	t.Helper()
	dir := t.TempDir()
	eng, err := metapebble.Open(filepath.Join(dir, "meta"), metapebble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	d, err := blob.OpenDisk(filepath.Join(dir, "vol0"), blob.DiskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ccfg := conscience.DefaultConfig()
	ccfg.Expiry = time.Hour
	reg, _ := conscience.NewLocal(ccfg)
	reg.Register(ctx, strata.Service{ID: "vol0", Type: strata.ServiceBlob, Location: "dc.r.h.vol0",
		Stats: strata.Stats{CPUIdle: 100, IOIdle: 100, SpaceFree: 100}})
	return &world{eng: eng, v: vols{d}, reg: reg}
}

func (w *world) gateway(t testing.TB, node string, edit func(*Config)) *gateway {
	t.Helper()
	dir, _ := directory.New(w.eng, nil, nil)
	svc, err := object.New(object.DefaultConfig(), dir, w.v, w.reg, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Node = node
	if edit != nil {
		edit(&cfg)
	}
	log := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	q, err := New(ctx, cfg, w.eng, svc, log)
	if err != nil {
		t.Fatal(err)
	}
	svc.SetQuotas(q)
	return &gateway{svc: svc, q: q}
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }

func (g *gateway) put(bucket, key string, n int) error {
	_, err := g.svc.PutObject(ctx, bucket, key, bytes.NewReader(make([]byte, n)), object.PutOptions{Size: int64(n)})
	return err
}

func isQuotaExceeded(err error) bool {
	return strata.Is(err, strata.NoSpace) && bytes.Contains([]byte(err.Error()), []byte("QuotaExceeded"))
}

func TestBucketBytesAndObjects(t *testing.T) {
	w := newWorld(t)
	g := w.gateway(t, "g1", nil)
	if err := g.svc.CreateBucket(ctx, object.Bucket{Name: "b", Account: "acct"}); err != nil {
		t.Fatal(err)
	}
	if err := g.q.Set(ctx, Quota{Scope: Scope{Bucket, "b"}, Limits: Limits{MaxBytes: 1 << 20, MaxObjects: 5}}); err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		if err := g.put("b", fmt.Sprint("k", i), 250<<10); err != nil {
			t.Fatalf("put %d: %v", i, err)
		}
	}
	if err := g.put("b", "k4", 250<<10); !isQuotaExceeded(err) {
		t.Fatalf("put beyond the byte quota: %v", err)
	}
	// An overwrite of the same size adds nothing and the commit is charged
	// the exact delta; the early check (known size) is the gross size,
	// so a shrinking overwrite passes while an equal one is refused.
	if err := g.put("b", "k0", 10<<10); err != nil {
		t.Fatalf("shrinking overwrite: %v", err)
	}
	if err := g.put("b", "small", 1); err != nil {
		t.Fatalf("fifth object: %v", err)
	}
	if err := g.put("b", "sixth", 1); !isQuotaExceeded(err) {
		t.Fatalf("put beyond the object quota: %v", err)
	}
	if _, err := g.svc.DeleteObject(ctx, "b", "k1", ""); err != nil {
		t.Fatal(err)
	}
	time.Sleep(DefaultConfig().DenyCache) // the refusal is remembered that long
	if err := g.put("b", "sixth", 1); err != nil {
		t.Fatalf("put after a delete made room: %v", err)
	}
	u, _ := g.svc.BucketUsage(ctx, "b")
	if u.LogicalBytes > 1<<20 || u.Objects > 5 {
		t.Fatalf("usage %+v beyond the quota", u)
	}
}

func TestAccountQuotaAcrossBuckets(t *testing.T) {
	w := newWorld(t)
	g := w.gateway(t, "g1", nil)
	for _, b := range []string{"b1", "b2"} {
		if err := g.svc.CreateBucket(ctx, object.Bucket{Name: b, Account: "acct"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := g.q.Set(ctx, Quota{Scope: Scope{Account, "acct"}, Limits: Limits{MaxObjects: 3}}); err != nil {
		t.Fatal(err)
	}
	for i, b := range []string{"b1", "b2", "b1"} {
		if err := g.put(b, fmt.Sprint("k", i), 10); err != nil {
			t.Fatal(err)
		}
	}
	if err := g.put("b2", "more", 10); !isQuotaExceeded(err) {
		t.Fatalf("fourth object of the account: %v", err)
	}
	st, err := g.q.Status(ctx, Scope{Account, "acct"})
	if err != nil || st.Usage.Objects != 3 {
		t.Fatalf("status %+v %v", st, err)
	}
	if err := g.q.Delete(ctx, Scope{Account, "acct"}); err != nil {
		t.Fatal(err)
	}
	if err := g.put("b2", "more", 10); err != nil {
		t.Fatalf("quota deleted: %v", err)
	}
}

// TestGatewaysShareTheLimit writes from three gateways (each its own
// allowance and reservation) with small reservations, in parallel, until
// every writer is refused: the usage ends at most at the limit.
func TestGatewaysShareTheLimit(t *testing.T) {
	const bound = 0 // commits land well within the margin here
	edit := func(c *Config) { c.GrantBytes = 64 << 10 }
	w := newWorld(t)
	gws := []*gateway{w.gateway(t, "g1", edit), w.gateway(t, "g2", edit), w.gateway(t, "g3", edit)}
	if err := gws[0].svc.CreateBucket(ctx, object.Bucket{Name: "b", Account: "acct"}); err != nil {
		t.Fatal(err)
	}
	const limit = 2 << 20
	if err := gws[0].q.Set(ctx, Quota{Scope: Scope{Bucket, "b"}, Limits: Limits{MaxBytes: limit}}); err != nil {
		t.Fatal(err)
	}
	for _, g := range gws[1:] { // what the metadata watch does in a cluster
		if err := g.q.Reload(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var accepted int64
	for c := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g := gws[c%len(gws)]
			for i := 0; ; i++ {
				n := 7<<10 + 1000*c // sizes that do not divide the limit
				err := g.put("b", fmt.Sprintf("c%d/%d", c, i), n)
				if isQuotaExceeded(err) {
					return
				}
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				accepted += int64(n)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	u, err := gws[0].svc.RecountUsage(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	if u.LogicalBytes != accepted {
		t.Fatalf("usage %d, accepted %d", u.LogicalBytes, accepted)
	}
	if u.LogicalBytes > limit+bound {
		t.Fatalf("usage %d beyond the limit %d + %d", u.LogicalBytes, limit, bound)
	}
	t.Logf("filled %d of %d bytes (%.1f%%), overshoot %d (bound %d)", u.LogicalBytes, limit,
		100*float64(u.LogicalBytes)/limit, max(0, u.LogicalBytes-limit), bound)
}

func TestSoftLimitAlerts(t *testing.T) {
	w := newWorld(t)
	g := w.gateway(t, "g1", nil)
	if err := g.svc.CreateBucket(ctx, object.Bucket{Name: "b", Account: "acct"}); err != nil {
		t.Fatal(err)
	}
	if err := g.q.Set(ctx, Quota{Scope: Scope{Bucket, "b"}, Limits: Limits{SoftBytes: 100, SoftObjects: 10}}); err != nil {
		t.Fatal(err)
	}
	if err := g.put("b", "k", 150); err != nil { // soft only: accepted
		t.Fatal(err)
	}
	alerts, err := g.q.Alerts(ctx)
	if err != nil || len(alerts) != 1 || alerts[0].Resource != "bytes" || alerts[0].Used != 150 || alerts[0].Soft != 100 {
		t.Fatalf("alerts %+v %v", alerts, err)
	}
	if v := gauge(t, g.q, "strata_quota_soft_exceeded"); v != 1 {
		t.Fatalf("soft-limit gauge %v", v)
	}
	if _, err := g.svc.DeleteObject(ctx, "b", "k", ""); err != nil {
		t.Fatal(err)
	}
	if alerts, err := g.q.Alerts(ctx); err != nil || len(alerts) != 0 {
		t.Fatalf("alerts after delete %+v %v", alerts, err)
	}
}

func TestLimitsValidated(t *testing.T) {
	w := newWorld(t)
	g := w.gateway(t, "g1", nil)
	for _, q := range []Quota{
		{Scope: Scope{"disk", "x"}, Limits: Limits{MaxBytes: 1}},
		{Scope: Scope{Bucket, ""}, Limits: Limits{MaxBytes: 1}},
		{Scope: Scope{Account, "a"}, Limits: Limits{MaxBytes: -1}},
		{Scope: Scope{Account, "a"}},
		{Scope: Scope{Bucket, "nosuchbucket"}, Limits: Limits{MaxBytes: 1}},
	} {
		if err := g.q.Set(ctx, q); err == nil {
			t.Errorf("%+v accepted", q)
		}
	}
	if err := g.q.Set(ctx, Quota{Scope: Scope{Account, "a"}, Limits: Limits{MaxObjects: 7}}); err != nil {
		t.Fatal(err)
	}
	qs, err := g.q.List(ctx)
	if err != nil || len(qs) != 1 || qs[0].MaxObjects != 7 || qs[0].Name != "a" {
		t.Fatalf("list %+v %v", qs, err)
	}
}

// gauge reads the single value of one of the manager's metrics.
func gauge(t *testing.T, q *Manager, name string) float64 {
	t.Helper()
	reg := prometheus.NewRegistry()
	reg.MustRegister(q.Collectors()...)
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name && len(mf.GetMetric()) == 1 {
			return mf.GetMetric()[0].GetGauge().GetValue()
		}
	}
	t.Fatalf("no single %s", name)
	return 0
}

// TestReservationsExpire: another gateway's reservation counts against a
// gateway's grant (usage plus reservations never pass the limit) until
// it expires, so a gateway that stopped holds room only for GrantTTL.
func TestReservationsExpire(t *testing.T) {
	w := newWorld(t)
	g1, g2 := w.gateway(t, "g1", nil), w.gateway(t, "g2", nil)
	if err := g1.svc.CreateBucket(ctx, object.Bucket{Name: "b", Account: "acct"}); err != nil {
		t.Fatal(err)
	}
	if err := g1.q.Set(ctx, Quota{Scope: Scope{Bucket, "b"}, Limits: Limits{MaxBytes: 1 << 20}}); err != nil {
		t.Fatal(err)
	}
	if err := g2.q.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if err := g1.put("b", "a", 300<<10); err != nil {
		t.Fatal(err)
	}
	// g1 reserved 300 KiB and spent it: until its reservation expires,
	// it counts both as usage and as reservation, leaving 424 KiB.
	if err := g2.put("b", "b", 500<<10); !isQuotaExceeded(err) {
		t.Fatalf("g2 within g1's reservation: %v", err)
	}
	if err := g2.put("b", "b", 400<<10); err != nil {
		t.Fatalf("g2 within what is left: %v", err)
	}
	g2.q.SetClock(func() time.Time { return time.Now().Add(DefaultConfig().GrantTTL + time.Second) })
	if err := g2.put("b", "c", 300<<10); err != nil {
		t.Fatalf("g2 once g1's reservation expired: %v", err)
	}
	if u, _ := g2.svc.BucketUsage(ctx, "b"); u.LogicalBytes != 1000<<10 {
		t.Fatalf("usage %+v", u)
	}
}

// TestFullBucketRename: a rename through the file view removes and adds
// in one transaction, and is charged the net change (none), so it works
// in a full bucket; an unversioned overwrite that shrinks works too.
func TestFullBucketRename(t *testing.T) {
	w := newWorld(t)
	g := w.gateway(t, "g1", nil)
	if err := g.svc.CreateBucket(ctx, object.Bucket{Name: "b", Account: "acct"}); err != nil {
		t.Fatal(err)
	}
	if err := g.put("b", "a", 1<<20); err != nil {
		t.Fatal(err)
	}
	if err := g.q.Set(ctx, Quota{Scope: Scope{Bucket, "b"}, Limits: Limits{MaxBytes: 1 << 20, MaxObjects: 1}}); err != nil {
		t.Fatal(err)
	}
	if err := g.svc.FSRename(ctx, "b", "a", "renamed", 0); err != nil {
		t.Fatalf("rename in a full bucket: %v", err)
	}
	if _, err := g.svc.FSCreate(ctx, "b", "new", object.FileAttr{Mode: 0o100644}, false); !isQuotaExceeded(err) {
		t.Fatalf("create past the object quota: %v", err)
	}
	u, _ := g.svc.BucketUsage(ctx, "b")
	if u.Objects != 1 || u.LogicalBytes != 1<<20 {
		t.Fatalf("usage %+v", u)
	}
}
