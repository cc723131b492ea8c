package etcd

import (
	"context"
	"crypto/tls"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Options configure an Engine.
type Options struct {
	// Client is used when set (and not closed by Close); otherwise a
	// client is dialled to Endpoints, over TLS with TLS.
	Client    *clientv3.Client
	Endpoints []string
	TLS       *tls.Config
	// Prefix namespaces every key, so that several engines (shards,
	// the conscience) can share one etcd cluster.
	Prefix string
	// ReadTimeout bounds a linearizable read before the engine decides
	// the cluster has no quorum and reads locally (default 3s).
	ReadTimeout time.Duration
	// MaxAttempts bounds conflict retries of one Update (default 64).
	MaxAttempts int
	Logger      *slog.Logger
}

// Engine is a meta.Engine on etcd.
type Engine struct {
	cli       *clientv3.Client
	ownClient bool
	prefix    string
	end       string // PrefixEnd(prefix), "" = no bound ("\x00" in etcd terms)
	opts      Options
	log       *slog.Logger

	// degradedUntil is the unix-nano time until which Views read
	// serializably because a linearizable read recently timed out.
	degradedUntil atomic.Int64
}

var _ meta.Engine = (*Engine)(nil)

// Open returns an engine on an etcd cluster.
func Open(ctx context.Context, opts Options) (*Engine, error) {
	if opts.ReadTimeout <= 0 {
		opts.ReadTimeout = 3 * time.Second
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 64
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	e := &Engine{cli: opts.Client, prefix: opts.Prefix, opts: opts, log: opts.Logger}
	if e.cli == nil {
		if len(opts.Endpoints) == 0 {
			return nil, strata.Errorf("etcd.Open", strata.Invalid, "no etcd endpoints")
		}
		cli, err := NewTLSClient(opts.Endpoints, opts.TLS)
		if err != nil {
			return nil, err
		}
		e.cli, e.ownClient = cli, true
	}
	if e.prefix != "" {
		e.end = string(meta.PrefixEnd([]byte(e.prefix)))
	}
	return e, nil
}

// NewClient dials an etcd client with the settings Strata relies on:
// large requests (multipart manifests) and fast failover.
func NewClient(endpoints []string) (*clientv3.Client, error) { return NewTLSClient(endpoints, nil) }

// NewTLSClient is NewClient over TLS when tc is not nil (https
// endpoints; the members require a client certificate).
func NewTLSClient(endpoints []string, tc *tls.Config) (*clientv3.Client, error) {
	cli, err := clientv3.New(clientv3.Config{
		TLS:                tc,
		Endpoints:          endpoints,
		DialTimeout:        5 * time.Second,
		DialKeepAliveTime:  5 * time.Second,
		MaxCallSendMsgSize: MaxRequestBytes,
		MaxCallRecvMsgSize: 256 << 20,
		Logger:             quietZap(),
	})
	if err != nil {
		return nil, strata.E("etcd.NewClient", strata.Unavailable, err)
	}
	return cli, nil
}

// Client is the engine's etcd client.
func (e *Engine) Client() *clientv3.Client { return e.cli }

// Close closes the client if the engine dialled it.
func (e *Engine) Close() error {
	if e.ownClient {
		return e.cli.Close()
	}
	return nil
}

// View runs fn on a consistent snapshot.
func (e *Engine) View(ctx context.Context, fn func(meta.Reader) error) error {
	r := &reader{e: e, ctx: ctx, local: time.Now().UnixNano() < e.degradedUntil.Load(), view: true}
	return fn(r)
}

// Update runs fn in a serializable transaction, retrying on conflict.
func (e *Engine) Update(ctx context.Context, fn func(meta.Txn) error) error {
	const op = "etcd.Update"
	for attempt := 0; attempt < e.opts.MaxAttempts; attempt++ {
		t := newTxn(e, ctx)
		fnErr := fn(t)
		if t.err != nil {
			return t.err
		}
		if fnErr != nil {
			// The abort may rest on a stale local read: confirm the reads
			// before reporting it.
			t.writes = nil
		}
		ok, err := t.commit()
		if err != nil {
			return err
		}
		if ok {
			return fnErr
		}
		// Conflict: back off a little, with jitter, and rerun.
		d := time.Duration(rand.Int64N(int64(time.Millisecond)*int64(1+min(attempt, 20)))) + 100*time.Microsecond
		select {
		case <-ctx.Done():
			return strata.E(op, strata.Unavailable, ctx.Err())
		case <-time.After(d):
		}
	}
	return strata.Errorf(op, strata.Unavailable, "transaction conflicted %d times", e.opts.MaxAttempts)
}

func (e *Engine) key(k []byte) string { return e.prefix + string(k) }

// bound maps a caller's exclusive upper bound (nil = none) into etcd's
// key space.
func (e *Engine) bound(upper []byte) string {
	if upper == nil {
		if e.end == "" {
			return "\x00" // etcd: every key >= lower
		}
		return e.end
	}
	return e.prefix + string(upper)
}

// noQuorum reports errors that mean the cluster cannot serve
// linearizable requests right now.
func noQuorum(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, rpctypes.ErrNoLeader) ||
		errors.Is(err, rpctypes.ErrTimeout) || errors.Is(err, rpctypes.ErrTimeoutDueToLeaderFail) ||
		errors.Is(err, rpctypes.ErrTimeoutDueToConnectionLost) || errors.Is(err, rpctypes.ErrLeaderChanged) {
		return true
	}
	if s, ok := status.FromError(err); ok {
		switch s.Code() {
		case codes.Unavailable, codes.DeadlineExceeded:
			return true
		}
	}
	return false
}

// wrap turns an etcd error into a strata error.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) {
		return strata.E(op, strata.Unavailable, err)
	}
	if errors.Is(err, rpctypes.ErrCompacted) || noQuorum(err) {
		return strata.E(op, strata.Unavailable, err)
	}
	if errors.Is(err, rpctypes.ErrRequestTooLarge) || errors.Is(err, rpctypes.ErrTooManyOps) {
		return strata.E(op, strata.Invalid, err)
	}
	if errors.Is(err, rpctypes.ErrNoSpace) {
		return strata.E(op, strata.NoSpace, err)
	}
	return strata.E(op, strata.Unavailable, err)
}
