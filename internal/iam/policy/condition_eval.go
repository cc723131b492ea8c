package policy

import (
	"net/netip"
	"strings"
)

// holds reports whether every condition holds for ctx. vars enables policy
// variables (Version 2012-10-17).
func (cs Conditions) holds(ctx map[string][]string, vars bool) bool {
	for i := range cs {
		if !cs[i].holds(ctx, vars) {
			return false
		}
	}
	return true
}

// holds evaluates one condition. A key missing from the request makes a
// positive operator false and a negated one true (StringNotEquals on an
// absent key holds, as in AWS); IfExists makes it true; ForAnyValue is
// false and ForAllValues true on an empty set. A policy variable without a
// value makes the condition false.
func (c *Condition) holds(ctx map[string][]string, vars bool) bool {
	spec, lkey := c.spec, c.lkey
	if spec.fam == 0 { // built by hand, not by Parse
		var ok bool
		if spec, ok = parseOperator(c.Operator); !ok {
			return false
		}
		lkey = strings.ToLower(c.Key)
	}
	have := ctx[lkey]
	if spec.fam == famNull {
		absent := len(have) == 0
		for _, v := range c.Values {
			if strings.EqualFold(strings.TrimSpace(v), "true") == absent {
				return true
			}
		}
		return false
	}
	if len(have) == 0 {
		switch {
		case spec.ifExists:
			return true
		case spec.set == setAny:
			return false
		case spec.set == setAll:
			return true
		}
		return spec.negate
	}
	vars = vars && spec.takesVars()
	if vars && !c.resolvable(ctx) {
		return false
	}
	// sat reports whether one request value satisfies the operator.
	sat := func(v string) bool { return spec.anyMatch(c.Values, v, vars, ctx) != spec.negate }
	all := spec.set == setAll || (spec.set == setNone && spec.negate)
	for _, v := range have {
		if sat(v) != all {
			return !all
		}
	}
	return all
}

// takesVars reports whether the operator substitutes policy variables in
// its values: AWS does so for string and ARN operators only.
func (s opSpec) takesVars() bool {
	switch s.fam {
	case famString, famStringFold, famStringLike, famArn:
		return true
	}
	return false
}

// resolvable reports whether every variable in the values has a value.
func (c *Condition) resolvable(ctx map[string][]string) bool {
	for _, v := range c.Values {
		if hasVars(v) {
			if _, _, ok := expand(v, ctx); !ok {
				return false
			}
		}
	}
	return true
}

// anyMatch reports whether the request value v matches one of the policy
// values under the positive form of the operator.
func (s opSpec) anyMatch(pvals []string, v string, vars bool, ctx map[string][]string) bool {
	for _, pv := range pvals {
		var lit []bool
		if vars && hasVars(pv) {
			pv, lit, _ = expand(pv, ctx)
		}
		if s.match1(pv, lit, v) {
			return true
		}
	}
	return false
}

// match1 compares one policy value (with its literal mask) to one request
// value.
func (s opSpec) match1(pv string, lit []bool, v string) bool {
	switch s.fam {
	case famString, famBinary:
		return pv == v
	case famStringFold:
		return strings.EqualFold(pv, v)
	case famStringLike:
		return match(pv, lit, v, false)
	case famBool:
		return strings.EqualFold(strings.TrimSpace(pv), strings.TrimSpace(v))
	case famNumeric:
		a, ok1 := parseNumber(v)
		b, ok2 := parseNumber(pv)
		return ok1 && ok2 && compare(s.cmp, a < b, a == b)
	case famDate:
		a, ok1 := parseDate(v)
		b, ok2 := parseDate(pv)
		return ok1 && ok2 && compare(s.cmp, a.Before(b), a.Equal(b))
	case famIP:
		p, ok := parsePrefix(pv)
		a, err := netip.ParseAddr(strings.TrimSpace(v))
		if !ok || err != nil {
			return false
		}
		return p.Contains(a) || p.Contains(a.Unmap())
	case famArn:
		return arnMatch(pv, lit, v)
	}
	return false
}

// compare applies c to the request value given how it relates to the
// policy value (request < policy, request == policy).
func compare(c cmp, lt, eq bool) bool {
	switch c {
	case cmpEq:
		return eq
	case cmpLt:
		return lt
	case cmpLe:
		return lt || eq
	case cmpGt:
		return !lt && !eq
	case cmpGe:
		return !lt
	}
	return false
}

// arnMatch compares ARNs field by field, as AWS does for ArnLike and
// ArnEquals: the six colon-separated fields each match with wildcards, and
// a wildcard never spans a colon of the first five.
func arnMatch(p string, lit []bool, v string) bool {
	for field := 0; field < 5; field++ {
		i := strings.IndexByte(p, ':')
		j := strings.IndexByte(v, ':')
		if i < 0 || j < 0 {
			return false
		}
		var l []bool
		if lit != nil {
			l, lit = lit[:i], lit[i+1:]
		}
		if !match(p[:i], l, v[:j], false) {
			return false
		}
		p, v = p[i+1:], v[j+1:]
	}
	return match(p, lit, v, false)
}
