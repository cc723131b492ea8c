package iam

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/meta"
)

// MaxKeysPerUser is AWS's quota of access keys per user.
const MaxKeysPerUser = 2

// CreateAccessKey makes a new active key for a user ("" = the account
// root) and returns it with its secret, which is never readable again.
func (s *Store) CreateAccessKey(ctx context.Context, account, user string) (AccessKey, string, error) {
	secret := NewSecret()
	k := AccessKey{ID: NewAccessKeyID(false), Account: account, User: user, Status: KeyActive, Created: s.now().UTC()}
	k.Sealed = s.seal.Seal(k.ID, secret)
	err := s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		if err := s.needAccount(tx, account); err != nil {
			return err
		}
		if user != "" {
			var u User
			if found, err := getJSON(tx, userKey(account, user), &u); err != nil || !found {
				if err == nil {
					err = noSuchEntity("The user with name %s cannot be found.", user)
				}
				return err
			}
			k.User = u.Name
		}
		n := 0
		if err := s.eachKey(tx, func(o AccessKey) error {
			if o.Account == account && strings.EqualFold(o.User, user) && o.Session == nil && !o.Bootstrap {
				n++
			}
			return nil
		}); err != nil {
			return err
		}
		if n >= MaxKeysPerUser {
			return limitExceeded("Cannot exceed quota for AccessKeysPerUser: %d", MaxKeysPerUser)
		}
		return setJSON(tx, touch, accessKeyKey(k.ID), k)
	})
	return k, secret, err
}

// PutBootstrapKey stores a key that comes from a node's configuration
// (the root credentials, --user seeds) if it is not there yet. It
// creates the account if needed. A key id held by another account is an
// error: configuration must not steal keys.
func (s *Store) PutBootstrapKey(ctx context.Context, account, id, secret string) error {
	if _, err := s.EnsureAccount(ctx, account); err != nil {
		return err
	}
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		var old AccessKey
		found, err := getJSON(tx, accessKeyKey(id), &old)
		if err != nil {
			return err
		}
		if found {
			if old.Account != account || old.User != "" {
				return alreadyExists("access key %s already belongs to %s/%s", id, old.Account, old.User)
			}
			if sec, err := s.seal.Open(id, old.Sealed); err == nil && sec == secret {
				return nil
			}
		}
		k := AccessKey{ID: id, Account: account, Status: KeyActive, Created: s.now().UTC(), Bootstrap: true,
			Sealed: s.seal.Seal(id, secret)}
		if found {
			k.Created, k.Status = old.Created, old.Status
		}
		return setJSON(tx, touch, accessKeyKey(id), k)
	})
}

// GetAccessKey reads a key record (with its sealed secret).
func (s *Store) GetAccessKey(ctx context.Context, id string) (AccessKey, error) {
	return getOne[AccessKey](ctx, s.eng, accessKeyKey(id), "The Access Key with id "+id+" cannot be found.")
}

// ListAccessKeys lists the long-term keys of a user ("" = account root).
func (s *Store) ListAccessKeys(ctx context.Context, account, user string) ([]AccessKey, error) {
	var out []AccessKey
	err := s.eng.View(ctx, func(r meta.Reader) error {
		if user != "" {
			var u User
			if found, err := getJSON(r, userKey(account, user), &u); err != nil || !found {
				if err == nil {
					err = noSuchEntity("The user with name %s cannot be found.", user)
				}
				return err
			}
		}
		return s.eachKey(r, func(k AccessKey) error {
			if k.Account == account && strings.EqualFold(k.User, user) && k.Session == nil {
				out = append(out, k)
			}
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Created.Before(out[j].Created) })
	return out, err
}

// UpdateAccessKey activates or deactivates a key.
func (s *Store) UpdateAccessKey(ctx context.Context, account, user, id, status string) error {
	if status != KeyActive && status != KeyInactive {
		return validationError("Value '%s' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]", status)
	}
	return s.mutateKey(ctx, account, user, id, func(tx meta.Txn, touch func([]byte), k *AccessKey) error {
		k.Status = status
		return setJSON(tx, touch, accessKeyKey(id), k)
	})
}

// DeleteAccessKey removes a key. Keys from the configuration cannot be
// deleted here: the node would restore them at its next start.
func (s *Store) DeleteAccessKey(ctx context.Context, account, user, id string) error {
	return s.mutateKey(ctx, account, user, id, func(tx meta.Txn, touch func([]byte), k *AccessKey) error {
		if k.Bootstrap {
			return deleteConflict("Access key %s comes from the server configuration; deactivate it instead.", id)
		}
		if err := del(tx, touch, keyUseKey(id)); err != nil {
			return err
		}
		return del(tx, touch, accessKeyKey(id))
	})
}

func (s *Store) mutateKey(ctx context.Context, account, user, id string, fn func(meta.Txn, func([]byte), *AccessKey) error) error {
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		var k AccessKey
		found, err := getJSON(tx, accessKeyKey(id), &k)
		if err != nil {
			return err
		}
		if !found || k.Account != account || !strings.EqualFold(k.User, user) || k.Session != nil {
			return noSuchEntity("The Access Key with id %s cannot be found.", id)
		}
		return fn(tx, touch, &k)
	})
}

// RecordUse notes the last use of a key.
func (s *Store) RecordUse(ctx context.Context, id string, use KeyUse) error {
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		return setJSON(tx, func([]byte) {}, keyUseKey(id), use)
	})
}

// LastUse returns when a key was last used; zero Time if never.
func (s *Store) LastUse(ctx context.Context, id string) (KeyUse, error) {
	var u KeyUse
	err := s.eng.View(ctx, func(r meta.Reader) error {
		_, err := getJSON(r, keyUseKey(id), &u)
		return err
	})
	return u, err
}

// PutSessionKey stores the temporary key of an STS session.
func (s *Store) PutSessionKey(ctx context.Context, k AccessKey, secret string) error {
	k.Sealed = s.seal.Seal(k.ID, secret)
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		return setJSON(tx, touch, accessKeyKey(k.ID), k)
	})
}

// PurgeExpiredSessions deletes session keys that expired before now.
func (s *Store) PurgeExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	n := 0
	err := s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		n = 0
		return s.eachKey(tx, func(k AccessKey) error {
			if k.Session != nil && now.After(k.Session.Expires) {
				n++
				return del(tx, touch, accessKeyKey(k.ID))
			}
			return nil
		})
	})
	return n, err
}
