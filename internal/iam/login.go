package iam

import (
	"context"
	"net/http"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// LoginProfile is the console password of an IAM user, or of an
// account's root (User ""), as AWS IAM's login profile. The password is
// kept only as an argon2id hash.
//
// It is a record of its own ("I/w/<account>/<user>") next to the user
// record rather than a field of User: every API that shows a User would
// otherwise carry the hash, and the gateways' cache never needs it.
type LoginProfile struct {
	Account       string       `json:"account"`
	User          string       `json:"user,omitempty"` // "" = the account's root
	Created       time.Time    `json:"created"`
	ResetRequired bool         `json:"reset_required,omitempty"`
	Hash          PasswordHash `json:"hash"`
}

func loginKey(account, user string) []byte {
	return []byte(prefix + "w/" + account + "/" + lower(user))
}

// ErrBadLogin is the one answer to a refused password login, whatever
// was wrong (account, user, password, or no password set), so that a
// caller learns nothing about which names exist.
var ErrBadLogin = &Error{Code: "AccessDenied", Status: http.StatusForbidden, Kind: strata.Permission,
	Message: "The account, user name or password is incorrect."}

// loginOwner checks that the holder of a profile exists: the user, or
// for "" the account. The administrator (the root account's root) has
// no password: a console session minted from one would be a session,
// which is not the administrator (see Principal.IsAdmin), and the
// cluster's most powerful identity stays behind its access key.
func (s *Store) loginOwner(tx meta.Reader, account, user string) error {
	if err := s.needAccount(tx, account); err != nil {
		return err
	}
	if user == "" {
		if account == RootAccount {
			return invalidInput("The administrator (root of account %s) signs in with its access key, not a password.", RootAccount)
		}
		return nil
	}
	var u User
	found, err := getJSON(tx, userKey(account, user), &u)
	if err == nil && !found {
		err = noSuchEntity("The user with name %s cannot be found.", user)
	}
	return err
}

// CreateLoginProfile gives a user (or, with user "", the account root)
// a password. The password must satisfy DefaultPasswordPolicy.
func (s *Store) CreateLoginProfile(ctx context.Context, account, user, password string, resetRequired bool) (LoginProfile, error) {
	if err := DefaultPasswordPolicy.Check(password, account, user); err != nil {
		return LoginProfile{}, err
	}
	lp := LoginProfile{Account: account, User: user, Created: s.now().UTC(), ResetRequired: resetRequired, Hash: hashPassword(password)}
	err := s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		if err := s.loginOwner(tx, account, user); err != nil {
			return err
		}
		var old LoginProfile
		if found, err := getJSON(tx, loginKey(account, user), &old); err != nil || found {
			if err == nil {
				err = alreadyExists("Login Profile for %s already exists.", holderName(account, user))
			}
			return err
		}
		return setJSON(tx, touch, loginKey(account, user), lp)
	})
	return lp, err
}

func holderName(account, user string) string {
	if user == "" {
		return "the root of account " + account
	}
	return "user " + user
}

func noLoginProfile(account, user string) *Error {
	return noSuchEntity("Login Profile for %s cannot be found.", holderName(account, user))
}

// GetLoginProfile reads a login profile (the hash included: callers that
// show it must leave the hash out).
func (s *Store) GetLoginProfile(ctx context.Context, account, user string) (LoginProfile, error) {
	return getOne[LoginProfile](ctx, s.eng, loginKey(account, user), noLoginProfile(account, user).Message)
}

// UpdateLoginProfile changes the password (password non-nil) and/or the
// reset flag (reset non-nil).
func (s *Store) UpdateLoginProfile(ctx context.Context, account, user string, password *string, reset *bool) error {
	var h PasswordHash
	if password != nil {
		if err := DefaultPasswordPolicy.Check(*password, account, user); err != nil {
			return err
		}
		h = hashPassword(*password)
	}
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		var lp LoginProfile
		if found, err := getJSON(tx, loginKey(account, user), &lp); err != nil || !found {
			if err == nil {
				err = noLoginProfile(account, user)
			}
			return err
		}
		if password != nil {
			lp.Hash = h
		}
		if reset != nil {
			lp.ResetRequired = *reset
		}
		return setJSON(tx, touch, loginKey(account, user), lp)
	})
}

// DeleteLoginProfile removes a password: the holder can no longer sign
// in to the console with one (sessions already minted run out).
func (s *Store) DeleteLoginProfile(ctx context.Context, account, user string) error {
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		var lp LoginProfile
		if found, err := getJSON(tx, loginKey(account, user), &lp); err != nil || !found {
			if err == nil {
				err = noLoginProfile(account, user)
			}
			return err
		}
		return del(tx, touch, loginKey(account, user))
	})
}

// CheckPassword verifies a password in constant time and at the cost of
// one argon2id hash whether or not the profile exists. Any failure is
// ErrBadLogin, except a metadata error.
func (s *Store) CheckPassword(ctx context.Context, account, user, password string) (LoginProfile, error) {
	var lp LoginProfile
	var found bool
	var err error
	// Names that cannot exist are not looked up (nor let into a key),
	// but still cost a hash.
	if CheckAccountName(account) == nil && (user == "" || checkName("User", user, 64) == nil) {
		err = s.eng.View(ctx, func(r meta.Reader) (err error) {
			found, err = getJSON(r, loginKey(account, user), &lp)
			return err
		})
	}
	if err != nil {
		return LoginProfile{}, err
	}
	h := decoyHash
	if found {
		h = lp.Hash
	}
	if !h.matches(password) || !found {
		return LoginProfile{}, ErrBadLogin
	}
	return lp, nil
}

// moveLogin follows a user's rename (UpdateUser).
func moveLogin(tx meta.Txn, touch func([]byte), account, from, to string) error {
	var lp LoginProfile
	found, err := getJSON(tx, loginKey(account, from), &lp)
	if err != nil || !found {
		return err
	}
	lp.User = to
	if err := del(tx, touch, loginKey(account, from)); err != nil {
		return err
	}
	return setJSON(tx, touch, loginKey(account, to), lp)
}

// loginConflict refuses to delete a user that still has a password, as
// AWS does ("must delete login profile first").
func loginConflict(tx meta.Reader, account, user string) error {
	var lp LoginProfile
	found, err := getJSON(tx, loginKey(account, user), &lp)
	if err == nil && found {
		err = deleteConflict("Cannot delete entity, must delete login profile first.")
	}
	return err
}

// ChangePassword is a user changing its own password (AWS's
// ChangePassword): the old one must match; the new one must satisfy the
// policy and differ from it. It clears ResetRequired.
func (s *Store) ChangePassword(ctx context.Context, account, user, oldPassword, newPassword string) error {
	if _, err := s.CheckPassword(ctx, account, user, oldPassword); err != nil {
		if err == ErrBadLogin {
			return AccessDenied("The old password is incorrect.")
		}
		return err
	}
	if newPassword == oldPassword {
		return passwordPolicy("The new password must differ from the old one.")
	}
	no := false
	return s.UpdateLoginProfile(ctx, account, user, &newPassword, &no)
}
