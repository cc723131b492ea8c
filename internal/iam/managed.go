package iam

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/strata-storage/strata/internal/meta"
)

// MaxPolicyVersions is AWS's limit of versions per managed policy.
const MaxPolicyVersions = 5

// builtin are the AWS managed policies that clients commonly attach.
var builtin = map[string]string{
	"AdministratorAccess":    `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
	"AmazonS3FullAccess":     `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","s3-object-lambda:*"],"Resource":"*"}]}`,
	"AmazonS3ReadOnlyAccess": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*","s3:Describe*","s3-object-lambda:Get*","s3-object-lambda:List*"],"Resource":"*"}]}`,
	"IAMFullAccess":          `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:*"],"Resource":"*"}]}`,
	"IAMReadOnlyAccess":      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"}]}`,
}

const builtinARNPrefix = "arn:aws:iam::aws:policy/"

// PolicyARN is the ARN of a managed policy.
func PolicyARN(accountID string, p ManagedPolicy) string {
	return EntityARN(accountID, "policy", p.Path, p.Name)
}

// CreatePolicy creates a managed policy with its first version, v1.
func (s *Store) CreatePolicy(ctx context.Context, account, name, path, description, doc string) (ManagedPolicy, error) {
	if err := checkName("Policy", name, 128); err != nil {
		return ManagedPolicy{}, err
	}
	path, err := normPath(path)
	if err != nil {
		return ManagedPolicy{}, err
	}
	if err := ValidateIdentityPolicy(doc); err != nil {
		return ManagedPolicy{}, err
	}
	now := s.now().UTC()
	p := ManagedPolicy{Account: account, Name: name, ID: newID("ANPA"), Path: path, Description: description,
		Created: now, Updated: now, Default: "v1", NextVersion: 2,
		Versions: []PolicyVersion{{ID: "v1", Document: doc, Created: now}}}
	err = s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		if err := s.needAccount(tx, account); err != nil {
			return err
		}
		if err := s.nameFree(tx, policyKey(account, name), "Policy", name); err != nil {
			return err
		}
		return setJSON(tx, touch, policyKey(account, name), p)
	})
	return p, err
}

// GetPolicyByARN resolves a managed policy ARN, an AWS managed one
// included.
func (s *Store) GetPolicyByARN(ctx context.Context, arn string) (ManagedPolicy, error) {
	if name, ok := strings.CutPrefix(arn, builtinARNPrefix); ok {
		if doc, ok := builtin[name]; ok {
			return ManagedPolicy{Account: "aws", Name: name, ID: "ANPAAWS" + strings.ToUpper(name)[:min(len(name), 14)],
				Path: "/", Default: "v1", Versions: []PolicyVersion{{ID: "v1", Document: doc}}}, nil
		}
	}
	account, name, err := s.policyARNAccount(ctx, arn)
	if err != nil {
		return ManagedPolicy{}, err
	}
	return getOne[ManagedPolicy](ctx, s.eng, policyKey(account, name), "Policy "+arn+" does not exist or is not attachable.")
}

// policyARNAccount maps a policy ARN to the account name and policy name.
func (s *Store) policyARNAccount(ctx context.Context, arn string) (account, name string, err error) {
	id, kind, name, ok := ParseARN(arn)
	if !ok || kind != "policy" {
		return "", "", invalidInput("ARN %s is not valid.", arn)
	}
	a, err := s.AccountByID(ctx, id)
	if err != nil {
		return "", "", noSuchEntity("Policy %s does not exist or is not attachable.", arn)
	}
	return a.Name, name, nil
}

// AccountByID finds an account by its 12-digit ID.
func (s *Store) AccountByID(ctx context.Context, id string) (Account, error) {
	as, err := s.ListAccounts(ctx)
	if err != nil {
		return Account{}, err
	}
	for _, a := range as {
		if a.ID == id {
			return a, nil
		}
	}
	return Account{}, noSuchEntity("The account with id %s cannot be found.", id)
}

// ListPolicies lists an account's managed policies; withAWS adds the
// AWS managed ones (Scope=All or AWS).
func (s *Store) ListPolicies(ctx context.Context, account, pathPrefix string) ([]ManagedPolicy, error) {
	ps, err := listJSON[ManagedPolicy](ctx, s.eng, []byte(prefix+"p/"+account+"/"))
	return byName(filterPath(ps, pathPrefix, func(p ManagedPolicy) string { return p.Path }), func(p ManagedPolicy) string { return p.Name }), err
}

