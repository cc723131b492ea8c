package iam

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"log/slog"
	"math/big"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Store reads and writes IAM records in the root metadata engine. Every
// change is one transaction; the Cache follows them. Methods return
// *Error values with the IAM error code (NoSuchEntity, EntityAlreadyExists,
// DeleteConflict, MalformedPolicyDocument, ...) and a strata kind.
type Store struct {
	eng    meta.Engine
	seal   *Sealer
	log    *slog.Logger
	now    func() time.Time
	notify func(key []byte) // after each commit: the local cache refreshes the key
}

// NewStore returns a store over the root engine with secrets sealed by seal.
func NewStore(eng meta.Engine, seal *Sealer, log *slog.Logger) *Store {
	if log == nil {
		log = slog.Default()
	}
	return &Store{eng: eng, seal: seal, log: log, now: time.Now}
}

// Sealer returns the sealer of secrets.
func (s *Store) Sealer() *Sealer { return s.seal }

// update runs fn in a transaction and tells the cache which keys changed.
func (s *Store) update(ctx context.Context, fn func(tx meta.Txn, touch func(key []byte)) error) error {
	var touched [][]byte
	err := s.eng.Update(ctx, func(tx meta.Txn) error {
		touched = touched[:0]
		return fn(tx, func(k []byte) { touched = append(touched, k) })
	})
	if err == nil && s.notify != nil {
		for _, k := range touched {
			s.notify(k)
		}
	}
	return err
}

// getJSON reads a record; found=false if it does not exist.
func getJSON(r meta.Reader, key []byte, v any) (found bool, err error) {
	b, err := r.Get(key)
	if strata.Is(err, strata.NotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return false, strata.Errorf("iam.get", strata.Corrupt, "record %q: %v", key, err)
	}
	return true, nil
}

func setJSON(tx meta.Txn, touch func([]byte), key []byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return strata.E("iam.set", strata.Internal, err)
	}
	touch(key)
	return tx.Set(key, b)
}

func del(tx meta.Txn, touch func([]byte), key []byte) error {
	touch(key)
	return tx.Delete(key)
}

// scan calls fn with every record under p.
func scan(r meta.Reader, p []byte, fn func(key, val []byte) error) error {
	it := r.Iter(p, meta.PrefixEnd(p))
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		if err := fn(it.Key(), it.Value()); err != nil {
			return err
		}
	}
	return it.Error()
}

// listJSON decodes every record under p into a slice of T.
func listJSON[T any](ctx context.Context, eng meta.Engine, p []byte) ([]T, error) {
	var out []T
	err := eng.View(ctx, func(r meta.Reader) error {
		return scan(r, p, func(_, v []byte) error {
			var t T
			if err := json.Unmarshal(v, &t); err != nil {
				return strata.E("iam.list", strata.Corrupt, err)
			}
			out = append(out, t)
			return nil
		})
	})
	return out, err
}

// getOne reads one record of type T or answers NoSuchEntity.
func getOne[T any](ctx context.Context, eng meta.Engine, key []byte, what string) (T, error) {
	var t T
	var found bool
	err := eng.View(ctx, func(r meta.Reader) (err error) {
		found, err = getJSON(r, key, &t)
		return err
	})
	if err == nil && !found {
		err = noSuchEntity("%s", what)
	}
	return t, err
}

// newID returns an AWS-style unique id: a 4-letter prefix and 17
// upper-case letters and digits.
func newID(pfx string) string { return pfx + randomString(17, upperAlnum) }

const (
	upperAlnum  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	secretChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
)

func randomString(n int, alphabet string) string {
	b := make([]byte, n)
	max := big.NewInt(int64(len(alphabet)))
	for i := range b {
		x, err := rand.Int(rand.Reader, max)
		if err != nil {
			panic(err)
		}
		b[i] = alphabet[x.Int64()]
	}
	return string(b)
}

// NewSecret returns a 40-character secret access key.
func NewSecret() string { return randomString(40, secretChars) }

// NewAccessKeyID returns a 20-character access key id; temporary
// credentials start with ASIA, long-term ones with AKIA, as on AWS.
func NewAccessKeyID(temporary bool) string {
	if temporary {
		return "ASIA" + randomString(16, upperAlnum)
	}
	return "AKIA" + randomString(16, upperAlnum)
}
