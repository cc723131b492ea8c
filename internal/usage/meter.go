package usage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Config configures a gateway's meter.
type Config struct {
	Dir        string        // spool folder, on the gateway's data disk
	FlushEvery time.Duration // how often spooled records go to the engine
	Logger     *slog.Logger
}

// DefaultConfig returns the defaults (Dir must still be set).
func DefaultConfig() Config { return Config{FlushEvery: 10 * time.Second} }

// Validate checks the config.
func (c Config) Validate() error {
	if c.Dir == "" {
		return strata.Errorf("usage.Config", strata.Invalid, "no spool folder")
	}
	if c.FlushEvery <= 0 {
		return strata.Errorf("usage.Config", strata.Invalid, "flush interval %v", c.FlushEvery)
	}
	return nil
}

// Meter counts a gateway's requests: Count spools each one, and Run
// flushes the spool into the root engine. Count is safe for concurrent
// use; Flush calls are serialized.
type Meter struct {
	cfg   Config
	log   *slog.Logger
	store *Store
	sp    *spool
	gw    string // this gateway's id, kept in the spool folder

	flushMu sync.Mutex
}

// gatewayFile holds the gateway's id: the key of its applied sequence
// number in the engine, so it must survive restarts with the spool.
const gatewayFile = "gateway-id"

// Open opens the spool in cfg.Dir over the root engine eng. It applies
// nothing yet: the first Flush (Run starts with one) replays what an
// earlier run left.
func Open(ctx context.Context, cfg Config, eng meta.Engine) (*Meter, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	gw, err := gatewayID(cfg.Dir)
	if err != nil {
		return nil, err
	}
	st := NewStore(eng)
	after, err := st.Applied(ctx, gw)
	if err != nil {
		return nil, err
	}
	sp, err := openSpool(cfg.Dir, after)
	if err != nil {
		return nil, err
	}
	return &Meter{cfg: cfg, log: cfg.Logger, store: st, sp: sp, gw: gw}, nil
}

func gatewayID(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", strata.E("usage.Open", strata.Internal, err)
	}
	p := filepath.Join(dir, gatewayFile)
	b, err := os.ReadFile(p)
	if err == nil && len(strings.TrimSpace(string(b))) > 0 {
		return strings.TrimSpace(string(b)), nil
	}
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", strata.E("usage.Open", strata.Internal, err)
	}
	r := make([]byte, 12)
	rand.Read(r)
	id := hex.EncodeToString(r)
	// Written to a temporary name and renamed: a crash leaves no empty id.
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(id+"\n"), 0o644); err != nil {
		return "", strata.E("usage.Open", strata.Internal, err)
	}
	if err := os.Rename(tmp, p); err != nil {
		return "", strata.E("usage.Open", strata.Internal, err)
	}
	return id, nil
}

// Gateway is this gateway's id in the engine.
func (m *Meter) Gateway() string { return m.gw }

// Store is the meter's view of the samples.
func (m *Meter) Store() *Store { return m.store }

// Count spools one request. It returns once the record is written to
// the spool file, so the caller must call it before the response's last
// byte goes out. A request that cannot be spooled is logged and
// counted in strata_usage_spool_errors_total, and still served.
func (m *Meter) Count(r Request) {
	if r.Account == "" {
		return
	}
	c, known := ClassOf(r.Operation)
	if !known {
		m.log.Warn("usage: operation without a class", "op", r.Operation)
	}
	if r.Time.IsZero() {
		r.Time = time.Now()
	}
	rec := record{Hour: int64(HourOf(r.Time)), Class: c, BytesIn: r.BytesIn, BytesOut: r.BytesOut,
		Account: r.Account, Bucket: r.Bucket}
	if err := m.sp.append(rec); err != nil {
		spoolErrors.Inc()
		m.log.Error("usage: spool write failed", "err", err)
		return
	}
	classCounters[c].Inc()
	bytesIn.Add(float64(max(r.BytesIn, 0)))
	bytesOut.Add(float64(max(r.BytesOut, 0)))
}

// txnKeys bounds the samples one flush transaction updates.
const txnKeys = 256

// Flush moves every record spooled before the call into the engine and
// removes the spool segments it applied.
func (m *Meter) Flush(ctx context.Context) error {
	m.flushMu.Lock()
	defer m.flushMu.Unlock()
	if err := m.sp.rotate(); err != nil {
		return err
	}
	names, err := m.sp.closed()
	if err != nil {
		return err
	}
	for _, name := range names {
		if err := m.flushSegment(ctx, name); err != nil {
			flushes.WithLabelValues("error").Inc()
			return err
		}
	}
	flushes.WithLabelValues("ok").Inc()
	return nil
}

func (m *Meter) flushSegment(ctx context.Context, name string) error {
	recs, torn, err := m.sp.read(name)
	if err != nil {
		return err
	}
	if torn {
		m.log.Warn("usage: spool segment ends with a torn record; it is left out", "segment", name, "records", len(recs))
	}
	for len(recs) > 0 {
		n := chunk(recs)
		if err := m.store.apply(ctx, m.gw, recs[:n]); err != nil {
			return err
		}
		recs = recs[n:]
	}
	return m.sp.remove(name)
}

// chunk is how many leading records touch at most txnKeys samples.
func chunk(recs []record) int {
	type key struct {
		h    int64
		a, b string
	}
	seen := map[key]bool{}
	for i, r := range recs {
		k := key{r.Hour, r.Account, r.Bucket}
		if !seen[k] && len(seen) == txnKeys {
			return i
		}
		seen[k] = true
	}
	return len(recs)
}

// Run flushes every cfg.FlushEvery until ctx is cancelled; it starts
// with a flush, which replays what an earlier run left in the spool.
func (m *Meter) Run(ctx context.Context) error {
	t := time.NewTicker(m.cfg.FlushEvery)
	defer t.Stop()
	for {
		if err := m.Flush(ctx); err != nil && ctx.Err() == nil {
			m.log.Warn("usage: flush failed; retried", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Close flushes what is spooled (best effort: what it cannot flush
// stays spooled for the next start) and closes the spool. Call it once
// no request can be counted any more.
func (m *Meter) Close(ctx context.Context) error {
	err := m.Flush(ctx)
	if cerr := m.sp.close(); err == nil {
		err = cerr
	}
	return err
}
