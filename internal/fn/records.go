package fn

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"time"

	"github.com/strata-storage/strata/internal/meta"
)

// Results of an invocation.
const (
	ResultOK      = "ok"
	ResultFailed  = "failed"  // non-zero exit, trap or host error
	ResultTimeout = "timeout" // time limit
	ResultMemory  = "memory"  // memory limit
	ResultError   = "error"   // could not start (no module, no runtime)
)

// Record is what is kept of each invocation.
type Record struct {
	ID       string    `json:"id"`
	Function string    `json:"function"`
	EventID  string    `json:"event_id,omitempty"`
	Event    string    `json:"event,omitempty"` // event name
	Bucket   string    `json:"bucket,omitempty"`
	Key      string    `json:"key,omitempty"`
	Seq      uint64    `json:"seq,omitempty"`
	Agent    string    `json:"agent"`
	Attempt  int       `json:"attempt"`
	Start    time.Time `json:"start"`
	Duration float64   `json:"duration_ms"`
	Lag      float64   `json:"lag_ms,omitempty"` // from the event's commit to this start
	Cold     bool      `json:"cold,omitempty"`
	Result   string    `json:"result"`
	Error    string    `json:"error,omitempty"`
	Logs     string    `json:"logs,omitempty"` // capped at the manifest's log limit
}

// KeepRecords is how many records per function are kept.
const KeepRecords = 1000

// recordKey orders a function's records newest first.
func recordKey(fn string, start time.Time, id string) []byte {
	k := []byte("I/" + fn + "\x00")
	k = binary.BigEndian.AppendUint64(k, ^uint64(start.UnixNano()))
	return append(k, id...)
}

func recordPrefix(fn string) []byte { return []byte("I/" + fn + "\x00") }

func saveRecord(ctx context.Context, e meta.Engine, rec *Record) error {
	b, _ := json.Marshal(rec)
	return e.Update(ctx, func(tx meta.Txn) error { return tx.Set(recordKey(rec.Function, rec.Start, rec.ID), b) })
}

// Records returns a function's newest records (all if id is "", else the
// one with that id, or its event id).
func Records(ctx context.Context, e meta.Engine, fn, id string, max int) ([]Record, error) {
	var out []Record
	err := e.View(ctx, func(r meta.Reader) error {
		p := recordPrefix(fn)
		it := r.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok && len(out) < max; ok = it.Next() {
			var rec Record
			if json.Unmarshal(it.Value(), &rec) != nil {
				continue
			}
			if id == "" || rec.ID == id || rec.EventID == id {
				out = append(out, rec)
			}
		}
		return it.Error()
	})
	return out, err
}

// TrimRecords keeps the newest KeepRecords records of each function.
func TrimRecords(ctx context.Context, e meta.Engine, names []string) error {
	for _, fn := range names {
		var old [][]byte
		err := e.View(ctx, func(r meta.Reader) error {
			p := recordPrefix(fn)
			it := r.Iter(p, meta.PrefixEnd(p))
			defer it.Close()
			n := 0
			for ok := it.First(); ok; ok = it.Next() {
				if n++; n > KeepRecords {
					old = append(old, append([]byte(nil), it.Key()...))
				}
			}
			return it.Error()
		})
		if err != nil {
			return err
		}
		for len(old) > 0 {
			batch := old[:min(len(old), 1000)]
			old = old[len(batch):]
			if err := e.Update(ctx, func(tx meta.Txn) error {
				for _, k := range batch {
					if err := tx.Delete(k); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				return err
			}
		}
	}
	return nil
}