// BuiltinPolicies returns the AWS managed policies Strata knows.
func BuiltinPolicies() []ManagedPolicy {
	var out []ManagedPolicy
	for name, doc := range builtin {
		out = append(out, ManagedPolicy{Account: "aws", Name: name, Path: "/", Default: "v1",
			Versions: []PolicyVersion{{ID: "v1", Document: doc}}})
	}
	slices.SortFunc(out, func(a, b ManagedPolicy) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// BuiltinARN is the ARN of an AWS managed policy.
func BuiltinARN(name string) string { return builtinARNPrefix + name }

// DeletePolicy removes a managed policy that nothing has attached.
func (s *Store) DeletePolicy(ctx context.Context, arn string) error {
	account, name, err := s.policyARNAccount(ctx, arn)
	if err != nil {
		return err
	}
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		var p ManagedPolicy
		if found, err := getJSON(tx, policyKey(account, name), &p); err != nil || !found {
			if err == nil {
				err = noSuchEntity("Policy %s was not found.", arn)
			}
			return err
		}
		for _, k := range []string{"u/", "g/", "r/"} {
			if err := scan(tx, []byte(prefix+k+account+"/"), func(_, v []byte) error {
				var rec map[string]any
				if jsonInto(v, &rec) == nil && slices.Contains(holderOf(rec).Attached, arn) {
					return deleteConflict("Cannot delete a policy attached to entities.")
				}
				return nil
			}); err != nil {
				return err
			}
		}
		return del(tx, touch, policyKey(account, name))
	})
}

// CreatePolicyVersion adds a version, optionally the default one.
func (s *Store) CreatePolicyVersion(ctx context.Context, arn, doc string, setDefault bool) (PolicyVersion, error) {
	if err := ValidateIdentityPolicy(doc); err != nil {
		return PolicyVersion{}, err
	}
	var v PolicyVersion
	err := s.editPolicy(ctx, arn, func(p *ManagedPolicy) error {
		if len(p.Versions) >= MaxPolicyVersions {
			return limitExceeded("A managed policy can have up to %d versions. Before you create a new version, you must delete an existing version.", MaxPolicyVersions)
		}
		v = PolicyVersion{ID: fmt.Sprintf("v%d", p.NextVersion), Document: doc, Created: s.now().UTC()}
		p.NextVersion++
		p.Versions = append(p.Versions, v)
		if setDefault {
			p.Default = v.ID
		}
		return nil
	})
	return v, err
}

// SetDefaultPolicyVersion makes a version the one in force.
func (s *Store) SetDefaultPolicyVersion(ctx context.Context, arn, version string) error {
	return s.editPolicy(ctx, arn, func(p *ManagedPolicy) error {
		if !slices.ContainsFunc(p.Versions, func(v PolicyVersion) bool { return v.ID == version }) {
			return noSuchEntity("Policy %s version %s does not exist or is not attachable.", arn, version)
		}
		p.Default = version
		return nil
	})
}

// DeletePolicyVersion removes a version other than the default.
func (s *Store) DeletePolicyVersion(ctx context.Context, arn, version string) error {
	return s.editPolicy(ctx, arn, func(p *ManagedPolicy) error {
		if p.Default == version {
			return deleteConflict("Cannot delete the default version of a policy.")
		}
		i := slices.IndexFunc(p.Versions, func(v PolicyVersion) bool { return v.ID == version })
		if i < 0 {
			return noSuchEntity("Policy %s version %s does not exist or is not attachable.", arn, version)
		}
		p.Versions = slices.Delete(p.Versions, i, i+1)
		return nil
	})
}

func (s *Store) editPolicy(ctx context.Context, arn string, fn func(*ManagedPolicy) error) error {
	if strings.HasPrefix(arn, builtinARNPrefix) {
		return AccessDenied("AWS managed policies cannot be changed.")
	}
	account, name, err := s.policyARNAccount(ctx, arn)
	if err != nil {
		return err
	}
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		var p ManagedPolicy
		if found, err := getJSON(tx, policyKey(account, name), &p); err != nil || !found {
			if err == nil {
				err = noSuchEntity("Policy %s was not found.", arn)
			}
			return err
		}
		if err := fn(&p); err != nil {
			return err
		}
		p.Updated = s.now().UTC()
		return setJSON(tx, touch, policyKey(account, name), p)
	})
}
