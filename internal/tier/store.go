package tier

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Key layout in the root engine:
//
//	tier/<name> -> stored (JSON; the secret sealed)
const prefix = "tier/"

// Prefix is the root-engine prefix of every tier.
func Prefix() []byte { return []byte(prefix) }

type stored struct {
	Tier
	Sealed []byte `json:"sealed"` // SecretKey sealed under the cluster key
}

// cacheTTL bounds how long a gateway uses a tier definition after
// another gateway changed it.
const cacheTTL = time.Second

// Store keeps the tiers in the root engine and caches clients for the
// data path. It is safe for concurrent use.
type Store struct {
	eng  meta.Engine
	seal *iam.Sealer

	mu      sync.Mutex
	remotes map[string]cached
}

type cached struct {
	r  *Remote
	at time.Time
}

// NewStore returns the tiers kept in eng (the root engine), secrets
// sealed by seal.
func NewStore(eng meta.Engine, seal *iam.Sealer) *Store {
	return &Store{eng: eng, seal: seal, remotes: map[string]cached{}}
}

// Put stores a tier, replacing any of that name.
func (s *Store) Put(ctx context.Context, t Tier) error {
	if err := t.Validate(); err != nil {
		return err
	}
	st := stored{Tier: t, Sealed: s.seal.Seal(prefix+t.Name, t.SecretKey)}
	st.SecretKey = ""
	b, _ := json.Marshal(st)
	err := s.eng.Update(ctx, func(tx meta.Txn) error { return tx.Set([]byte(prefix+t.Name), b) })
	s.forget(t.Name)
	return err
}

// Delete removes a tier. Objects already on it stay there, and reads of
// them fail until a tier of that name is put again.
func (s *Store) Delete(ctx context.Context, name string) error {
	if _, err := s.get(ctx, name); err != nil {
		return err
	}
	err := s.eng.Update(ctx, func(tx meta.Txn) error { return tx.Delete([]byte(prefix + name)) })
	s.forget(name)
	return err
}

// Get returns a tier without its secret.
func (s *Store) Get(ctx context.Context, name string) (Tier, error) {
	st, err := s.get(ctx, name)
	st.SecretKey = ""
	return st.Tier, err
}

// List returns every tier, by name, without secrets.
func (s *Store) List(ctx context.Context) ([]Tier, error) {
	out := []Tier{}
	err := s.eng.View(ctx, func(r meta.Reader) error {
		it := r.Iter(Prefix(), meta.PrefixEnd(Prefix()))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			var st stored
			if json.Unmarshal(it.Value(), &st) == nil {
				st.SecretKey = ""
				out = append(out, st.Tier)
			}
		}
		return it.Error()
	})
	return out, err
}

func (s *Store) get(ctx context.Context, name string) (stored, error) {
	var st stored
	err := s.eng.View(ctx, func(r meta.Reader) error {
		b, err := r.Get([]byte(prefix + name))
		if strata.Is(err, strata.NotExist) {
			return strata.Errorf("tier.Get", strata.NotExist, "no tier %q", name)
		}
		if err != nil {
			return err
		}
		return json.Unmarshal(b, &st)
	})
	return st, err
}

func (s *Store) forget(name string) {
	s.mu.Lock()
	delete(s.remotes, name)
	s.mu.Unlock()
}

// Remote returns a client of the named tier (cached for cacheTTL).
func (s *Store) Remote(ctx context.Context, name string) (*Remote, error) {
	s.mu.Lock()
	c, ok := s.remotes[name]
	s.mu.Unlock()
	if ok && time.Since(c.at) < cacheTTL {
		return c.r, nil
	}
	st, err := s.get(ctx, name)
	if err != nil {
		return nil, err
	}
	if st.SecretKey, err = s.seal.Open(prefix+name, st.Sealed); err != nil {
		return nil, err
	}
	r, err := newRemote(st.Tier)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.remotes[name] = cached{r: r, at: time.Now()}
	s.mu.Unlock()
	return r, nil
}
