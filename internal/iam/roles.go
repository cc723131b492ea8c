package iam

import (
	"context"

	"github.com/strata-storage/strata/internal/meta"
)

// Session durations allowed by AWS.
const (
	MinSessionSeconds     = 900
	DefaultSessionSeconds = 3600
	MaxSessionSeconds     = 43200
)

// CreateRole creates a role with its trust (assume-role) policy.
func (s *Store) CreateRole(ctx context.Context, r Role) (Role, error) {
	if err := checkName("Role", r.Name, 64); err != nil {
		return Role{}, err
	}
	p, err := normPath(r.Path)
	if err != nil {
		return Role{}, err
	}
	if err := ValidateTrustPolicy(r.Trust); err != nil {
		return Role{}, err
	}
	if r.MaxSession == 0 {
		r.MaxSession = DefaultSessionSeconds
	}
	if r.MaxSession < DefaultSessionSeconds || r.MaxSession > MaxSessionSeconds {
		return Role{}, validationError("The requested MaxSessionDuration must be between 3600 and 43200 seconds.")
	}
	r.Path, r.ID, r.Created, r.Inline, r.Attached = p, newID("AROA"), s.now().UTC(), nil, nil
	err = s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		if err := s.needAccount(tx, r.Account); err != nil {
			return err
		}
		if err := s.nameFree(tx, roleKey(r.Account, r.Name), "Role", r.Name); err != nil {
			return err
		}
		return setJSON(tx, touch, roleKey(r.Account, r.Name), r)
	})
	return r, err
}

// GetRole reads a role.
func (s *Store) GetRole(ctx context.Context, account, name string) (Role, error) {
	return getOne[Role](ctx, s.eng, roleKey(account, name), "The role with name "+name+" cannot be found.")
}

// ListRoles lists an account's roles.
func (s *Store) ListRoles(ctx context.Context, account, pathPrefix string) ([]Role, error) {
	rs, err := listJSON[Role](ctx, s.eng, []byte(prefix+"r/"+account+"/"))
	return byName(filterPath(rs, pathPrefix, func(r Role) string { return r.Path }), func(r Role) string { return r.Name }), err
}

// UpdateAssumeRolePolicy replaces a role's trust policy.
func (s *Store) UpdateAssumeRolePolicy(ctx context.Context, account, name, doc string) error {
	if err := ValidateTrustPolicy(doc); err != nil {
		return err
	}
	return s.editRole(ctx, account, name, func(tx meta.Txn, touch func([]byte), r *Role) error {
		r.Trust = doc
		return setJSON(tx, touch, roleKey(account, name), r)
	})
}

// DeleteRole removes a role with no policies left.
func (s *Store) DeleteRole(ctx context.Context, account, name string) error {
	return s.editRole(ctx, account, name, func(tx meta.Txn, touch func([]byte), r *Role) error {
		if len(r.Inline) > 0 || len(r.Attached) > 0 {
			return deleteConflict("Cannot delete entity, must delete policies first.")
		}
		return del(tx, touch, roleKey(account, name))
	})
}

func (s *Store) editRole(ctx context.Context, account, name string, fn func(meta.Txn, func([]byte), *Role) error) error {
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		var r Role
		if found, err := getJSON(tx, roleKey(account, name), &r); err != nil || !found {
			if err == nil {
				err = noSuchEntity("The role with name %s cannot be found.", name)
			}
			return err
		}
		return fn(tx, touch, &r)
	})
}

// UpdateRole changes a role's description and maximum session length.
func (s *Store) UpdateRole(ctx context.Context, account, name, description string, maxSession int) error {
	if maxSession != 0 && (maxSession < DefaultSessionSeconds || maxSession > MaxSessionSeconds) {
		return validationError("The requested MaxSessionDuration must be between 3600 and 43200 seconds.")
	}
	return s.editRole(ctx, account, name, func(tx meta.Txn, touch func([]byte), r *Role) error {
		if description != "" {
			r.Description = description
		}
		if maxSession != 0 {
			r.MaxSession = maxSession
		}
		return setJSON(tx, touch, roleKey(account, name), r)
	})
}
