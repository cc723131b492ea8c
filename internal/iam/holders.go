package iam

import (
	"context"
	"slices"
	"sort"

	"github.com/strata-storage/strata/internal/meta"
)

// Entity kinds that hold policies.
const (
	EntityUser  = "user"
	EntityGroup = "group"
	EntityRole  = "role"
)

// policyHolder is what users, groups and roles share: inline policies
// and attached managed policies.
type policyHolder struct {
	Inline   map[string]string
	Attached []string
}

// holderKey returns the record key of an entity.
func holderKey(kind, account, name string) []byte {
	switch kind {
	case EntityUser:
		return userKey(account, name)
	case EntityGroup:
		return groupKey(account, name)
	default:
		return roleKey(account, name)
	}
}

func holderWhat(kind string) string {
	switch kind {
	case EntityUser:
		return "user"
	case EntityGroup:
		return "group"
	default:
		return "role"
	}
}

// editHolder loads an entity's record as a generic map, lets fn change
// its policies, and writes it back.
func (s *Store) editHolder(ctx context.Context, kind, account, name string, fn func(h *policyHolder) error) error {
	key := holderKey(kind, account, name)
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		var rec map[string]any
		if found, err := getJSON(tx, key, &rec); err != nil || !found {
			if err == nil {
				err = noSuchEntity("The %s with name %s cannot be found.", holderWhat(kind), name)
			}
			return err
		}
		h := holderOf(rec)
		if err := fn(&h); err != nil {
			return err
		}
		if len(h.Inline) == 0 {
			delete(rec, "inline")
		} else {
			rec["inline"] = h.Inline
		}
		if len(h.Attached) == 0 {
			delete(rec, "attached")
		} else {
			rec["attached"] = h.Attached
		}
		return setJSON(tx, touch, key, rec)
	})
}

func holderOf(rec map[string]any) policyHolder {
	h := policyHolder{Inline: map[string]string{}}
	if m, ok := rec["inline"].(map[string]any); ok {
		for k, v := range m {
			if s, ok := v.(string); ok {
				h.Inline[k] = s
			}
		}
	}
	if l, ok := rec["attached"].([]any); ok {
		for _, v := range l {
			if s, ok := v.(string); ok {
				h.Attached = append(h.Attached, s)
			}
		}
	}
	return h
}

func (s *Store) readHolder(ctx context.Context, kind, account, name string) (policyHolder, error) {
	rec, err := getOne[map[string]any](ctx, s.eng, holderKey(kind, account, name),
		"The "+holderWhat(kind)+" with name "+name+" cannot be found.")
	if err != nil {
		return policyHolder{}, err
	}
	return holderOf(rec), nil
}

// PutInlinePolicy adds or replaces an inline policy of a user, group or role.
func (s *Store) PutInlinePolicy(ctx context.Context, kind, account, name, policyName, doc string) error {
	if err := checkName("Policy", policyName, 128); err != nil {
		return err
	}
	if err := ValidateIdentityPolicy(doc); err != nil {
		return err
	}
	return s.editHolder(ctx, kind, account, name, func(h *policyHolder) error {
		h.Inline[policyName] = doc
		return nil
	})
}

// GetInlinePolicy returns an inline policy's document.
func (s *Store) GetInlinePolicy(ctx context.Context, kind, account, name, policyName string) (string, error) {
	h, err := s.readHolder(ctx, kind, account, name)
	if err != nil {
		return "", err
	}
	doc, ok := h.Inline[policyName]
	if !ok {
		return "", noSuchEntity("The %s policy with name %s cannot be found.", holderWhat(kind), policyName)
	}
	return doc, nil
}

// DeleteInlinePolicy removes an inline policy.
func (s *Store) DeleteInlinePolicy(ctx context.Context, kind, account, name, policyName string) error {
	return s.editHolder(ctx, kind, account, name, func(h *policyHolder) error {
		if _, ok := h.Inline[policyName]; !ok {
			return noSuchEntity("The %s policy with name %s cannot be found.", holderWhat(kind), policyName)
		}
		delete(h.Inline, policyName)
		return nil
	})
}

// ListInlinePolicies lists the names of an entity's inline policies.
func (s *Store) ListInlinePolicies(ctx context.Context, kind, account, name string) ([]string, error) {
	h, err := s.readHolder(ctx, kind, account, name)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(h.Inline))
	for n := range h.Inline {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

// AttachPolicy attaches a managed policy (by ARN) to an entity.
func (s *Store) AttachPolicy(ctx context.Context, kind, account, name, arn string) error {
	if _, err := s.GetPolicyByARN(ctx, arn); err != nil {
		return err
	}
	return s.editHolder(ctx, kind, account, name, func(h *policyHolder) error {
		if !slices.Contains(h.Attached, arn) {
			if len(h.Attached) >= 20 {
				return limitExceeded("Cannot exceed quota for PoliciesPerUser: 20")
			}
			h.Attached = append(h.Attached, arn)
		}
		return nil
	})
}

// DetachPolicy detaches a managed policy.
func (s *Store) DetachPolicy(ctx context.Context, kind, account, name, arn string) error {
	return s.editHolder(ctx, kind, account, name, func(h *policyHolder) error {
		i := slices.Index(h.Attached, arn)
		if i < 0 {
			return noSuchEntity("Policy %s was not found.", arn)
		}
		h.Attached = slices.Delete(h.Attached, i, i+1)
		return nil
	})
}

// ListAttachedPolicies lists the ARNs attached to an entity.
func (s *Store) ListAttachedPolicies(ctx context.Context, kind, account, name string) ([]string, error) {
	h, err := s.readHolder(ctx, kind, account, name)
	return h.Attached, err
}
