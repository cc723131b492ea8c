package object

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"math/rand/v2"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
)

// ChangeRetention is how long the feed keeps entries.
const ChangeRetention = 10 * time.Minute

// silent, as an origin, leaves a change out of the feed: a directory
// rename notes the two directories instead of every key it moves.
const silent = "\x00silent"

func noteChange(tx meta.Txn, m2 directory.Meta2, key, op, origin string) error {
	if origin == silent {
		return nil
	}
	b, _ := json.Marshal(Change{Key: key, Op: op, Origin: origin})
	return tx.Set(m2.Change(time.Now().UnixNano(), rand.Uint32()), b)
}

// Changes returns up to max feed entries with Seq >= since, oldest first.
func (s *Service) changesRange(ctx context.Context, e meta.Engine, m2 directory.Meta2, since int64, max int) ([]Change, error) {
	var out []Change
	err := e.View(ctx, func(r meta.Reader) error {
		p := m2.ChangePrefix()
		it := r.Iter(m2.Change(since, 0), meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok && len(out) < max; ok = it.Next() {
			var c Change
			if json.Unmarshal(it.Value(), &c) != nil {
				continue
			}
			c.Seq = int64(binary.BigEndian.Uint64(it.Key()[len(p):]))
			out = append(out, c)
		}
		return it.Error()
	})
	return out, err
}

// TrimChanges drops feed entries older than ChangeRetention in every bucket.
func (s *Service) TrimChanges(ctx context.Context) error {
	names, err := s.allBuckets(ctx)
	if err != nil {
		return err
	}
	cutoff := time.Now().Add(-ChangeRetention).UnixNano()
	for _, name := range names {
		_, parts, err := s.rangesOf(ctx, name)
		if err != nil {
			continue
		}
		for _, p := range parts {
			s.trimRange(ctx, p.e, p.m2, cutoff)
		}
	}
	return nil
}

// trimRange drops one range's feed entries older than cutoff.
func (s *Service) trimRange(ctx context.Context, e meta.Engine, m2 directory.Meta2, cutoff int64) {
	{
		for {
			n := 0
			err := e.Update(ctx, func(tx meta.Txn) error {
				n = 0
				it := tx.Iter(m2.ChangePrefix(), m2.Change(cutoff, 0))
				var keys [][]byte
				for ok := it.First(); ok && len(keys) < 1000; ok = it.Next() {
					keys = append(keys, append([]byte(nil), it.Key()...))
				}
				if err := it.Close(); err != nil {
					return err
				}
				for _, k := range keys {
					if err := tx.Delete(k); err != nil {
						return err
					}
				}
				n = len(keys)
				return nil
			})
			if err != nil || n < 1000 {
				break
			}
		}
	}
}

// allBuckets lists every bucket of every account.
func (s *Service) allBuckets(ctx context.Context) ([]string, error) {
	var names []string
	for _, acct := range s.dir.Accounts(ctx) {
		buckets, err := s.ListBuckets(ctx, acct)
		if err != nil {
			return nil, err
		}
		for _, b := range buckets {
			names = append(names, b.Name)
		}
	}
	return names, nil
}

type originKey struct{}

// WithOrigin tags the operations done with ctx as a mount session's.
func WithOrigin(ctx context.Context, session string) context.Context {
	return context.WithValue(ctx, originKey{}, session)
}

// OriginOf returns the session WithOrigin set, or "".
func OriginOf(ctx context.Context) string {
	s, _ := ctx.Value(originKey{}).(string)
	return s
}
