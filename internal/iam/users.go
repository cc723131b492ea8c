package iam

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/strata-storage/strata/internal/meta"
)

func jsonInto(b []byte, v any) error { return json.Unmarshal(b, v) }

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

// CreateUser creates an IAM user in an account.
func (s *Store) CreateUser(ctx context.Context, account, name, path string, tags map[string]string) (User, error) {
	if err := checkName("User", name, 64); err != nil {
		return User{}, err
	}
	path, err := normPath(path)
	if err != nil {
		return User{}, err
	}
	u := User{Account: account, Name: name, ID: newID("AIDA"), Path: path, Created: s.now().UTC(), Tags: tags}
	err = s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		if err := s.needAccount(tx, account); err != nil {
			return err
		}
		if err := s.nameFree(tx, userKey(account, name), "User", name); err != nil {
			return err
		}
		return setJSON(tx, touch, userKey(account, name), u)
	})
	return u, err
}

// needAccount fails with NoSuchEntity if the account is missing.
func (s *Store) needAccount(tx meta.Reader, account string) error {
	var a Account
	found, err := getJSON(tx, accountKey(account), &a)
	if err == nil && !found {
		err = noSuchEntity("The account with name %s cannot be found.", account)
	}
	return err
}

// nameFree fails if a record exists at key; IAM names are unique
// without regard to case, so a lower-cased twin counts too.
func (s *Store) nameFree(tx meta.Reader, key []byte, what, name string) error {
	dir := string(key[:strings.LastIndexByte(string(key), '/')+1])
	return scan(tx, []byte(dir), func(k, _ []byte) error {
		if strings.EqualFold(string(k[len(dir):]), name) {
			return alreadyExists("%s with name %s already exists.", what, name)
		}
		return nil
	})
}

// GetUser reads a user.
func (s *Store) GetUser(ctx context.Context, account, name string) (User, error) {
	return getOne[User](ctx, s.eng, userKey(account, name), "The user with name "+name+" cannot be found.")
}

// ListUsers lists an account's users whose path starts with pathPrefix.
func (s *Store) ListUsers(ctx context.Context, account, pathPrefix string) ([]User, error) {
	us, err := listJSON[User](ctx, s.eng, []byte(prefix+"u/"+account+"/"))
	return byName(filterPath(us, pathPrefix, func(u User) string { return u.Path }), func(u User) string { return u.Name }), err
}

func filterPath[T any](xs []T, pathPrefix string, path func(T) string) []T {
	if pathPrefix == "" || pathPrefix == "/" {
		return xs
	}
	return slices.DeleteFunc(xs, func(x T) bool { return !strings.HasPrefix(path(x), pathPrefix) })
}

// byName sorts records by name without regard to case, as AWS lists.
func byName[T any](xs []T, name func(T) string) []T {
	slices.SortFunc(xs, func(a, b T) int { return strings.Compare(lower(name(a)), lower(name(b))) })
	return xs
}

// UpdateUser renames a user or changes its path; keys, group
// memberships and policies follow.
func (s *Store) UpdateUser(ctx context.Context, account, name, newName, newPath string) error {
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		var u User
		if found, err := getJSON(tx, userKey(account, name), &u); err != nil || !found {
			if err == nil {
				err = noSuchEntity("The user with name %s cannot be found.", name)
			}
			return err
		}
		if newPath != "" {
			p, err := normPath(newPath)
			if err != nil {
				return err
			}
			u.Path = p
		}
		if newName == "" || newName == name {
			return setJSON(tx, touch, userKey(account, name), u)
		}
		if err := checkName("User", newName, 64); err != nil {
			return err
		}
		if err := s.nameFree(tx, userKey(account, newName), "User", newName); err != nil {
			return err
		}
		u.Name = newName
		if err := del(tx, touch, userKey(account, name)); err != nil {
			return err
		}
		if err := moveLogin(tx, touch, account, name, newName); err != nil {
			return err
		}
		if err := s.moveSSHKeys(tx, touch, account, name, newName); err != nil {
			return err
		}
		if err := setJSON(tx, touch, userKey(account, newName), u); err != nil {
			return err
		}
		if err := s.eachKey(tx, func(k AccessKey) error {
			if k.Account != account || !strings.EqualFold(k.User, name) {
				return nil
			}
			k.User = newName
			return setJSON(tx, touch, accessKeyKey(k.ID), k)
		}); err != nil {
			return err
		}
		return s.eachGroup(tx, account, func(g Group) error {
			if i := slices.IndexFunc(g.Members, func(m string) bool { return strings.EqualFold(m, name) }); i >= 0 {
				g.Members[i] = newName
				return setJSON(tx, touch, groupKey(account, g.Name), g)
			}
			return nil
		})
	})
}

// DeleteUser removes a user that has no access keys, policies or groups
// left, as AWS requires.
func (s *Store) DeleteUser(ctx context.Context, account, name string) error {
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		var u User
		if found, err := getJSON(tx, userKey(account, name), &u); err != nil || !found {
			if err == nil {
				err = noSuchEntity("The user with name %s cannot be found.", name)
			}
			return err
		}
		if len(u.Inline) > 0 || len(u.Attached) > 0 {
			return deleteConflict("Cannot delete entity, must delete policies first.")
		}
		if err := loginConflict(tx, account, name); err != nil {
			return err
		}
		if err := s.sshKeysConflict(tx, account, name); err != nil {
			return err
		}
		if err := s.eachKey(tx, func(k AccessKey) error {
			if k.Account == account && strings.EqualFold(k.User, name) && k.Session == nil {
				return deleteConflict("Cannot delete entity, must delete access keys first.")
			}
			return nil
		}); err != nil {
			return err
		}
		if err := s.eachGroup(tx, account, func(g Group) error {
			if hasMember(g.Members, name) {
				return deleteConflict("Cannot delete entity, must remove users from group first.")
			}
			return nil
		}); err != nil {
			return err
		}
		return del(tx, touch, userKey(account, name))
	})
}

func (s *Store) eachKey(tx meta.Reader, fn func(AccessKey) error) error {
	return scan(tx, []byte(prefix+"k/"), func(_, v []byte) error {
		var k AccessKey
		if err := jsonInto(v, &k); err != nil {
			return nil
		}
		return fn(k)
	})
}

func (s *Store) eachGroup(tx meta.Reader, account string, fn func(Group) error) error {
	return scan(tx, []byte(prefix+"g/"+account+"/"), func(_, v []byte) error {
		var g Group
		if err := jsonInto(v, &g); err != nil {
			return nil
		}
		return fn(g)
	})
}
