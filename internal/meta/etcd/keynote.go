package etcd

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/strata-storage/strata/internal/meta"
)

// maxNoted bounds the keys one note keeps between two Takes: past it, the
// note says it lost track and its owner compares whole spans.
const maxNoted = 1 << 21

// keyNote is meta.KeyNote on etcd: a watch of the spans, from the
// revision after the one the note began at. Every commit of another
// gateway reaches it too. A Take reads the store's revision, then asks the
// watch stream for its progress until every event up to that revision
// has arrived: the server answers a progress request only once every
// watch of the stream has been sent all it has (etcd 3.6 and later), and
// sends events in revision order.
type keyNote struct {
	e      *Engine
	spans  []meta.Span
	env    meta.Span
	wctx   context.Context // the watch's: RequestProgress goes to its stream
	cancel context.CancelFunc
	done   chan struct{}

	mu     sync.Mutex
	keys   map[string]struct{}
	seen   int64         // every event up to this revision has arrived
	lost   bool          // more than maxNoted keys since the last Take
	broken bool          // the watch ended (compacted, closed): every Take is incomplete
	moved  chan struct{} // closed when seen moves or the watch ends, then replaced
}

// NoteKeys begins a note of the keys written to spans (meta.NoteKeys).
// If the store cannot be read, the note is broken: every Take says
// incomplete, and its owner compares whole spans.
func (e *Engine) NoteKeys(ctx context.Context, spans []meta.Span) meta.KeyNote {
	n := &keyNote{e: e, spans: slices.Clone(spans), env: meta.Envelope(spans),
		keys: map[string]struct{}{}, moved: make(chan struct{}), done: make(chan struct{})}
	n.wctx, n.cancel = context.WithCancel(context.WithoutCancel(ctx))
	rev, err := n.revision(ctx)
	if err != nil {
		n.broken = true
		close(n.done)
		return n
	}
	n.seen = rev
	wch := e.cli.Watch(n.wctx, e.key(n.env.Lower), clientv3.WithRange(e.bound(n.env.Upper)), clientv3.WithRev(rev+1))
	go n.run(wch)
	return n
}

// revision returns the store's revision, read through the quorum: every
// commit that returned before the call is at or below it.
func (n *keyNote) revision(ctx context.Context) (int64, error) {
	resp, err := n.e.cli.Get(ctx, n.e.key(n.env.Lower), clientv3.WithCountOnly())
	if err != nil {
		return 0, err
	}
	return resp.Header.Revision, nil
}

func (n *keyNote) run(wch clientv3.WatchChan) {
	defer close(n.done)
	for wr := range wch {
		n.mu.Lock()
		if wr.Err() != nil || wr.Canceled {
			n.broken = true
		}
		for _, ev := range wr.Events {
			if k := strings.TrimPrefix(string(ev.Kv.Key), n.e.prefix); !n.lost && meta.InSpans(n.spans, k) {
				n.keys[k] = struct{}{}
			}
			n.seen = max(n.seen, ev.Kv.ModRevision)
		}
		if wr.IsProgressNotify() {
			n.seen = max(n.seen, wr.Header.Revision)
		}
		if len(n.keys) > maxNoted {
			n.lost, n.keys = true, map[string]struct{}{}
		}
		n.signal()
		n.mu.Unlock()
	}
	n.mu.Lock()
	n.broken = true
	n.signal()
	n.mu.Unlock()
}

// signal wakes the Takes waiting for the watch; with n.mu held.
func (n *keyNote) signal() {
	close(n.moved)
	n.moved = make(chan struct{})
}

func (n *keyNote) Take(ctx context.Context) ([][]byte, bool) {
	want, err := n.revision(ctx)
	if err != nil {
		return nil, false
	}
	for {
		n.mu.Lock()
		if n.broken {
			n.mu.Unlock()
			return nil, false
		}
		if n.seen >= want {
			keys, lost := n.keys, n.lost
			n.keys, n.lost = map[string]struct{}{}, false
			n.mu.Unlock()
			if lost {
				return nil, false
			}
			return meta.SortedKeys(keys), true
		}
		moved := n.moved
		n.mu.Unlock()
		if err := n.e.cli.RequestProgress(n.wctx); err != nil {
			return nil, false
		}
		select {
		case <-moved:
		case <-time.After(100 * time.Millisecond): // ask again
		case <-ctx.Done():
			return nil, false
		}
	}
}

func (n *keyNote) Close() {
	n.cancel()
	select {
	case <-n.done:
	case <-time.After(5 * time.Second):
	}
}
