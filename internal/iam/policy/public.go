package policy

import "strings"

// fixingKeys are the condition keys that, pinned to fixed values, keep a
// statement granting to "*" from being public (as S3 GetBucketPolicyStatus
// and Block Public Access judge it).
var fixingKeys = map[string]bool{
	"aws:sourceip": true, "aws:sourcearn": true, "aws:sourcevpc": true, "aws:sourcevpce": true,
	"aws:sourceaccount": true, "aws:sourceowner": true, "aws:principalaccount": true,
	"aws:principalorgid": true, "aws:principalarn": true, "aws:userid": true,
	"s3:dataaccesspointarn": true, "s3:dataaccesspointaccount": true,
}

// IsPublic reports whether the policy, as a resource policy, allows
// anyone: an Allow statement whose Principal is "*" (or that uses
// NotPrincipal) and that no condition pins to fixed sources or accounts.
// A condition pins only with a positive operator, no IfExists and no
// wildcard in its values; IP ranges wider than /8 (IPv4) or /32 (IPv6)
// do not pin.
func (p *Policy) IsPublic() bool {
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Effect != EffectAllow || !s.toEveryone() {
			continue
		}
		if !s.Condition.pinned() {
			return true
		}
	}
	return false
}

func (s *Statement) toEveryone() bool {
	if s.NotPrincipal != nil {
		return true
	}
	if s.Principal == nil {
		return false
	}
	if s.Principal.All {
		return true
	}
	for _, a := range s.Principal.AWS {
		if a == "*" {
			return true
		}
	}
	return false
}

// pinned reports whether one condition restricts the statement to fixed
// values of a fixing key.
func (cs Conditions) pinned() bool {
	for i := range cs {
		c := &cs[i]
		spec, ok := parseOperator(c.Operator)
		if !ok || spec.negate || spec.ifExists || spec.set == setAll || spec.fam == famNull {
			continue
		}
		if !fixingKeys[strings.ToLower(c.Key)] {
			continue
		}
		fixed := true
		for _, v := range c.Values {
			if spec.fam == famStringLike || spec.fam == famArn {
				fixed = fixed && !strings.ContainsAny(v, "*?")
			}
			if spec.fam == famIP {
				pre, ok := parsePrefix(v)
				fixed = fixed && ok && (pre.Addr().Is4() && pre.Bits() >= 8 || !pre.Addr().Is4() && pre.Bits() >= 32)
			}
		}
		if fixed {
			return true
		}
	}
	return false
}
