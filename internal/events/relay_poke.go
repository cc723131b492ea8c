package events

import (
	"context"
	"encoding/json"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// pokeSubject is a core NATS subject (not JetStream: a lost poke costs at
// most the relay's 1 s tick) on which a gateway whose commit found the
// outbox leased to another relay asks that relay to drain again, so an
// event committed just after the holder's last read does not wait for
// the holder's next tick.
const pokeSubject = "strata.relay.poke"

// listenPokes forwards other gateways' pokes (one pending at most).
func (r *Relay) listenPokes(ctx context.Context) <-chan struct{} {
	ch := make(chan struct{}, 1)
	if !r.Shared || r.Bus == nil || r.Bus.NC == nil {
		return ch
	}
	sub, err := r.Bus.NC.Subscribe(pokeSubject, func(m *nats.Msg) {
		if string(m.Data) == r.Holder {
			return // our own
		}
		select {
		case ch <- struct{}{}:
		default:
		}
	})
	if err != nil {
		r.Log.Warn("event relay: poke subscription", "err", err)
		return ch
	}
	go func() {
		<-ctx.Done()
		sub.Unsubscribe()
	}()
	return ch
}

// pokeHolder asks the relay holding the outbox lease to drain again.
func (r *Relay) pokeHolder() {
	if r.Bus != nil && r.Bus.NC != nil {
		r.Bus.NC.Publish(pokeSubject, []byte(r.Holder))
	}
}

// heldByOther reports whether another relay holds e's outbox lease (a
// read only; acquire decides in a transaction).
func (r *Relay) heldByOther(ctx context.Context, e meta.Engine) (bool, error) {
	busy := false
	err := e.View(ctx, func(rd meta.Reader) error {
		b, err := rd.Get(directory.OutboxLease())
		if strata.Is(err, strata.NotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		var l lease
		json.Unmarshal(b, &l)
		busy = l.Holder != r.Holder && l.Until > time.Now().UnixNano()
		return nil
	})
	return busy, err
}
