package policy

import "strings"

// Evaluate decides r under an identity or session policy: Principal and
// NotPrincipal elements are ignored (Validate(Identity) rejects them).
// An explicit Deny wins over any Allow.
func (p *Policy) Evaluate(r *Request) Decision { return p.evaluate(r, false) }

// EvaluateResource decides r under a resource policy (a bucket policy): a
// statement applies only to requesters its Principal names, or that its
// NotPrincipal does not name; a statement with neither applies to no one.
func (p *Policy) EvaluateResource(r *Request) Decision { return p.evaluate(r, true) }

func (p *Policy) evaluate(r *Request, principals bool) Decision {
	if p == nil || r == nil {
		return NotApplicable
	}
	vars := p.Version == Version2012
	d := NotApplicable
	for i := range p.Statements {
		s := &p.Statements[i]
		if d == Allow && s.Effect != EffectDeny {
			continue // cannot change the outcome
		}
		if !s.applies(r, principals, vars) {
			continue
		}
		switch s.Effect {
		case EffectDeny:
			return Deny
		case EffectAllow:
			d = Allow
		}
	}
	return d
}

// applies reports whether the statement covers r; its Effect then decides.
func (s *Statement) applies(r *Request, principals, vars bool) bool {
	if principals {
		switch {
		case s.Principal != nil:
			if !s.Principal.matches(r) {
				return false
			}
		case s.NotPrincipal != nil:
			if s.NotPrincipal.matches(r) {
				return false
			}
		default:
			return false
		}
	}
	switch {
	case len(s.Action) > 0:
		if !matchActions(s.Action, r.Action) {
			return false
		}
	case len(s.NotAction) > 0:
		if matchActions(s.NotAction, r.Action) {
			return false
		}
	default:
		return false
	}
	switch {
	case len(s.Resource) > 0:
		if m, _ := matchResources(s.Resource, r.Resource, r.Context, vars); !m {
			return false
		}
	case len(s.NotResource) > 0:
		if m, unresolved := matchResources(s.NotResource, r.Resource, r.Context, vars); m || unresolved {
			return false
		}
	}
	return s.Condition.holds(r.Context, vars)
}

// matchActions matches an action against patterns, case-insensitively.
func matchActions(patterns []string, action string) bool {
	for _, p := range patterns {
		if p == "*" || MatchWildcard(p, action, true) {
			return true
		}
	}
	return false
}

// matchResources matches a resource against patterns, case-sensitively,
// with policy variables when vars is set. A pattern whose variable has no
// value matches nothing and sets unresolved: a NotResource statement then
// applies to nothing, since AWS never lets a missing value widen a policy.
func matchResources(patterns []string, res string, ctx map[string][]string, vars bool) (m, unresolved bool) {
	for _, p := range patterns {
		if vars && strings.Contains(p, "${") {
			pat, lit, ok := expand(p, ctx)
			if !ok {
				unresolved = true
				continue
			}
			m = m || match(pat, lit, res, false)
			continue
		}
		m = m || p == "*" || match(p, nil, res, false)
	}
	return m, unresolved
}
