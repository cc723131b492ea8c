package usage

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Store reads and writes the usage samples in the root meta engine.
// Every gateway has one over the same engine; it holds no state.
type Store struct {
	eng meta.Engine
}

// NewStore returns the store over the root meta engine.
func NewStore(eng meta.Engine) *Store { return &Store{eng: eng} }

// Stored is the stored usage of a bucket at one hour.
type Stored struct {
	Objects      int64            `json:"objects"`
	LogicalBytes int64            `json:"logical_bytes"`
	RawBytes     map[string]int64 `json:"raw_bytes,omitempty"` // per storage policy
}

// Add adds u to s.
func (s *Stored) Add(u Stored) {
	s.Objects += u.Objects
	s.LogicalBytes += u.LogicalBytes
	for p, n := range u.RawBytes {
		if s.RawBytes == nil {
			s.RawBytes = map[string]int64{}
		}
		s.RawBytes[p] += n
	}
}

// applied is the last spool sequence number of gateway gw in the engine.
func applied(r meta.Reader, gw string) (uint64, error) {
	v, err := r.Get(gatewayKey(gw))
	if strata.Is(err, strata.NotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseUint(string(v), 10, 64)
	if err != nil {
		return 0, strata.E("usage.applied", strata.Corrupt, err)
	}
	return n, nil
}

// Applied is the last spool sequence number of gateway gw applied.
func (s *Store) Applied(ctx context.Context, gw string) (n uint64, err error) {
	err = s.eng.View(ctx, func(r meta.Reader) error {
		n, err = applied(r, gw)
		return err
	})
	return n, err
}

// apply adds the records of gateway gw that are newer than its applied
// sequence number to the hourly traffic samples, and records the
// highest one, in one transaction: a record is counted once whether
// the transaction commits, fails, or commits and the caller dies before
// it knows.
func (s *Store) apply(ctx context.Context, gw string, recs []record) error {
	return s.eng.Update(ctx, func(tx meta.Txn) error {
		done, err := applied(tx, gw)
		if err != nil {
			return err
		}
		sums := map[string]Traffic{}
		var order []string
		last := done
		for _, r := range recs {
			if r.Seq <= done {
				continue
			}
			k := string(sampleKey(trafficPref, Hour(r.Hour), r.Account, r.Bucket))
			t, seen := sums[k]
			if !seen {
				order = append(order, k)
			}
			t.Add(r.traffic())
			sums[k] = t
			last = max(last, r.Seq)
		}
		if last == done {
			return nil
		}
		for _, k := range order {
			t, err := getTraffic(tx, []byte(k))
			if err != nil {
				return err
			}
			t.Add(sums[k])
			b, _ := json.Marshal(t)
			if err := tx.Set([]byte(k), b); err != nil {
				return err
			}
		}
		return tx.Set(gatewayKey(gw), strconv.AppendUint(nil, last, 10))
	})
}

func getTraffic(r meta.Reader, k []byte) (Traffic, error) {
	var t Traffic
	v, err := r.Get(k)
	if strata.Is(err, strata.NotExist) {
		return t, nil
	}
	if err != nil {
		return t, err
	}
	if err := json.Unmarshal(v, &t); err != nil {
		return t, strata.E("usage.traffic", strata.Corrupt, err)
	}
	return t, nil
}

// putStored records the stored sample of a bucket at hour h unless one
// is there already (or over it, with replace); it reports whether it
// wrote.
func (s *Store) putStored(ctx context.Context, h Hour, account, bucket string, st Stored, replace bool) (wrote bool, err error) {
	k := sampleKey(storedPref, h, account, bucket)
	b, _ := json.Marshal(st)
	err = s.eng.Update(ctx, func(tx meta.Txn) error {
		wrote = false
		if replace {
			wrote = true
			return tx.Set(k, b)
		}
		if _, err := tx.Get(k); err == nil {
			return nil
		} else if !strata.Is(err, strata.NotExist) {
			return err
		}
		wrote = true
		return tx.Set(k, b)
	})
	return wrote, err
}

// hasStored reports whether the sample of a bucket at hour h exists.
func (s *Store) hasStored(ctx context.Context, h Hour, account, bucket string) (bool, error) {
	k := sampleKey(storedPref, h, account, bucket)
	var ok bool
	err := s.eng.View(ctx, func(r meta.Reader) error {
		_, err := r.Get(k)
		if err == nil {
			ok = true
			return nil
		}
		if strata.Is(err, strata.NotExist) {
			return nil
		}
		return err
	})
	return ok, err
}

// expireBatch is the keys one expiry transaction deletes.
const expireBatch = 256

// Expire deletes the samples of hours before h, in batches, and returns
// how many it deleted.
func (s *Store) Expire(ctx context.Context, before Hour) (int, error) {
	total := 0
	for _, pref := range [][]byte{trafficPref, storedPref} {
		from := pref
		for {
			var next []byte
			n := 0
			err := s.eng.Update(ctx, func(tx meta.Txn) (err error) {
				n, next, err = meta.DeleteSpan(tx, from, hourKey(pref, before), expireBatch)
				return err
			})
			if err != nil {
				return total, err
			}
			total += n
			if n < expireBatch {
				break
			}
			from = next
		}
	}
	return total, nil
}
