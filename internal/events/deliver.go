package events

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/strata-storage/strata/internal/bus"
	"github.com/strata-storage/strata/internal/event"
)

// Deliverer consumes the delivery lanes of every target and function.
// Every gateway runs one; a lane has one message in flight cluster-wide.
type Deliverer struct {
	Bus     *bus.Bus
	Targets *Targets
	Fns     Functions
	Log     *slog.Logger
	HTTP    *http.Client
	// AckWait is the lease on a delivery: if its deliverer dies, another
	// gets it after this long (default 6 s).
	AckWait time.Duration

	mu     sync.Mutex
	lanes  map[string]context.CancelFunc // consumer name -> its loop
	extern map[string]*nats.Conn         // external NATS servers by URL
}

// Run keeps one loop per lane of every known target until ctx ends.
func (d *Deliverer) Run(ctx context.Context) {
	if d.HTTP == nil {
		d.HTTP = &http.Client{}
	}
	if d.AckWait == 0 {
		d.AckWait = 6 * time.Second
	}
	d.lanes = map[string]context.CancelFunc{}
	d.extern = map[string]*nats.Conn{}
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		d.sync(ctx)
		select {
		case <-ctx.Done():
			d.mu.Lock()
			for _, c := range d.extern {
				c.Close()
			}
			d.mu.Unlock()
			return
		case <-t.C:
		}
	}
}

// sync starts loops for new targets and stops those of removed ones.
func (d *Deliverer) sync(ctx context.Context) {
	want := map[string][2]any{} // consumer -> {tid, lane}
	add := func(tid string, lanes int) {
		for l := range lanes {
			want[consumerName(tid, l)] = [2]any{tid, l}
		}
	}
	if ts, err := d.Targets.List(ctx); err == nil {
		for _, t := range ts {
			add(TargetID(event.Target{Kind: t.Kind, Name: t.Name}), TargetLanes)
		}
	}
	if d.Fns != nil {
		if names, err := d.Fns.Names(ctx); err == nil {
			for _, n := range names {
				add(TargetID(event.Target{Kind: event.KindFunction, Name: n}), d.Fns.Lanes(ctx, n))
			}
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for name, stop := range d.lanes {
		if _, ok := want[name]; !ok {
			stop()
			delete(d.lanes, name)
		}
	}
	for name, v := range want {
		if _, ok := d.lanes[name]; ok {
			continue
		}
		lctx, stop := context.WithCancel(ctx)
		d.lanes[name] = stop
		go d.loop(lctx, v[0].(string), v[1].(int))
	}
}

// EnsureLanes creates the consumers of a target's lanes, so that
// deliveries published before any deliverer starts are kept for them.
func EnsureLanes(ctx context.Context, js jetstream.JetStream, tid string, lanes int, ackWait time.Duration) error {
	for l := range lanes {
		if _, err := consumer(ctx, js, tid, l, ackWait); err != nil {
			return err
		}
	}
	return nil
}

func consumer(ctx context.Context, js jetstream.JetStream, tid string, l int, ackWait time.Duration) (jetstream.Consumer, error) {
	if ackWait == 0 {
		ackWait = 10 * time.Second
	}
	return js.CreateOrUpdateConsumer(ctx, bus.DeliverStream, jetstream.ConsumerConfig{
		Durable: consumerName(tid, l), FilterSubject: laneSubject(tid, l),
		AckPolicy: jetstream.AckExplicitPolicy, AckWait: ackWait, MaxAckPending: 1, MaxDeliver: -1,
	})
}

func (d *Deliverer) loop(ctx context.Context, tid string, l int) {
	var cons jetstream.Consumer
	var lastInfo time.Time
	for ctx.Err() == nil {
		if cons == nil {
			c, err := consumer(ctx, d.Bus.JS, tid, l, d.AckWait)
			if err != nil {
				d.Log.Warn("delivery lane: consumer", "lane", consumerName(tid, l), "err", err)
				sleep(ctx, time.Second)
				continue
			}
			cons = c
		}
		batch, err := cons.Fetch(1, jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			if !errors.Is(err, context.Canceled) {
				sleep(ctx, 500*time.Millisecond)
			}
			continue
		}
		for msg := range batch.Messages() {
			d.handle(ctx, tid, msg)
		}
		if err := batch.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) && !errors.Is(err, nats.ErrTimeout) && ctx.Err() == nil {
			if errors.Is(err, jetstream.ErrConsumerNotFound) || errors.Is(err, jetstream.ErrConsumerDeleted) {
				cons = nil
			}
			sleep(ctx, 200*time.Millisecond)
		}
		if cons != nil && time.Since(lastInfo) > 5*time.Second {
			lastInfo = time.Now()
			if ci, err := cons.Info(ctx); err == nil {
				queueDepth.WithLabelValues(consumerName(tid, l)).Set(float64(ci.NumPending + uint64(ci.NumAckPending)))
			}
		}
	}
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

// backoff is the wait before attempt n+1: 1 s doubling to 30 s.
func backoff(n int) time.Duration {
	d := time.Second << min(n-1, 5)
	return min(d, 30*time.Second)
}

func (d *Deliverer) handle(ctx context.Context, tid string, msg jetstream.Msg) {
	var dl Delivery
	if err := json.Unmarshal(msg.Data(), &dl); err != nil {
		d.Log.Error("delivery: undecodable message sent to the dead letters", "lane", tid, "err", err)
		d.dead(ctx, tid, msg, Delivery{}, 1, err)
		return
	}
	attempt := 1
	if md, err := msg.Metadata(); err == nil {
		attempt = int(md.NumDelivered)
	}
	// Keep the lease while the delivery runs (functions can be long).
	stop := make(chan struct{})
	progress := func() { msg.InProgress() }
	go func() {
		t := time.NewTicker(d.AckWait / 3)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				progress()
			}
		}
	}()
	max, err := d.deliver(ctx, &dl, attempt, progress)
	close(stop)
	kind := dl.Target.Kind
	switch {
	case err == nil:
		msg.DoubleAck(ctx)
		delivered.WithLabelValues(kind, "ok").Inc()
	case ctx.Err() != nil:
		// Shutting down: the lease runs out and another node takes it.
	case attempt >= max || errors.Is(err, errPermanent):
		d.Log.Warn("delivery failed for good: dead-lettered", "target", tid, "event", dl.Event.ID, "attempts", attempt, "err", err)
		d.dead(ctx, tid, msg, dl, attempt, err)
		delivered.WithLabelValues(kind, "dead").Inc()
	default:
		d.Log.Info("delivery failed: will retry", "target", tid, "event", dl.Event.ID, "attempt", attempt, "err", err)
		msg.NakWithDelay(backoff(attempt))
		delivered.WithLabelValues(kind, "retry").Inc()
	}
}

