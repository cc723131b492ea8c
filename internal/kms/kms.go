package kms

import (
	"context"
	"encoding/json"
	"sort"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// Context is the encryption context bound to a sealed data key: unsealing
// with a different context fails. The object service puts the bucket and
// key in it; S3 clients may add pairs (x-amz-server-side-encryption-context).
type Context map[string]string

// bytes is the context in a canonical form (sorted keys), used as the
// additional authenticated data of a seal.
func (c Context) bytes() []byte {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([][2]string, len(keys))
	for i, k := range keys {
		pairs[i] = [2]string{k, c[k]}
	}
	b, _ := json.Marshal(pairs)
	return b
}

// KMS generates and unseals data keys. Implementations are safe for
// concurrent use.
//
// GenerateKey returns a new random 32-byte data key and the same key
// sealed under keyID's current version; the caller stores only sealed.
// Unseal returns the data key of a sealed value made by GenerateKey with
// the same keyID and context.
//
// Errors: strata.NotExist with cause "KMS.NotFoundException: ..." for an
// unknown key, strata.Invalid with cause "KMS.DisabledException: ..." for
// a disabled key (both for GenerateKey and Unseal, as AWS refuses to
// decrypt with a disabled key), strata.Corrupt when sealed does not
// authenticate (wrong key, context or a damaged value).
type KMS interface {
	GenerateKey(ctx context.Context, keyID string, c Context) (plain, sealed []byte, err error)
	Unseal(ctx context.Context, keyID string, sealed []byte, c Context) ([]byte, error)
}

// Admin is the optional key administration of a KMS, found by type
// assertion (the built-in KMS has it; an external one may not).
type Admin interface {
	Create(ctx context.Context, name string) (KeyInfo, error)
	List(ctx context.Context) ([]KeyInfo, error)
	Rotate(ctx context.Context, name string) (KeyInfo, error)
	Disable(ctx context.Context, name string) (KeyInfo, error)
	Enable(ctx context.Context, name string) (KeyInfo, error)
}

// KeyInfo describes a key without its material.
type KeyInfo struct {
	Name     string    `json:"name"`
	Created  time.Time `json:"created"`
	Version  int       `json:"version"` // current version, 1 at creation
	Versions int       `json:"versions"`
	Disabled bool      `json:"disabled"`
}

// SSES3Key is the key that wraps SSE-S3 data keys. The built-in KMS
// creates it on first use; it is listed like any other key.
const SSES3Key = "strata-sse-s3"

// VersionOf returns the key version recorded in a sealed data key, or 0.
func VersionOf(sealed []byte) int {
	v, _, err := splitSealed(sealed)
	if err != nil {
		return 0
	}
	return v
}

func errNotFound(op, name string) error {
	return strata.Errorf(op, strata.NotExist, "KMS.NotFoundException: key %q does not exist", name)
}

func errDisabled(op, name string) error {
	return strata.Errorf(op, strata.Invalid, "KMS.DisabledException: key %q is disabled", name)
}

// ValidName says whether name can name a key: 1 to 256 characters from
// letters, digits and "-_/.:".
func ValidName(name string) bool {
	if name == "" || len(name) > 256 {
		return false
	}
	for _, c := range name {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '/' || c == '.' || c == ':'
		if !ok {
			return false
		}
	}
	return true
}
