package kms

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// keyPrefix is where keys live in the root engine.
const keyPrefix = "KMS/key/"

func keyKey(name string) []byte { return []byte(keyPrefix + name) }

// keyRecord is a key as stored: its versions' material wrapped by the
// master key.
type keyRecord struct {
	Name     string       `json:"n"`
	Created  time.Time    `json:"c"`
	Disabled bool         `json:"d,omitempty"`
	Versions []keyVersion `json:"v"`
}

type keyVersion struct {
	V       int       `json:"v"`
	Wrapped []byte    `json:"w"` // nonce(12) | AES-256-GCM(material) under the master key
	Created time.Time `json:"c"`
}

func (r *keyRecord) info() KeyInfo {
	return KeyInfo{Name: r.Name, Created: r.Created, Version: r.Versions[len(r.Versions)-1].V,
		Versions: len(r.Versions), Disabled: r.Disabled}
}

func versionAAD(name string, v int) []byte {
	return fmt.Appendf(nil, "strata-kms\x00%s\x00%d", name, v)
}

// wrap seals a version's material under the master key.
func wrap(master []byte, name string, v int, material []byte) []byte {
	nonce := make([]byte, 12)
	rand.Read(nonce)
	return gcm(master).Seal(nonce, nonce, material, versionAAD(name, v))
}

func unwrap(master []byte, name string, kv keyVersion) ([]byte, error) {
	if len(kv.Wrapped) < 12+16 {
		return nil, strata.Errorf("kms.unwrap", strata.Corrupt, "key %q version %d is damaged", name, kv.V)
	}
	m, err := gcm(master).Open(nil, kv.Wrapped[:12], kv.Wrapped[12:], versionAAD(name, kv.V))
	if err != nil {
		return nil, strata.Errorf("kms.unwrap", strata.Corrupt, "key %q version %d does not open with this master key (wrong --kms-master-key?)", name, kv.V)
	}
	return m, nil
}

func newVersion(master []byte, name string, v int) keyVersion {
	material := make([]byte, 32)
	rand.Read(material)
	return keyVersion{V: v, Wrapped: wrap(master, name, v, material), Created: time.Now().UTC()}
}

func readKey(r meta.Reader, name string) (*keyRecord, error) {
	b, err := r.Get(keyKey(name))
	if err != nil {
		return nil, err
	}
	var rec keyRecord
	if err := json.Unmarshal(b, &rec); err != nil || len(rec.Versions) == 0 {
		return nil, strata.Errorf("kms.readKey", strata.Corrupt, "key record %q is damaged", name)
	}
	return &rec, nil
}

func writeKey(tx meta.Txn, rec *keyRecord) error {
	b, _ := json.Marshal(rec)
	return tx.Set(keyKey(rec.Name), b)
}

// update applies fn to a key in one transaction.
func (k *Builtin) update(ctx context.Context, name string, fn func(*keyRecord) error) (*keyRecord, error) {
	var out *keyRecord
	err := k.root.Update(ctx, func(tx meta.Txn) error {
		rec, err := readKey(tx, name)
		if strata.Is(err, strata.NotExist) {
			return errNotFound("kms.update", name)
		}
		if err != nil {
			return err
		}
		if err := fn(rec); err != nil {
			return err
		}
		out = rec
		return writeKey(tx, rec)
	})
	k.forget(name)
	return out, err
}
