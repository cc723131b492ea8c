package server

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/strata"
)

// maxMetaShards bounds --meta-shards: each store has its own WAL and
// compactions, and more stores than disks and cores buy nothing.
const maxMetaShards = 64

// openEmbeddedMeta opens the embedded server's metadata: DATA/meta, which
// holds the directory and is meta2 shard "0", and with --meta-shards N
// the stores DATA/meta-shards/1 … N-1 as shards "1" … "N-1". One engine
// validates and applies its commits under one lock and has one WAL and
// one set of compactions, so a bucket whose key ranges sit in several
// stores commits in parallel, as the ranges of a cluster do on several
// meta2 shards. A store once made may hold ranges:
// every existing one is opened even when --meta-shards is lowered, so the
// count can grow but never loses data by shrinking.
func (n *Node) openEmbeddedMeta() error {
	dirs := []string{filepath.Join(n.cfg.DataDir, "meta")}
	for i := 1; ; i++ {
		d := metaShardDir(n.cfg.DataDir, i)
		if _, err := os.Stat(d); i >= n.cfg.MetaShards && err != nil {
			break
		}
		dirs = append(dirs, d)
	}
	es, err := metapebble.OpenSet(dirs, metapebble.Options{Logger: n.log, CacheSize: n.cfg.MetaCache, Hot: directory.RangeStateKey})
	if err != nil {
		return err
	}
	n.engine = es[0]
	if len(es) > 1 {
		n.local = &localShards{engines: es}
		n.log.Info("embedded metadata shards", "stores", len(es))
	}
	return nil
}

func metaShardDir(data string, i int) string {
	return filepath.Join(data, "meta-shards", strconv.Itoa(i))
}

// localShards are the embedded server's metadata stores, shard i being
// engines[i]. It places new buckets and new key ranges (directory.ShardSource)
// on the store that takes the least disk space, a live figure in the way
// the conscience scores a cluster's meta2 shards.
type localShards struct {
	engines []*metapebble.Engine
}

var _ directory.ShardSource = (*localShards)(nil)

// byID returns the directory's shard map (nil: the directory's default,
// the root alone).
func (l *localShards) byID(root meta.Engine) map[string]meta.Engine {
	if l == nil {
		return nil
	}
	out := map[string]meta.Engine{directory.DefaultShard: root}
	for i, e := range l.engines[1:] {
		out[strconv.Itoa(i+1)] = e
	}
	return out
}

// Engine returns a store by shard id.
func (l *localShards) Engine(_ context.Context, id string) (meta.Engine, error) {
	i, err := strconv.Atoi(id)
	if err != nil || i < 0 || i >= len(l.engines) {
		return nil, strata.Errorf("server.localShards", strata.Unavailable, "meta2 shard %q unknown: was DATA/meta-shards removed?", id)
	}
	return l.engines[i], nil
}

// Pick returns the store that takes the least disk space.
func (l *localShards) Pick(ctx context.Context) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	best, least := 0, uint64(0)
	for i, e := range l.engines {
		if u := e.DiskUsage(); i == 0 || u < least {
			best, least = i, u
		}
	}
	return strconv.Itoa(best), nil
}

// close closes the stores beyond the root (the node closes the root).
func (l *localShards) close() error {
	if l == nil {
		return nil
	}
	var errs []error
	for _, e := range l.engines[1:] {
		errs = append(errs, e.Close())
	}
	return errors.Join(errs...)
}

// metaCollectors count each embedded store's optimistic commits that
// failed validation and ran again (a rate that climbs means transactions
// contend for the same keys; none on a cluster, whose engine is etcd),
// and its commits answered before their sync.
func (n *Node) metaCollectors() []prometheus.Collector {
	var es []*metapebble.Engine
	if n.local != nil {
		es = n.local.engines
	} else if e, ok := n.engine.(*metapebble.Engine); ok {
		es = []*metapebble.Engine{e}
	}
	var out []prometheus.Collector
	for i, e := range es {
		out = append(out, prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name:        "strata_meta_txn_conflicts_total",
			Help:        "Metadata transactions that conflicted at commit and ran again, per embedded store.",
			ConstLabels: prometheus.Labels{"store": strconv.Itoa(i)},
		}, func() float64 { return float64(e.Conflicts()) }))
		out = append(out, prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name:        "strata_meta_deferred_commits_total",
			Help:        "Metadata commits answered before their sync (meta.WithDeferredSync: mounts with --deferred-sync), per embedded store.",
			ConstLabels: prometheus.Labels{"store": strconv.Itoa(i)},
		}, func() float64 { return float64(e.DeferredCommits()) }))
		out = append(out, newStoreTables(i, e))
	}
	return out
}

