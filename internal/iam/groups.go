package iam

import (
	"context"
	"slices"
	"strings"

	"github.com/strata-storage/strata/internal/meta"
)

// CreateGroup creates a group.
func (s *Store) CreateGroup(ctx context.Context, account, name, path string) (Group, error) {
	if err := checkName("Group", name, 128); err != nil {
		return Group{}, err
	}
	path, err := normPath(path)
	if err != nil {
		return Group{}, err
	}
	g := Group{Account: account, Name: name, ID: newID("AGPA"), Path: path, Created: s.now().UTC()}
	err = s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		if err := s.needAccount(tx, account); err != nil {
			return err
		}
		if err := s.nameFree(tx, groupKey(account, name), "Group", name); err != nil {
			return err
		}
		return setJSON(tx, touch, groupKey(account, name), g)
	})
	return g, err
}

// GetGroup reads a group.
func (s *Store) GetGroup(ctx context.Context, account, name string) (Group, error) {
	return getOne[Group](ctx, s.eng, groupKey(account, name), "The group with name "+name+" cannot be found.")
}

// ListGroups lists an account's groups.
func (s *Store) ListGroups(ctx context.Context, account, pathPrefix string) ([]Group, error) {
	gs, err := listJSON[Group](ctx, s.eng, []byte(prefix+"g/"+account+"/"))
	return byName(filterPath(gs, pathPrefix, func(g Group) string { return g.Path }), func(g Group) string { return g.Name }), err
}

// ListGroupsForUser lists the groups a user belongs to.
func (s *Store) ListGroupsForUser(ctx context.Context, account, user string) ([]Group, error) {
	if _, err := s.GetUser(ctx, account, user); err != nil {
		return nil, err
	}
	gs, err := s.ListGroups(ctx, account, "")
	return slices.DeleteFunc(gs, func(g Group) bool { return !hasMember(g.Members, user) }), err
}

// DeleteGroup removes a group with no members and no policies.
func (s *Store) DeleteGroup(ctx context.Context, account, name string) error {
	return s.editGroup(ctx, account, name, func(tx meta.Txn, touch func([]byte), g *Group) error {
		if len(g.Members) > 0 {
			return deleteConflict("Cannot delete entity, must remove users from group first.")
		}
		if len(g.Inline) > 0 || len(g.Attached) > 0 {
			return deleteConflict("Cannot delete entity, must delete policies first.")
		}
		return del(tx, touch, groupKey(account, name))
	})
}

// AddUserToGroup adds a member.
func (s *Store) AddUserToGroup(ctx context.Context, account, group, user string) error {
	return s.editGroup(ctx, account, group, func(tx meta.Txn, touch func([]byte), g *Group) error {
		var u User
		if found, err := getJSON(tx, userKey(account, user), &u); err != nil || !found {
			if err == nil {
				err = noSuchEntity("The user with name %s cannot be found.", user)
			}
			return err
		}
		if !hasMember(g.Members, u.Name) {
			g.Members = append(g.Members, u.Name)
		}
		return setJSON(tx, touch, groupKey(account, group), g)
	})
}

// RemoveUserFromGroup removes a member.
func (s *Store) RemoveUserFromGroup(ctx context.Context, account, group, user string) error {
	return s.editGroup(ctx, account, group, func(tx meta.Txn, touch func([]byte), g *Group) error {
		i := slices.IndexFunc(g.Members, func(m string) bool { return strings.EqualFold(m, user) })
		if i < 0 {
			return noSuchEntity("The user with name %s cannot be found.", user)
		}
		g.Members = slices.Delete(g.Members, i, i+1)
		return setJSON(tx, touch, groupKey(account, group), g)
	})
}

func (s *Store) editGroup(ctx context.Context, account, name string, fn func(meta.Txn, func([]byte), *Group) error) error {
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		var g Group
		if found, err := getJSON(tx, groupKey(account, name), &g); err != nil || !found {
			if err == nil {
				err = noSuchEntity("The group with name %s cannot be found.", name)
			}
			return err
		}
		return fn(tx, touch, &g)
	})
}

// hasMember reports whether a group's members include user (names are
// case-insensitive).
func hasMember(members []string, user string) bool {
	return slices.ContainsFunc(members, func(m string) bool { return strings.EqualFold(m, user) })
}

// UpdateGroup renames a group or changes its path.
func (s *Store) UpdateGroup(ctx context.Context, account, name, newName, newPath string) error {
	return s.editGroup(ctx, account, name, func(tx meta.Txn, touch func([]byte), g *Group) error {
		if newPath != "" {
			p, err := normPath(newPath)
			if err != nil {
				return err
			}
			g.Path = p
		}
		if newName == "" || newName == g.Name {
			return setJSON(tx, touch, groupKey(account, name), g)
		}
		if err := checkName("Group", newName, 128); err != nil {
			return err
		}
		if !strings.EqualFold(newName, name) {
			if err := s.nameFree(tx, groupKey(account, newName), "Group", newName); err != nil {
				return err
			}
		}
		if err := del(tx, touch, groupKey(account, name)); err != nil {
			return err
		}
		g.Name = newName
		return setJSON(tx, touch, groupKey(account, newName), g)
	})
}
