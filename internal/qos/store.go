package qos

import (
	"context"
	"encoding/json"
	"sync"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Key layout in the root engine:
//
//	Q/a/<account>  -> Limit (JSON)
//	Q/b/<bucket>   -> Limit (JSON)
//	Q/c            -> Limit (JSON), the cluster's total
const prefix = "Q/"

// Prefix is the root-engine prefix of every limit, which a cluster's
// gateways watch.
func Prefix() []byte { return []byte(prefix) }

func scopeKey(s Scope) []byte {
	switch s.Kind {
	case Account:
		return []byte(prefix + "a/" + s.Name)
	case Bucket:
		return []byte(prefix + "b/" + s.Name)
	}
	return []byte(prefix + "c")
}

// keyScope is the inverse of scopeKey.
func keyScope(key []byte) (Scope, bool) {
	k := string(key)
	switch {
	case k == prefix+"c":
		return Scope{Kind: Cluster}, true
	case len(k) > len(prefix)+2 && k[:len(prefix)+2] == prefix+"a/":
		return Scope{Kind: Account, Name: k[len(prefix)+2:]}, true
	case len(k) > len(prefix)+2 && k[:len(prefix)+2] == prefix+"b/":
		return Scope{Kind: Bucket, Name: k[len(prefix)+2:]}, true
	}
	return Scope{}, false
}

// Store keeps the limits in the root metadata engine. It is safe for
// concurrent use; local writes are serialized so that the limiter sees
// them in commit order.
type Store struct {
	eng    meta.Engine
	mu     sync.Mutex
	notify func(key, value []byte) // after each commit (value nil: deleted)
}

// NewStore returns the limits kept in eng (the root engine).
func NewStore(eng meta.Engine) *Store { return &Store{eng: eng} }

// Set stores the limit of a scope, replacing any; a zero limit deletes it.
func (s *Store) Set(ctx context.Context, sc Scope, l Limit) error {
	if err := sc.Validate(); err != nil {
		return err
	}
	if err := l.Validate(); err != nil {
		return err
	}
	if l.IsZero() {
		return s.Delete(ctx, sc)
	}
	b, _ := json.Marshal(l)
	return s.write(ctx, scopeKey(sc), b)
}

// Delete removes the limit of a scope; removing none is not an error.
func (s *Store) Delete(ctx context.Context, sc Scope) error {
	if err := sc.Validate(); err != nil {
		return err
	}
	return s.write(ctx, scopeKey(sc), nil)
}

func (s *Store) write(ctx context.Context, key, value []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.eng.Update(ctx, func(tx meta.Txn) error {
		if value == nil {
			return tx.Delete(key)
		}
		return tx.Set(key, value)
	})
	if err != nil {
		return err
	}
	if s.notify != nil {
		s.notify(key, value)
	}
	return nil
}

// Get returns the limit of a scope, or an error of kind NotExist.
func (s *Store) Get(ctx context.Context, sc Scope) (Limit, error) {
	if err := sc.Validate(); err != nil {
		return Limit{}, err
	}
	var l Limit
	err := s.eng.View(ctx, func(r meta.Reader) error {
		b, err := r.Get(scopeKey(sc))
		if err != nil {
			return err
		}
		return decode(b, &l)
	})
	if strata.Is(err, strata.NotExist) {
		return Limit{}, strata.Errorf("qos.Get", strata.NotExist, "no limit on %s", sc)
	}
	return l, err
}

// List returns every stored limit, in key order (accounts, buckets, then
// the cluster's).
func (s *Store) List(ctx context.Context) ([]Setting, error) {
	var out []Setting
	err := s.eng.View(ctx, func(r meta.Reader) error {
		out = out[:0]
		p := Prefix()
		it := r.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			sc, ok := keyScope(it.Key())
			if !ok {
				continue
			}
			var l Limit
			if err := decode(it.Value(), &l); err != nil {
				return err
			}
			out = append(out, Setting{Scope: sc, Limit: l})
		}
		return it.Error()
	})
	return out, err
}

func decode(b []byte, l *Limit) error {
	if err := json.Unmarshal(b, l); err != nil {
		return strata.E("qos.decode", strata.Corrupt, err)
	}
	return nil
}
