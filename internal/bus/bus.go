package bus

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/strata-storage/strata/internal/strata"
)

// Stream names and subjects.
const (
	// EventStream keeps every event (subject EventSubject.<bucket hash>),
	// for replay and for consumers outside Strata.
	EventStream  = "STRATA_EVENTS"
	EventSubject = "strata.events"
	// DeliverStream holds one message per event and target, on subject
	// DeliverSubject.<target>.<lane>; each lane is consumed in order.
	DeliverStream  = "STRATA_DELIVER"
	DeliverSubject = "strata.deliver"
	// DeadStream keeps deliveries that ran out of attempts, on
	// DeadSubject.<target>.
	DeadStream  = "STRATA_DEAD"
	DeadSubject = "strata.dead"
)

// DefaultDedupWindow is Options.DedupWindow when it is left zero. A
// repeat comes only from the one batch a relay had published and not yet
// deleted when it died: the relay that takes over publishes it again
// after the 4 s lease, a restarted process within seconds. A power loss
// whose machine is back later than this repeats that one batch (delivery
// is at least once anyway).
const DefaultDedupWindow = 30 * time.Second

// Options configure the bus.
type Options struct {
	// URL of an external NATS cluster (JetStream enabled). Empty runs an
	// embedded server.
	URL string
	// Embedded server settings.
	Dir    string // JetStream storage folder
	Listen string // client address, host:port ("127.0.0.1:0" if empty); other nodes connect here
	Name   string // server name
	// ClusterListen and Routes make the embedded servers of several nodes
	// one NATS cluster (JetStream replicated): this server's route
	// address, and the other servers' route addresses (host:port).
	ClusterListen string
	Routes        []string
	// Retention of events for replay, and of dead letters.
	EventAge, DeadAge time.Duration
	EventBytes        int64 // most bytes of event history kept (default 1 GiB; the oldest go first)
	// DedupWindow is how long the event and delivery streams remember a
	// message id, so that a relay taking over (lease of 4 s) or restarting
	// repeats nothing visible (default 30 s; JetStream's own is 2
	// minutes). The streams keep one entry per message in memory for the
	// window, and the garbage collector marks them all: 2 minutes at 5,500
	// events/s (a relay that keeps up) was 89 MiB of a 259 MiB heap and
	// cost the PUTs and reads beside it a quarter or more of their rate
	// (docs/SHARDING.md).
	DedupWindow time.Duration
	// Replicas of the streams, applied with the rest of their settings.
	// 0 on an embedded server is 1. 0 with a URL only creates missing
	// streams, as R1, and leaves existing ones as they are: a gateway that
	// joins a bus with only its URL must not scale down what the bus
	// servers made R3 (losing one server then lost the only copy).
	Replicas int
	Logger   *slog.Logger
	// TLS, when set, is mutual TLS: the embedded server's client port and
	// routes require a certificate signed by the cluster CA (the TLS
	// handshake comes first, so nothing is ever sent in clear), and this
	// connection presents one. It must act as both server and client
	// (tlsutil.Set.Mutual).
	TLS *tls.Config
}

// Bus is a connection to the bus, with the embedded server if any.
type Bus struct {
	srv *server.Server
	NC  *nats.Conn
	JS  jetstream.JetStream
	url string
	log *slog.Logger
	// atomic: the streams that take atomic batches (batch.go); staged:
	// those whose server stages each batch on disk (one replica, files).
	atomic, staged map[string]bool
}

