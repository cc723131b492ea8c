package qos

import (
	"context"
	"math"
	"testing"
	"time"

	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/strata"
)

// clock is a test clock stepped by hand.
type clock struct{ ns int64 }

func (c *clock) now() int64           { return c.ns }
func (c *clock) step(d time.Duration) { c.ns += int64(d) }

func newLimiter(t testing.TB) (*Limiter, *clock) {
	t.Helper()
	eng, err := metapebble.Open(t.TempDir(), metapebble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	l, err := NewLimiter(context.Background(), NewStore(eng), nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{ns: 1}
	l.SetClock(c.now)
	return l, c
}

func set(t *testing.T, l *Limiter, sc Scope, lim Limit) {
	t.Helper()
	if err := l.Store().Set(context.Background(), sc, lim); err != nil {
		t.Fatal(err)
	}
}

// admitted counts how many of n requests pass.
func admitted(l *Limiter, account, bucket string, n int) int {
	ok := 0
	for range n {
		if _, err := l.Admit(account, bucket, false, false); err == nil {
			ok++
		}
	}
	return ok
}

func TestRateAndBurst(t *testing.T) {
	l, c := newLimiter(t)
	set(t, l, Scope{Account, "alice"}, Limit{Requests: 10, Burst: 5})
	if got := admitted(l, "alice", "b", 20); got != 5 {
		t.Fatalf("burst: %d admitted, want 5", got)
	}
	if got := admitted(l, "bob", "b", 100); got != 100 {
		t.Fatalf("bob: %d admitted, want all 100", got)
	}
	c.step(300 * time.Millisecond) // 3 tokens
	if got := admitted(l, "alice", "b", 20); got != 3 {
		t.Fatalf("after 300ms: %d admitted, want 3", got)
	}
	c.step(time.Hour) // capped at the burst
	if got := admitted(l, "alice", "b", 20); got != 5 {
		t.Fatalf("after an hour: %d admitted, want the burst 5", got)
	}
	// One simulated minute at 100 req/s: 10 req/s pass.
	total := 0
	for range 600 {
		c.step(100 * time.Millisecond)
		total += admitted(l, "alice", "b", 10)
	}
	if total != 600 {
		t.Fatalf("a minute at 100 req/s: %d admitted, want 600", total)
	}
}

func TestRefusalNamesScopeAndRefunds(t *testing.T) {
	l, _ := newLimiter(t)
	set(t, l, Scope{Account, "alice"}, Limit{Requests: 1, Burst: 3})
	set(t, l, Scope{Bucket, "hot"}, Limit{Requests: 1, Burst: 1})
	if _, err := l.Admit("alice", "hot", false, false); err != nil {
		t.Fatal(err)
	}
	_, err := l.Admit("alice", "hot", false, false)
	var r *Refusal
	if !IsRefusal(err) || !asRefusal(err, &r) || r.Scope != (Scope{Bucket, "hot"}) {
		t.Fatalf("got %v, want a refusal by bucket/hot", err)
	}
	// The bucket's refusal gave alice's token back: 2 remain.
	if got := admitted(l, "alice", "cold", 5); got != 2 {
		t.Fatalf("alice on another bucket: %d admitted, want 2", got)
	}
}

func asRefusal(err error, r **Refusal) bool {
	x, ok := err.(*Refusal)
	*r = x
	return ok
}

func TestBucketAndClusterScopes(t *testing.T) {
	l, _ := newLimiter(t)
	set(t, l, Scope{Bucket, "hot"}, Limit{Requests: 1, Burst: 4})
	if got := admitted(l, "alice", "hot", 3) + admitted(l, "bob", "hot", 3); got != 4 {
		t.Fatalf("bucket limit across accounts: %d admitted, want 4", got)
	}
	if got := admitted(l, "alice", "cold", 10); got != 10 {
		t.Fatalf("other bucket: %d admitted", got)
	}
	set(t, l, Scope{Kind: Cluster}, Limit{Requests: 1, Burst: 7})
	if got := admitted(l, "x", "", 10); got != 7 {
		t.Fatalf("cluster limit: %d admitted, want 7", got)
	}
}

func TestChangesApply(t *testing.T) {
	l, _ := newLimiter(t)
	ctx := context.Background()
	sc := Scope{Account, "alice"}
	set(t, l, sc, Limit{Requests: 1, Burst: 2})
	if got := admitted(l, "alice", "", 5); got != 2 {
		t.Fatalf("%d admitted, want 2", got)
	}
	// Raising the limit keeps the tokens (none) rather than refilling.
	set(t, l, sc, Limit{Requests: 1, Burst: 50})
	if got := admitted(l, "alice", "", 5); got != 0 {
		t.Fatalf("after raising: %d admitted, want 0 (no refill)", got)
	}
	if err := l.Store().Delete(ctx, sc); err != nil {
		t.Fatal(err)
	}
	if got := admitted(l, "alice", "", 5); got != 5 || l.Limited() {
		t.Fatalf("after delete: %d admitted, limited=%v", got, l.Limited())
	}
	if _, err := l.Store().Get(ctx, sc); !strata.Is(err, strata.NotExist) {
		t.Fatalf("get after delete: %v", err)
	}
	// A change from another gateway arrives through Apply.
	l.Apply([]byte("Q/b/hot"), []byte(`{"requests_per_sec":1,"burst":1}`))
	if got := admitted(l, "bob", "hot", 5); got != 1 {
		t.Fatalf("after Apply: %d admitted, want 1", got)
	}
	l.Apply([]byte("Q/b/hot"), nil)
	if l.Limited() {
		t.Fatal("still limited after a deletion through Apply")
	}
}

func TestStoreListAndValidate(t *testing.T) {
	l, _ := newLimiter(t)
	ctx := context.Background()
	set(t, l, Scope{Bucket, "b1"}, Limit{BytesIn: 100})
	set(t, l, Scope{Account, "a1"}, Limit{Requests: 5})
	set(t, l, Scope{Kind: Cluster}, Limit{Requests: 1000})
	list, err := l.Store().List(ctx)
	if err != nil || len(list) != 3 {
		t.Fatalf("list: %v %v", list, err)
	}
	want := []string{"account/a1", "bucket/b1", "cluster"}
	for i, s := range list {
		if s.Scope.String() != want[i] {
			t.Fatalf("list[%d] = %s, want %s", i, s.Scope, want[i])
		}
	}
	bad := []struct {
		sc  Scope
		lim Limit
	}{
		{Scope{Account, ""}, Limit{Requests: 1}},
		{Scope{"tenant", "x"}, Limit{Requests: 1}},
		{Scope{Cluster, "x"}, Limit{Requests: 1}},
		{Scope{Bucket, "a/b"}, Limit{Requests: 1}},
		{Scope{Bucket, "b"}, Limit{Requests: -1}},
		{Scope{Bucket, "b"}, Limit{Requests: math.NaN()}},
		{Scope{Bucket, "b"}, Limit{Burst: 3}},
		{Scope{Bucket, "b"}, Limit{BytesOut: -5}},
	}
	for _, b := range bad {
		if err := l.Store().Set(ctx, b.sc, b.lim); !strata.Is(err, strata.Invalid) {
			t.Errorf("Set(%v, %+v) = %v, want Invalid", b.sc, b.lim, err)
		}
	}
	for _, s := range []string{"account/a", "bucket/b", "cluster"} {
		if sc, err := ParseScope(s); err != nil || sc.String() != s {
			t.Errorf("ParseScope(%q) = %v, %v", s, sc, err)
		}
	}
}

func TestBandwidthThrottles(t *testing.T) {
	l, c := newLimiter(t)
	set(t, l, Scope{Account, "alice"}, Limit{BytesIn: 1000, BytesOut: 2000})
	tk, err := l.Admit("alice", "b", true, true)
	if err != nil || !tk.Limited() {
		t.Fatalf("admit: %v limited=%v", err, tk.Limited())
	}
	if w := tk.WaitIn(1000); w != 0 {
		t.Fatalf("the first second's bytes wait %v", w)
	}
	if w := tk.WaitIn(500); w != 500*time.Millisecond {
		t.Fatalf("500 bytes over the budget wait %v, want 500ms", w)
	}
	// In debt by 500 bytes (half a second): still admitted.
	if _, err := l.Admit("alice", "b", true, false); err != nil {
		t.Fatalf("half a second overdrawn: %v", err)
	}
	tk.WaitIn(1000) // debt 1500 bytes: more than a second
	if _, err := l.Admit("alice", "b", true, false); !IsRefusal(err) {
		t.Fatalf("1.5 s overdrawn: %v, want a refusal", err)
	}
	// A download is not refused for the upload budget.
	if _, err := l.Admit("alice", "b", false, true); err != nil {
		t.Fatalf("download while uploads are overdrawn: %v", err)
	}
	c.step(time.Second)
	if _, err := l.Admit("alice", "b", true, false); err != nil {
		t.Fatalf("after the debt fell under a second: %v", err)
	}
	if w := tk.WaitOut(3000); w != 500*time.Millisecond {
		t.Fatalf("3000 bytes out at 2000/s with a 2000 burst wait %v, want 500ms", w)
	}
	// No bandwidth limit: the zero ticket.
	set(t, l, Scope{Account, "bob"}, Limit{Requests: 100})
	if tk, _ := l.Admit("bob", "b", true, true); tk.Limited() || tk.WaitIn(1<<30) != 0 {
		t.Fatal("a rate-only limit throttles bodies")
	}
}

// memBoard is an Exchange in memory, shared by the limiters of a test.
type memBoard struct {
	vals map[string][]byte
	self string
}

func (b *memBoard) Publish(_ context.Context, v []byte) error { b.vals[b.self] = v; return nil }
func (b *memBoard) Entries() map[string][]byte                { return b.vals }
func (b *memBoard) Self() string                              { return b.self }

// TestSharedClusterLimit: three gateways with one board split a limit by
// their demand, and together admit no more than the bound.
func TestSharedClusterLimit(t *testing.T) {
	ctx := context.Background()
	vals := map[string][]byte{}
	var ls []*Limiter
	var bs []*memBoard
	c := &clock{ns: 1}
	for i := range 3 {
		l, _ := newLimiter(t)
		l.SetClock(c.now)
		set(t, l, Scope{Account, "alice"}, Limit{Requests: 30})
		ls = append(ls, l)
		bs = append(bs, &memBoard{vals: vals, self: string(rune('a' + i))})
	}
	rebalance := func() {
		for i, l := range ls {
			if err := l.Rebalance(ctx, bs[i]); err != nil {
				t.Fatal(err)
			}
		}
	}
	rebalance() // each gateway joins the board
	rebalance() // and sees the others
	sc := Scope{Account, "alice"}
	if s := ls[0].Share(sc) + ls[1].Share(sc) + ls[2].Share(sc); math.Abs(s-1) > 1e-9 {
		t.Fatalf("idle shares sum to %v", s)
	}
	// Gateway a gets 3× the traffic of b; c gets none. 60 s simulated,
	// 10 ms steps: a is asked 200 req/s, b 67 req/s.
	total, perGW := 0, [3]int{}
	for step := range 6000 {
		c.step(10 * time.Millisecond)
		n := admitted(ls[0], "alice", "", 2)
		perGW[0] += n
		if step%3 == 0 {
			m := admitted(ls[1], "alice", "", 2)
			perGW[1] += m
			n += m
		}
		total += n
		if step%50 == 49 {
			rebalance()
		}
	}
	// Bound: L·T + B + n = 30·60 + 30 + 3.
	if total > 30*60+30+3 {
		t.Fatalf("admitted %d in 60 s, over the bound %d", total, 30*60+33)
	}
	// The split follows the demand: within 10% of the limit overall.
	if total < 30*60*9/10 {
		t.Fatalf("admitted %d in 60 s, want about 1800", total)
	}
	if perGW[0] < 2*perGW[1] {
		t.Fatalf("per gateway %v: a, asked 3× b's traffic, should admit more", perGW)
	}
	if s := ls[0].Share(sc) + ls[1].Share(sc) + ls[2].Share(sc); math.Abs(s-1) > 0.05 {
		t.Fatalf("busy shares sum to %v", s)
	}
	if ls[2].Share(sc) > 0.05 {
		t.Fatalf("idle gateway keeps share %v", ls[2].Share(sc))
	}
}

func TestSharesTable(t *testing.T) {
	a := Scope{Account, "a"}
	lim := map[Scope]Limit{a: {Requests: 100}}
	for _, tc := range []struct {
		own   float64
		peers []float64
		want  float64
	}{
		{0, nil, 1},
		{0, []float64{0, 0}, 1.0 / 3},
		{50, []float64{50}, 0.5},
		{100, []float64{0, 0}, (100 + 2.0/3) / (100 + 2)},
		{0, []float64{100}, 1.0 / 102},
	} {
		var peers []demandOf
		for _, p := range tc.peers {
			peers = append(peers, demandOf{"account/a": {p, 0, p * 1000}})
		}
		f, ok := shares(lim, map[Scope]dims{a: {tc.own, 0, tc.own * 1000}}, peers)[a]
		if !ok {
			f = dims{1, 1, 1}
		}
		// Bytes out are shared as requests are (same proportions); no
		// bytes in asked anywhere means equal shares.
		got := f[0]
		if math.Abs(f[2]-got) > 1e-6 || math.Abs(f[1]-1/float64(len(tc.peers)+1)) > 1e-6 {
			t.Errorf("own %v peers %v: shares %v", tc.own, tc.peers, f)
		}
		if math.Abs(got-tc.want) > 1e-6 {
			t.Errorf("own %v peers %v: share %v, want %v", tc.own, tc.peers, got, tc.want)
		}
	}
}

// TestConcurrentChanges: requests keep being admitted while limits change
// shape and shares are rebalanced (run it with -race).
func TestConcurrentChanges(t *testing.T) {
	l, _ := newLimiter(t)
	l.SetClock(monotonic())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 2000 {
			tk, err := l.Admit("alice", "photos", i%2 == 0, i%3 == 0)
			if err == nil {
				tk.WaitIn(100)
				tk.WaitOut(100)
			}
		}
	}()
	b := &memBoard{vals: map[string][]byte{"other": []byte(`{"account/alice":[5,0,0]}`)}, self: "me"}
	vals := []string{`{"requests_per_sec":100}`, `{"bytes_in_per_sec":1000}`, `{"requests_per_sec":5,"bytes_out_per_sec":10}`}
	for i := 0; ; i++ {
		select {
		case <-done:
			return
		default:
		}
		l.Apply([]byte("Q/a/alice"), []byte(vals[i%3]))
		l.Apply([]byte("Q/b/photos"), []byte(vals[(i+1)%3]))
		if err := l.Rebalance(context.Background(), b); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDefaultAccountLimit: account/* gives each account without a limit
// of its own the same limit, counted apart; an own limit wins; removing
// the default frees them.
func TestDefaultAccountLimit(t *testing.T) {
	l, c := newLimiter(t)
	set(t, l, Scope{Account, AnyAccount}, Limit{Requests: 1, Burst: 2})
	set(t, l, Scope{Account, "carol"}, Limit{Requests: 1, Burst: 5})
	for _, tc := range []struct {
		account string
		want    int
	}{{"alice", 2}, {"bob", 2}, {"carol", 5}, {"", 10}} {
		if got := admitted(l, tc.account, "b", 10); got != tc.want {
			t.Errorf("%q: %d of 10 admitted, want %d", tc.account, got, tc.want)
		}
	}
	// Shares reach the default's entries too.
	b := &memBoard{vals: map[string][]byte{"other": []byte(`{"account/alice":[100,0,0]}`)}, self: "me"}
	c.step(time.Second)
	if err := l.Rebalance(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	if s := l.Share(Scope{Account, "alice"}); s > 0.5 || s <= 0 {
		t.Fatalf("alice's share with a busier peer: %v", s)
	}
	// The peer leaves; alice gets her own limit: the default no longer
	// applies to her.
	if err := l.Rebalance(context.Background(), &memBoard{vals: map[string][]byte{}, self: "me"}); err != nil {
		t.Fatal(err)
	}
	set(t, l, Scope{Account, "alice"}, Limit{Requests: 1, Burst: 50})
	c.step(time.Hour)
	if got := admitted(l, "alice", "b", 100); got != 50 {
		t.Fatalf("alice with her own limit: %d admitted", got)
	}
	if err := l.Store().Delete(context.Background(), Scope{Account, AnyAccount}); err != nil {
		t.Fatal(err)
	}
	if got := admitted(l, "bob", "b", 10); got != 10 {
		t.Fatalf("bob once the default is gone: %d of 10", got)
	}
	if err := l.Store().Set(context.Background(), Scope{Bucket, AnyAccount}, Limit{Requests: 1}); !strata.Is(err, strata.Invalid) {
		t.Fatalf("bucket/*: %v, want Invalid", err)
	}
}

// TestBandwidthShares: two gateways, one with many small requests and
// one with few large downloads, split a scope's request rate and byte
// rate each by its own demand.
func TestBandwidthShares(t *testing.T) {
	ctx := context.Background()
	vals := map[string][]byte{}
	c := &clock{ns: 1}
	sc := Scope{Bucket, "media"}
	var ls [2]*Limiter
	var bs [2]*memBoard
	for i := range ls {
		ls[i], _ = newLimiter(t)
		ls[i].SetClock(c.now)
		set(t, ls[i], sc, Limit{Requests: 100, BytesOut: 10 << 20})
		bs[i] = &memBoard{vals: vals, self: string(rune('a' + i))}
	}
	for range 20 {
		c.step(Interval)
		for range 40 { // a: 80 small GETs/s
			if tk, err := ls[0].Admit("x", "media", false, true); err == nil {
				tk.WaitOut(1 << 10)
			}
		}
		for range 2 { // b: 4 GETs/s of 2 MiB
			if tk, err := ls[1].Admit("x", "media", false, true); err == nil {
				tk.WaitOut(2 << 20)
			}
		}
		for i, l := range ls {
			if err := l.Rebalance(ctx, bs[i]); err != nil {
				t.Fatal(err)
			}
		}
	}
	a, b := ls[0].share(sc), ls[1].share(sc)
	t.Logf("shares: a %v, b %v", a, b)
	if a[0] < 0.9 || b[2] < 0.9 {
		t.Fatalf("a should hold most of the request rate (%v), b most of the byte rate (%v)", a[0], b[2])
	}
	for i := range a {
		if math.Abs(a[i]+b[i]-1) > 0.05 {
			t.Fatalf("dimension %d: shares sum to %v", i, a[i]+b[i])
		}
	}
}
