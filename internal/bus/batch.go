package bus

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nuid"

	"github.com/strata-storage/strata/internal/strata"
)

// MaxAtomicBatch is the most messages one atomic batch may hold (the
// server's default limit, streamDefaultMaxAtomicBatchSize).
const MaxAtomicBatch = 1000

// MinAtomicBatch is the fewest messages worth an atomic batch on a file
// stream of one replica (the embedded bus of a single node), where the
// server stages each batch in a file store of its own, made, synced and
// removed for that batch: some 3 ms and 1.9 ms of CPU, where one message
// synced alone costs 0.36 ms and 0.29 ms (BenchmarkPublishEvent,
// atomic=1 against each=1). At 16 messages the two ways cost about the
// same; below that, one at a time is cheaper. A replicated stream stages
// a batch in memory.
const MinAtomicBatch = 16

// Atomic batch headers (NATS ADR-50).
const (
	hdrBatchID     = "Nats-Batch-Id"
	hdrBatchSeq    = "Nats-Batch-Sequence"
	hdrBatchCommit = "Nats-Batch-Commit"
)

// BatchError is a batch the bus refused as a whole: nothing of it was
// stored. A message id the stream already holds refuses the whole batch
// (ADR-50), so a caller that republishes after a crash falls back to
// one message at a time, where the bus drops the duplicates one by one.
type BatchError struct {
	Code        int    `json:"code"`
	ErrCode     int    `json:"err_code"`
	Description string `json:"description"`
}

func (e *BatchError) Error() string {
	return fmt.Sprintf("atomic batch refused: %s (%d)", e.Description, e.ErrCode)
}

// errDuplicateInBatch is the server's code for a batch holding a message
// id the stream already has (JSAtomicPublishContainsDuplicateMessageErr).
const errDuplicateInBatch = 10201

// Duplicate reports whether the batch was refused for holding a message
// id the stream already has: what a batch published again after a crash
// gets, and the only refusal a healthy bus gives.
func (e *BatchError) Duplicate() bool { return e.ErrCode == errDuplicateInBatch }

// Atomic reports whether stream takes atomic batches: the embedded bus
// always does; a stream on an external NATS only if it was made or
// updated so (a server before 2.12 does not know the setting).
func (b *Bus) Atomic(stream string) bool { return b.atomic[stream] }

// AtomicPays reports whether n messages to stream should go as one atomic
// batch rather than one at a time: the stream takes atomic batches, and
// where it stages them on disk there are at least MinAtomicBatch.
func (b *Bus) AtomicPays(stream string, n int) bool {
	return b.atomic[stream] && (n >= MinAtomicBatch || !b.staged[stream])
}

// PublishAtomic stores msgs, all of one stream, in order, as atomic
// batches of at most MaxAtomicBatch, and returns once the bus has them
// on disk. A stream that syncs every write (SyncAlways) syncs once per
// batch instead of once per message: this is what lets the relay keep up
// with thousands of small commits a second. The messages' headers are
// set. Each batch is stored whole or not at all; an error may come after
// earlier batches were stored. A refused batch is a *BatchError: with the
// kind Conflict for a duplicate id, Unavailable for any other refusal
// (too many batches in flight, a batch the server timed out).
func (b *Bus) PublishAtomic(ctx context.Context, msgs []*nats.Msg) error {
	for len(msgs) > 0 {
		n := min(len(msgs), MaxAtomicBatch)
		if err := b.publishBatch(ctx, msgs[:n]); err != nil {
			return err
		}
		msgs = msgs[n:]
	}
	return nil
}

func (b *Bus) publishBatch(ctx context.Context, msgs []*nats.Msg) error {
	const op = "bus.PublishAtomic"
	id := nuid.Next()
	for i, m := range msgs {
		if m.Header == nil {
			m.Header = nats.Header{}
		}
		m.Header.Set(hdrBatchID, id)
		m.Header.Set(hdrBatchSeq, strconv.Itoa(i+1))
		m.Reply = ""
	}
	last := msgs[len(msgs)-1]
	last.Header.Set(hdrBatchCommit, "1")
	// The staged messages need no reply: the commit's answer says
	// whether the whole batch was stored, and a connection delivers in
	// order.
	for _, m := range msgs[:len(msgs)-1] {
		if err := b.NC.PublishMsg(m); err != nil {
			return strata.E(op, strata.Unavailable, err)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	resp, err := b.NC.RequestMsgWithContext(ctx, last)
	if err != nil {
		return strata.E(op, strata.Unavailable, err)
	}
	var ack struct {
		Count int         `json:"count"`
		Error *BatchError `json:"error"`
	}
	if err := json.Unmarshal(resp.Data, &ack); err != nil {
		return strata.E(op, strata.Unavailable, fmt.Errorf("batch acknowledgement: %w", err))
	}
	if ack.Error != nil {
		if ack.Error.Duplicate() {
			return strata.E(op, strata.Conflict, ack.Error)
		}
		return strata.E(op, strata.Unavailable, ack.Error)
	}
	if ack.Count != len(msgs) {
		return strata.Errorf(op, strata.Unavailable, "the bus stored %d of a batch of %d", ack.Count, len(msgs))
	}
	return nil
}