// Open starts or connects to the bus and makes sure the streams exist.
func Open(ctx context.Context, o Options) (*Bus, error) {
	const op = "bus.Open"
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.EventAge == 0 {
		o.EventAge = 7 * 24 * time.Hour
	}
	if o.DeadAge == 0 {
		o.DeadAge = 30 * 24 * time.Hour
	}
	if o.EventBytes == 0 {
		o.EventBytes = 1 << 30
	}
	if o.DedupWindow == 0 {
		o.DedupWindow = DefaultDedupWindow
	}
	if o.URL == "" && o.Replicas == 0 {
		// This node is the bus: it decides (and upgrades) the streams.
		o.Replicas = 1
	}
	b := &Bus{url: o.URL, log: o.Logger, atomic: map[string]bool{}, staged: map[string]bool{}}
	if o.URL == "" {
		if err := b.startEmbedded(o); err != nil {
			return nil, err
		}
	}
	copts := []nats.Option{nats.Name("strata"), nats.MaxReconnects(-1), nats.ReconnectWait(250 * time.Millisecond),
		nats.RetryOnFailedConnect(true)}
	if o.TLS != nil {
		copts = append(copts, nats.Secure(o.TLS), nats.TLSHandshakeFirst())
	}
	nc, err := nats.Connect(b.url, copts...)
	if err != nil {
		b.Close()
		return nil, strata.E(op, strata.Unavailable, err)
	}
	b.NC = nc
	// A cluster's nodes start together: wait for the bus node.
	for deadline := time.Now().Add(60 * time.Second); !nc.IsConnected(); {
		if time.Now().After(deadline) || ctx.Err() != nil {
			b.Close()
			return nil, strata.Errorf(op, strata.Unavailable, "event bus %s unreachable", b.url)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if b.JS, err = jetstream.New(nc); err != nil {
		b.Close()
		return nil, strata.E(op, strata.Internal, err)
	}
	if err := b.ensureStreams(ctx, o); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

func (b *Bus) startEmbedded(o Options) error {
	const op = "bus.Open"
	host, port := "127.0.0.1", -1
	if o.Listen != "" {
		h, p, err := net.SplitHostPort(o.Listen)
		if err != nil {
			return strata.E(op, strata.Invalid, err)
		}
		if host = h; host == "" {
			host = "0.0.0.0"
		}
		if port, err = strconv.Atoi(p); err != nil {
			return strata.E(op, strata.Invalid, err)
		}
		if port == 0 {
			port = -1 // nats: random port
		}
	}
	name := o.Name
	if name == "" {
		name = "strata"
	}
	opts := &server.Options{
		ServerName: name, Host: host, Port: port, NoSigs: true, NoLog: true,
		JetStream: true, StoreDir: o.Dir,
		// Every write is synced before it is acknowledged: the relay
		// deletes an event from the outbox only once the bus has it on
		// disk, so an acknowledged event must survive a power loss.
		SyncAlways:         true,
		JetStreamMaxMemory: 64 << 20,
	}
	if o.TLS != nil {
		opts.TLS, opts.TLSVerify, opts.TLSConfig, opts.TLSTimeout = true, true, o.TLS, 5
		opts.TLSHandshakeFirst = true
	}
	if o.ClusterListen != "" {
		h, p, err := net.SplitHostPort(o.ClusterListen)
		if err != nil {
			return strata.E(op, strata.Invalid, err)
		}
		cport, err := strconv.Atoi(p)
		if err != nil {
			return strata.E(op, strata.Invalid, err)
		}
		opts.Cluster = server.ClusterOpts{Name: "strata-bus", Host: h, Port: cport}
		if o.TLS != nil {
			opts.Cluster.TLSConfig, opts.Cluster.TLSTimeout = o.TLS, 5
		}
		for _, r := range o.Routes {
			opts.Routes = append(opts.Routes, &url.URL{Scheme: "nats", Host: r})
		}
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		return strata.E(op, strata.Internal, err)
	}
	srv.Start()
	if !srv.ReadyForConnections(15 * time.Second) {
		srv.Shutdown()
		return strata.Errorf(op, strata.Unavailable, "embedded NATS did not start")
	}
	b.srv = srv
	b.url = srv.ClientURL()
	b.log.Info("event bus started", "url", b.url, "dir", o.Dir)
	return nil
}

func (b *Bus) ensureStreams(ctx context.Context, o Options) error {
	streams := []jetstream.StreamConfig{
		// The relay publishes to these two in atomic batches (batch.go).
		{Name: EventStream, Subjects: []string{EventSubject + ".>"}, Storage: jetstream.FileStorage,
			MaxAge: o.EventAge, MaxBytes: o.EventBytes, Discard: jetstream.DiscardOld, Duplicates: o.DedupWindow, Replicas: o.Replicas,
			AllowAtomicPublish: true},
		{Name: DeliverStream, Subjects: []string{DeliverSubject + ".>"}, Storage: jetstream.FileStorage,
			Retention: jetstream.WorkQueuePolicy, Duplicates: o.DedupWindow, Replicas: o.Replicas,
			AllowAtomicPublish: true},
		{Name: DeadStream, Subjects: []string{DeadSubject + ".>"}, Storage: jetstream.FileStorage,
			MaxAge: o.DeadAge, Replicas: o.Replicas},
	}
	// A NATS cluster that is still electing its JetStream leader refuses
	// for a while: retry for a minute.
	deadline := time.Now().Add(time.Minute)
	for _, sc := range streams {
		for {
			// Short tries: while the cluster elects, requests go unanswered.
			cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			cfg, err := b.ensureStream(cctx, sc)
			cancel()
			if err == nil {
				// A server that does not know the setting drops it.
				b.atomic[sc.Name] = cfg.AllowAtomicPublish
				b.staged[sc.Name] = cfg.Replicas <= 1 && cfg.Storage == jetstream.FileStorage
				break
			}
			if time.Now().After(deadline) || ctx.Err() != nil {
				return strata.E("bus.Open", strata.Unavailable, fmt.Errorf("stream %s: %w", sc.Name, err))
			}
			b.log.Info("event bus not ready; retrying", "stream", sc.Name, "err", err)
			time.Sleep(250 * time.Millisecond)
		}
	}
	return nil
}

// ensureStream creates sc or updates it. With sc.Replicas 0 it only
// creates a missing stream, as R1, and leaves an existing one as it is:
// reading the replicas and writing them back could undo a bus server's
// scale-up made in between. It returns the stream's configuration.
func (b *Bus) ensureStream(ctx context.Context, sc jetstream.StreamConfig) (jetstream.StreamConfig, error) {
	if sc.Replicas != 0 {
		s, err := b.JS.CreateOrUpdateStream(ctx, sc)
		if err != nil {
			return sc, err
		}
		return s.CachedInfo().Config, nil
	}
	sc.Replicas = 1
	for {
		s, err := b.JS.Stream(ctx, sc.Name)
		if err == nil {
			return s.CachedInfo().Config, nil
		}
		if !errors.Is(err, jetstream.ErrStreamNotFound) {
			return sc, err
		}
		s, err = b.JS.CreateStream(ctx, sc)
		if err == nil {
			return s.CachedInfo().Config, nil
		}
		if !errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			return sc, err
		}
	}
}

// URL is the address clients (and other nodes) connect to.
func (b *Bus) URL() string { return b.url }

// Close disconnects and stops the embedded server, if any.
func (b *Bus) Close() {
	if b.NC != nil {
		b.NC.Drain()
		b.NC.Close()
	}
	if b.srv != nil {
		b.srv.Shutdown()
		b.srv.WaitForShutdown()
	}
}