// errPermanent marks failures retrying cannot fix (target removed).
var errPermanent = errors.New("permanent failure")

func (d *Deliverer) deliver(ctx context.Context, dl *Delivery, attempt int, progress func()) (int, error) {
	switch dl.Target.Kind {
	case event.KindFunction:
		max := d.Fns.Attempts(ctx, dl.Target.Name)
		return max, d.Fns.Invoke(ctx, dl.Target.Name, *dl, attempt, progress)
	}
	t, err := d.Targets.Get(ctx, dl.Target.Name)
	if err != nil {
		return 1, fmt.Errorf("%w: %v", errPermanent, err)
	}
	body := event.Records(dl.ConfigID, dl.Event)
	switch t.Kind {
	case event.KindWebhook:
		return t.attempts(), postWebhook(ctx, d.HTTP, &t, dl, body)
	default:
		return t.attempts(), d.publishNATS(ctx, &t, dl, body)
	}
}

// publishNATS sends an event to a subject: through JetStream (acknowledged,
// deduplicated by event id) when a stream captures the subject, else as a
// plain message flushed to the server.
func (d *Deliverer) publishNATS(ctx context.Context, t *TargetConfig, dl *Delivery, body []byte) error {
	nc, js := d.Bus.NC, d.Bus.JS
	if t.Server != "" {
		d.mu.Lock()
		c, ok := d.extern[t.Server]
		if !ok {
			var err error
			if c, err = nats.Connect(t.Server, nats.MaxReconnects(-1)); err != nil {
				d.mu.Unlock()
				return err
			}
			d.extern[t.Server] = c
		}
		d.mu.Unlock()
		nc = c
		var err error
		if js, err = jetstream.New(c); err != nil {
			return err
		}
	}
	msg := &nats.Msg{Subject: t.Subject, Data: body, Header: nats.Header{}}
	msg.Header.Set(HeaderEventID, dl.Event.ID)
	cctx, cancel := context.WithTimeout(ctx, t.timeout())
	defer cancel()
	// A plain subscriber on the subject would take a JetStream publish as
	// a request it never answers: ask the bus whether a stream captures it.
	if _, err := js.StreamNameBySubject(cctx, t.Subject); err == nil {
		_, err := js.PublishMsg(cctx, msg, jetstream.WithMsgID(dl.Event.ID+dl.Replay))
		return err
	} else if !errors.Is(err, jetstream.ErrStreamNotFound) {
		return err
	}
	if err := nc.PublishMsg(msg); err != nil {
		return err
	}
	return nc.FlushWithContext(cctx)
}

func (d *Deliverer) dead(ctx context.Context, tid string, msg jetstream.Msg, dl Delivery, attempts int, cause error) {
	b, _ := json.Marshal(DeadLetter{Delivery: dl, Attempts: attempts, Error: cause.Error(), At: time.Now().UTC().Format(time.RFC3339Nano)})
	id := dl.Event.ID + "/" + tid + dl.Replay
	if _, err := d.Bus.JS.Publish(ctx, deadSubject(tid), b, jetstream.WithMsgID(id)); err != nil {
		// Not acknowledged: the delivery comes back and is tried again.
		d.Log.Error("dead letter not stored; delivery kept", "err", err)
		msg.NakWithDelay(5 * time.Second)
		return
	}
	msg.DoubleAck(ctx)
}