// storeTables exports an embedded store's table count and its table and
// block caches' hits and misses: a store whose tables outnumber the table
// cache, or whose working set outgrows the block cache, shows here first
// as misses that climb with the store; the read amplification is what
// each point read pays per table; the bytes written by kind are its
// write amplification. One collector per store, so a scrape reads the
// store's metrics once for all its series.
type storeTables struct {
	e                                               *metapebble.Engine
	tables, readAmp, tcHits, tcMiss, bcHits, bcMiss *prometheus.Desc
	written, syncWait                               *prometheus.Desc
}

func newStoreTables(i int, e *metapebble.Engine) *storeTables {
	labels := prometheus.Labels{"store": strconv.Itoa(i)}
	desc := func(name, help string) *prometheus.Desc { return prometheus.NewDesc(name, help, nil, labels) }
	return &storeTables{e: e,
		tables:  desc("strata_meta_tables", "Tables (sstables) in an embedded store, all levels."),
		readAmp: desc("strata_meta_read_amp", "Sublevels of L0 plus non-empty levels of an embedded store: the tables a point read may consult."),
		tcHits:  desc("strata_meta_table_cache_hits_total", "Table opens an embedded store's table cache served."),
		tcMiss:  desc("strata_meta_table_cache_misses_total", "Tables an embedded store had to open again (table cache misses)."),
		bcHits:  desc("strata_meta_block_cache_hits_total", "Blocks an embedded store's block cache served."),
		bcMiss:  desc("strata_meta_block_cache_misses_total", "Blocks an embedded store read from its files (block cache misses)."),
		written: prometheus.NewDesc("strata_meta_written_bytes_total",
			"Bytes an embedded store wrote since it opened, by kind: wal, flush (memtables to tables), compaction and ingest.",
			[]string{"kind"}, labels),
		syncWait: desc("strata_meta_commit_sync_seconds",
			"How long an embedded store's durable commits waited for its WAL's sync (fsyncs of concurrent commits are shared)."),
	}
}

func (c *storeTables) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.tables, c.readAmp, c.tcHits, c.tcMiss, c.bcHits, c.bcMiss, c.written, c.syncWait} {
		ch <- d
	}
}

func (c *storeTables) Collect(ch chan<- prometheus.Metric) {
	s := c.e.Stats()
	ch <- prometheus.MustNewConstMetric(c.tables, prometheus.GaugeValue, float64(s.Tables))
	ch <- prometheus.MustNewConstMetric(c.readAmp, prometheus.GaugeValue, float64(s.ReadAmp))
	for _, m := range []struct {
		d *prometheus.Desc
		v int64
	}{{c.tcHits, s.TableCacheHits}, {c.tcMiss, s.TableCacheMiss}, {c.bcHits, s.BlockCacheHits}, {c.bcMiss, s.BlockCacheMiss}} {
		ch <- prometheus.MustNewConstMetric(m.d, prometheus.CounterValue, float64(m.v))
	}
	for kind, v := range map[string]uint64{"wal": s.WALBytes, "flush": s.FlushBytes, "compaction": s.CompactionBytes, "ingest": s.IngestBytes} {
		ch <- prometheus.MustNewConstMetric(c.written, prometheus.CounterValue, float64(v), kind)
	}
	ch <- syncWaitHistogram(c.syncWait, c.e.SyncWaits())
}

// syncWaitHistogram turns the engine's sync-wait counts into a
// Prometheus histogram (cumulative buckets, in seconds).
func syncWaitHistogram(d *prometheus.Desc, s metapebble.SyncWaitStats) prometheus.Metric {
	buckets := make(map[float64]uint64, len(metapebble.SyncWaitBounds))
	var total uint64
	for i, bound := range metapebble.SyncWaitBounds {
		total += s.Counts[i]
		buckets[bound.Seconds()] = total
	}
	total += s.Counts[len(metapebble.SyncWaitBounds)]
	return prometheus.MustNewConstHistogram(d, total, s.Sum.Seconds(), buckets)
}
