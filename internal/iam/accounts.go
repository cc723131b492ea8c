package iam

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"

	"github.com/strata-storage/strata/internal/meta"
)

// CreateAccount creates a tenant. The 12-digit ID is random.
func (s *Store) CreateAccount(ctx context.Context, name, email string) (Account, error) {
	if err := CheckAccountName(name); err != nil {
		return Account{}, err
	}
	a := Account{Name: name, ID: newAccountID(), Email: email, Created: s.now().UTC()}
	err := s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		var old Account
		if found, err := getJSON(tx, accountKey(name), &old); err != nil || found {
			if err == nil {
				err = alreadyExists("Account %s already exists.", name)
			}
			return err
		}
		return setJSON(tx, touch, accountKey(name), a)
	})
	return a, err
}

// EnsureAccount returns the account, creating it if needed (bootstrap).
func (s *Store) EnsureAccount(ctx context.Context, name string) (Account, error) {
	a, err := s.GetAccount(ctx, name)
	if err == nil {
		return a, nil
	}
	if a, err = s.CreateAccount(ctx, name, ""); err != nil {
		if e, ok := err.(*Error); ok && e.Code == "EntityAlreadyExists" {
			return s.GetAccount(ctx, name)
		}
	}
	return a, err
}

// GetAccount reads an account.
func (s *Store) GetAccount(ctx context.Context, name string) (Account, error) {
	return getOne[Account](ctx, s.eng, accountKey(name), fmt.Sprintf("The account with name %s cannot be found.", name))
}

// ListAccounts lists every account.
func (s *Store) ListAccounts(ctx context.Context) ([]Account, error) {
	return listJSON[Account](ctx, s.eng, []byte(prefix+"a/"))
}

// DeleteAccount removes an account that owns nothing: no user, group,
// role, managed policy or access key (buckets are checked by the caller,
// which knows the directory).
func (s *Store) DeleteAccount(ctx context.Context, name string) error {
	if name == RootAccount {
		return deleteConflict("The root account cannot be deleted.")
	}
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		var a Account
		if found, err := getJSON(tx, accountKey(name), &a); err != nil || !found {
			if err == nil {
				err = noSuchEntity("The account with name %s cannot be found.", name)
			}
			return err
		}
		for _, k := range []string{"u/", "g/", "r/", "p/"} {
			p := []byte(prefix + k + name + "/")
			if err := scan(tx, p, func(_, _ []byte) error {
				return deleteConflict("Cannot delete account %s: it still has users, groups, roles or policies.", name)
			}); err != nil {
				return err
			}
		}
		if err := scan(tx, []byte(prefix+"k/"), func(key, v []byte) error {
			var k AccessKey
			if jsonInto(v, &k) == nil && k.Account == name && k.Session == nil {
				return deleteConflict("Cannot delete account %s: it still has access keys.", name)
			}
			return nil
		}); err != nil {
			return err
		}
		// The root's password goes with the account.
		if err := del(tx, touch, loginKey(name, "")); err != nil {
			return err
		}
		return del(tx, touch, accountKey(name))
	})
}

// SetAccountPublicAccessBlock sets (nil: removes) the account-wide block.
func (s *Store) SetAccountPublicAccessBlock(ctx context.Context, name string, pab *PublicAccessBlock) error {
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		var a Account
		if found, err := getJSON(tx, accountKey(name), &a); err != nil || !found {
			if err == nil {
				err = noSuchEntity("The account with name %s cannot be found.", name)
			}
			return err
		}
		a.PublicAccessBlock = pab
		return setJSON(tx, touch, accountKey(name), a)
	})
}

func newAccountID() string {
	n, err := rand.Int(rand.Reader, big.NewInt(9e11))
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("%012d", n.Int64()+1e11)
}
