package etcd

import (
	"context"
	"slices"
	"strings"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// reader reads at one snapshot revision, fixed by its first read.
type reader struct {
	e     *Engine
	ctx   context.Context
	rev   int64 // 0 until the first read
	local bool  // serializable reads from the nearest member
	view  bool  // may fall back to local reads

	// Transactions only: what was read, for the commit's checks.
	reads  map[string]int64 // etcd key -> mod revision seen (0 = absent)
	ranges [][2]string      // etcd key ranges iterated
	err    error            // first read failure; fails the commit
}

func (r *reader) rangeGet(key, end string, limit int64) (*clientv3.GetResponse, error) {
	// Serializable (local member) reads are safe when the snapshot is
	// already fixed (the revision is history every member agrees on) and
	// inside transactions (the commit's compares reject stale reads).
	serial := r.local || r.rev > 0 || r.reads != nil
	resp, err := r.get(key, end, limit, serial)
	if err != nil && serial && !r.local && r.ctx.Err() == nil {
		// E.g. a lagging member that has not applied the revision yet.
		resp, err = r.get(key, end, limit, false)
	}
	if err != nil && r.view && !r.local && r.ctx.Err() == nil && noQuorum(err) {
		// No quorum: committed data stays readable from the local member.
		r.e.degradedUntil.Store(time.Now().Add(10 * time.Second).UnixNano())
		r.e.log.Warn("metadata cluster has no quorum; reading local member state", "err", err)
		r.local = true
		resp, err = r.get(key, end, limit, true)
	}
	if err != nil {
		err = wrap("etcd.read", err)
		if r.err == nil {
			r.err = err
		}
		return nil, err
	}
	if r.rev == 0 {
		r.rev = resp.Header.Revision
	}
	return resp, nil
}

func (r *reader) get(key, end string, limit int64, serial bool) (*clientv3.GetResponse, error) {
	var opts []clientv3.OpOption
	if end != "" {
		opts = append(opts, clientv3.WithRange(end))
	}
	if limit > 0 {
		opts = append(opts, clientv3.WithLimit(limit))
	}
	if r.rev > 0 {
		opts = append(opts, clientv3.WithRev(r.rev))
	}
	if serial {
		opts = append(opts, clientv3.WithSerializable())
	}
	ctx, cancel := context.WithTimeout(r.ctx, r.e.opts.ReadTimeout)
	defer cancel()
	return r.e.cli.Get(ctx, key, opts...)
}

// Get implements meta.Reader.
func (r *reader) Get(key []byte) ([]byte, error) {
	k := r.e.key(key)
	resp, err := r.rangeGet(k, "", 0)
	if err != nil {
		return nil, err
	}
	var mod int64
	if len(resp.Kvs) > 0 {
		mod = resp.Kvs[0].ModRevision
	}
	if r.reads != nil {
		r.reads[k] = mod
	}
	if len(resp.Kvs) == 0 {
		return nil, strata.Errorf("etcd.Get", strata.NotExist, "key not found")
	}
	v := resp.Kvs[0].Value
	if v == nil {
		v = []byte{}
	}
	return v, nil
}

// Iter implements meta.Reader.
func (r *reader) Iter(lower, upper []byte) meta.Iterator {
	return r.iter(lower, upper, nil)
}

func (r *reader) iter(lower, upper []byte, overlay []write) meta.Iterator {
	it := &iterator{r: r, lo: r.e.key(lower), hi: r.e.bound(upper), over: overlay, page: 256}
	if r.reads != nil {
		r.ranges = append(r.ranges, [2]string{it.lo, it.hi})
	}
	return it
}

// write is one buffered change of a transaction.
type write struct {
	key string // etcd key
	val []byte
	del bool
}

// txn buffers writes over a reader; the reads it makes are checked at
// commit.
type txn struct {
	reader
	writes map[string]write
}

func newTxn(e *Engine, ctx context.Context) *txn {
	return &txn{reader: reader{e: e, ctx: ctx, reads: map[string]int64{}}, writes: map[string]write{}}
}

func (t *txn) Get(key []byte) ([]byte, error) {
	if w, ok := t.writes[t.e.key(key)]; ok {
		if w.del {
			return nil, strata.Errorf("etcd.Get", strata.NotExist, "key not found")
		}
		return slices.Clone(w.val), nil
	}
	return t.reader.Get(key)
}

func (t *txn) Set(key, value []byte) error {
	k := t.e.key(key)
	t.writes[k] = write{key: k, val: slices.Clone(value)}
	return nil
}

func (t *txn) Delete(key []byte) error {
	k := t.e.key(key)
	t.writes[k] = write{key: k, del: true}
	return nil
}

// Iter sees the transaction's own writes made before the call.
func (t *txn) Iter(lower, upper []byte) meta.Iterator {
	lo, hi := t.e.key(lower), t.e.bound(upper)
	var over []write
	for k, w := range t.writes {
		if k >= lo && (hi == "\x00" || k < hi) {
			over = append(over, w)
		}
	}
	slices.SortFunc(over, func(a, b write) int { return strings.Compare(a.key, b.key) })
	return t.reader.iter(lower, upper, over)
}

// commit applies the writes if nothing read has changed. ok is false on
// a conflict. Without writes it still checks the reads, linearizably and
// with no log entry (see ops), because they were served by the local
// member and may be stale.
func (t *txn) commit() (ok bool, err error) {
	if len(t.writes) == 0 && len(t.reads) == 0 && len(t.ranges) == 0 {
		return true, nil
	}
	cmps := make([]clientv3.Cmp, 0, len(t.reads)+len(t.ranges))
	for k, mod := range t.reads {
		cmps = append(cmps, clientv3.Compare(clientv3.ModRevision(k), "=", mod))
	}
	if t.rev > 0 {
		for _, rg := range t.ranges {
			// Catches keys created or changed in the range since the
			// snapshot; deletions are caught by the per-key checks of
			// the keys the iterators returned.
			cmps = append(cmps, clientv3.Compare(clientv3.ModRevision(rg[0]).WithRange(rg[1]), "<", t.rev+1))
		}
	}
	resp, err := t.e.cli.Txn(t.ctx).If(cmps...).Then(t.ops()...).Commit()
	if err != nil {
		return false, wrap("etcd.Update", err)
	}
	return resp.Succeeded, nil
}

// ops returns the commit's writes. Without writes it returns one
// linearizable count instead: etcd serves a transaction whose every op is
// a serializable read (which an empty list is) from the local member,
// so a commit that only checks reads would confirm them against the very
// state that may be stale (a create acknowledged a moment ago then
// looked absent to the next transaction, and its abort stood).
func (t *txn) ops() []clientv3.Op {
	if len(t.writes) == 0 {
		key := "\x00"
		for k := range t.reads {
			key = k
			break
		}
		if len(t.reads) == 0 && len(t.ranges) > 0 && t.ranges[0][0] != "" {
			key = t.ranges[0][0]
		}
		return []clientv3.Op{clientv3.OpGet(key, clientv3.WithCountOnly())}
	}
	ops := make([]clientv3.Op, 0, len(t.writes))
	for _, w := range t.writes {
		if w.del {
			ops = append(ops, clientv3.OpDelete(w.key))
		} else {
			ops = append(ops, clientv3.OpPut(w.key, string(w.val)))
		}
	}
	return ops
}
