package kms

import (
	"context"
	"crypto/rand"
	"strings"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Builtin is the KMS kept in the root metadata engine.
//
// Key records are cached for CacheTTL, so a key disabled or rotated
// through another gateway takes effect here within that time (at once on
// the gateway that made the change).
type Builtin struct {
	root   meta.Engine
	master []byte
	// AutoCreate creates a key on its first use by GenerateKey (for test
	// suites that expect keys such as "testkey-1" to exist).
	AutoCreate bool
	CacheTTL   time.Duration

	mu    sync.Mutex
	cache map[string]*cachedKey
}

type cachedKey struct {
	rec       *keyRecord
	materials map[int][]byte
	at        time.Time
}

var (
	_ KMS   = (*Builtin)(nil)
	_ Admin = (*Builtin)(nil)
)

// NewBuiltin returns the built-in KMS over the root engine; master is the
// 32-byte master key (see LoadMasterKey).
func NewBuiltin(root meta.Engine, master []byte) (*Builtin, error) {
	if len(master) != 32 {
		return nil, strata.Errorf("kms.NewBuiltin", strata.Invalid, "the master key must be 32 bytes")
	}
	return &Builtin{root: root, master: master, CacheTTL: 5 * time.Second, cache: map[string]*cachedKey{}}, nil
}

// Create makes a new key; strata.Exist if it is already there.
func (k *Builtin) Create(ctx context.Context, name string) (KeyInfo, error) {
	const op = "kms.Create"
	if !ValidName(name) {
		return KeyInfo{}, strata.Errorf(op, strata.Invalid, "bad key name %q", name)
	}
	rec := &keyRecord{Name: name, Created: time.Now().UTC(), Versions: []keyVersion{newVersion(k.master, name, 1)}}
	err := k.root.Update(ctx, func(tx meta.Txn) error {
		if _, err := readKey(tx, name); err == nil {
			return strata.Errorf(op, strata.Exist, "key %q already exists", name)
		} else if !strata.Is(err, strata.NotExist) {
			return err
		}
		return writeKey(tx, rec)
	})
	k.forget(name)
	return rec.info(), err
}

// Ensure creates name unless it exists.
func (k *Builtin) Ensure(ctx context.Context, name string) error {
	_, err := k.Create(ctx, name)
	if strata.Is(err, strata.Exist) {
		return nil
	}
	return err
}

// List returns every key, by name.
func (k *Builtin) List(ctx context.Context) ([]KeyInfo, error) {
	var out []KeyInfo
	err := k.root.View(ctx, func(r meta.Reader) error {
		out = nil
		p := []byte(keyPrefix)
		it := r.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			rec, err := readKey(r, strings.TrimPrefix(string(it.Key()), keyPrefix))
			if err != nil {
				return err
			}
			out = append(out, rec.info())
		}
		return it.Error()
	})
	return out, err
}

// Rotate adds a version that seals new data keys from now on; the
// versions before it stay to unseal what they sealed, so no stored data
// is rewritten. Every version's material is re-wrapped under the master
// key with a fresh nonce.
func (k *Builtin) Rotate(ctx context.Context, name string) (KeyInfo, error) {
	rec, err := k.update(ctx, name, func(r *keyRecord) error {
		for i, kv := range r.Versions {
			m, err := unwrap(k.master, name, kv)
			if err != nil {
				return err
			}
			r.Versions[i].Wrapped = wrap(k.master, name, kv.V, m)
		}
		r.Versions = append(r.Versions, newVersion(k.master, name, r.Versions[len(r.Versions)-1].V+1))
		return nil
	})
	if err != nil {
		return KeyInfo{}, err
	}
	return rec.info(), nil
}

// Disable stops a key from generating or unsealing data keys.
func (k *Builtin) Disable(ctx context.Context, name string) (KeyInfo, error) {
	return k.setDisabled(ctx, name, true)
}

// Enable undoes Disable.
func (k *Builtin) Enable(ctx context.Context, name string) (KeyInfo, error) {
	return k.setDisabled(ctx, name, false)
}

func (k *Builtin) setDisabled(ctx context.Context, name string, d bool) (KeyInfo, error) {
	rec, err := k.update(ctx, name, func(r *keyRecord) error { r.Disabled = d; return nil })
	if err != nil {
		return KeyInfo{}, err
	}
	return rec.info(), nil
}

// GenerateKey implements KMS.
func (k *Builtin) GenerateKey(ctx context.Context, keyID string, c Context) (plain, sealed []byte, err error) {
	ck, err := k.key(ctx, keyID, k.AutoCreate || keyID == SSES3Key)
	if err != nil {
		return nil, nil, err
	}
	if ck.rec.Disabled {
		return nil, nil, errDisabled("kms.GenerateKey", keyID)
	}
	v := ck.rec.Versions[len(ck.rec.Versions)-1].V
	plain = make([]byte, 32)
	rand.Read(plain)
	return plain, seal(ck.materials[v], v, keyID, c, plain), nil
}

// Unseal implements KMS.
func (k *Builtin) Unseal(ctx context.Context, keyID string, sealed []byte, c Context) ([]byte, error) {
	v, body, err := splitSealed(sealed)
	if err != nil {
		return nil, err
	}
	ck, err := k.key(ctx, keyID, false)
	if err != nil {
		return nil, err
	}
	if ck.rec.Disabled {
		return nil, errDisabled("kms.Unseal", keyID)
	}
	m, ok := ck.materials[v]
	if !ok {
		return nil, strata.Errorf("kms.Unseal", strata.Corrupt, "key %q has no version %d", keyID, v)
	}
	return unseal(m, keyID, c, body)
}

// key returns a key with its materials unwrapped, from the cache when
// fresh.
func (k *Builtin) key(ctx context.Context, name string, create bool) (*cachedKey, error) {
	k.mu.Lock()
	ck := k.cache[name]
	k.mu.Unlock()
	if ck != nil && time.Since(ck.at) < k.CacheTTL {
		return ck, nil
	}
	var rec *keyRecord
	err := k.root.View(ctx, func(r meta.Reader) error {
		var err error
		rec, err = readKey(r, name)
		return err
	})
	if strata.Is(err, strata.NotExist) {
		if !create {
			return nil, errNotFound("kms.key", name)
		}
		if err := k.Ensure(ctx, name); err != nil {
			return nil, err
		}
		return k.key(ctx, name, false)
	}
	if err != nil {
		return nil, err
	}
	ck = &cachedKey{rec: rec, materials: map[int][]byte{}, at: time.Now()}
	for _, kv := range rec.Versions {
		m, err := unwrap(k.master, name, kv)
		if err != nil {
			return nil, err
		}
		ck.materials[kv.V] = m
	}
	k.mu.Lock()
	k.cache[name] = ck
	k.mu.Unlock()
	return ck, nil
}

func (k *Builtin) forget(name string) {
	k.mu.Lock()
	delete(k.cache, name)
	k.mu.Unlock()
}
