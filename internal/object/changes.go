package object

import (
	"bytes"
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

// changesRange returns up to max feed entries with Seq >= since, oldest
// first. With skip, the entries of that origin are left out, and the
// newest of them after the last entry returned comes back as a marker
// without a key, so that the caller's cursor still moves past them.
func (s *Service) changesRange(ctx context.Context, e meta.Engine, m2 directory.Meta2, since int64, max int, skip string) ([]Change, error) {
	var out []Change
	var needle []byte
	if skip != "" {
		o, _ := json.Marshal(skip)
		needle = append([]byte(`"origin":`), o...)
	}
	err := e.View(ctx, func(r meta.Reader) error {
		p := m2.ChangePrefix()
		it := r.Iter(m2.Change(since, 0), meta.PrefixEnd(p))
		defer it.Close()
		var marker int64 // the newest skipped entry's seq, if after out's last
		for ok, n := it.First(), 0; ok && len(out) < max && n < skipScan*max; ok, n = it.Next(), n+1 {
			seq := int64(binary.BigEndian.Uint64(it.Key()[len(p):]))
			if needle != nil && bytes.Contains(it.Value(), needle) {
				marker = seq
				continue
			}
			var c Change
			if json.Unmarshal(it.Value(), &c) != nil {
				continue
			}
			c.Seq, marker = seq, 0
			out = append(out, c)
		}
		if marker != 0 {
			out = append(out, Change{Seq: marker, Origin: skip})
		}
		return it.Error()
	})
	return out, err
}

// skipScan bounds the entries a read that skips an origin steps over, in
// multiples of max: a mount busy writing has little else in its feed.
const skipScan = 8

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
