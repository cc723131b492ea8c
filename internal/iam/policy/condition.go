package policy

import (
	"math"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Conditions is the Condition element of a statement: every condition must
// hold. Parse sorts it by operator, then key.
type Conditions []Condition

// Condition is one operator applied to one key, e.g. StringLike on
// s3:prefix with ["home/", "home/${aws:username}/*"]. The values are ORed.
type Condition struct {
	Operator string // as written: "StringEquals", "ForAnyValue:StringLikeIfExists", ...
	Key      string // as written: "aws:SourceIp"
	Values   []string

	spec opSpec // parsed Operator; zero when the Condition was built by hand
	lkey string // lower-case Key
}

// family groups operators that compare values the same way.
type family uint8

const (
	famString family = iota + 1
	famStringFold
	famStringLike
	famNumeric
	famDate
	famBool
	famBinary
	famIP
	famArn
	famNull
)

// cmp is the comparison of numeric and date operators.
type cmp uint8

const (
	cmpEq cmp = iota
	cmpLt
	cmpLe
	cmpGt
	cmpGe
)

// setQual is a set qualifier for multi-valued keys.
type setQual uint8

const (
	setNone setQual = iota
	setAny          // ForAnyValue: some value of the request satisfies the operator
	setAll          // ForAllValues: every value does (true when there is none)
)

// baseOp describes an operator without qualifier and IfExists suffix.
// Negated operators are their positive twin with negate set.
type baseOp struct {
	fam    family
	cmp    cmp
	negate bool
}

var baseOps = map[string]baseOp{
	"stringequals":              {fam: famString},
	"stringnotequals":           {fam: famString, negate: true},
	"stringequalsignorecase":    {fam: famStringFold},
	"stringnotequalsignorecase": {fam: famStringFold, negate: true},
	"stringlike":                {fam: famStringLike},
	"stringnotlike":             {fam: famStringLike, negate: true},
	"numericequals":             {fam: famNumeric},
	"numericnotequals":          {fam: famNumeric, negate: true},
	"numericlessthan":           {fam: famNumeric, cmp: cmpLt},
	"numericlessthanequals":     {fam: famNumeric, cmp: cmpLe},
	"numericgreaterthan":        {fam: famNumeric, cmp: cmpGt},
	"numericgreaterthanequals":  {fam: famNumeric, cmp: cmpGe},
	"dateequals":                {fam: famDate},
	"datenotequals":             {fam: famDate, negate: true},
	"datelessthan":              {fam: famDate, cmp: cmpLt},
	"datelessthanequals":        {fam: famDate, cmp: cmpLe},
	"dategreaterthan":           {fam: famDate, cmp: cmpGt},
	"dategreaterthanequals":     {fam: famDate, cmp: cmpGe},
	"bool":                      {fam: famBool},
	"binaryequals":              {fam: famBinary},
	"ipaddress":                 {fam: famIP},
	"notipaddress":              {fam: famIP, negate: true},
	"arnequals":                 {fam: famArn},
	"arnlike":                   {fam: famArn},
	"arnnotequals":              {fam: famArn, negate: true},
	"arnnotlike":                {fam: famArn, negate: true},
	"null":                      {fam: famNull},
}

// opSpec is a parsed operator name.
type opSpec struct {
	baseOp
	set      setQual
	ifExists bool
}

// parseOperator parses an operator name. Names compare case-insensitively,
// as AWS accepts "stringequals" as well.
func parseOperator(name string) (opSpec, bool) {
	var s opSpec
	n := strings.ToLower(name)
	if rest, ok := strings.CutPrefix(n, "foranyvalue:"); ok {
		s.set, n = setAny, rest
	} else if rest, ok := strings.CutPrefix(n, "forallvalues:"); ok {
		s.set, n = setAll, rest
	}
	if rest, ok := strings.CutSuffix(n, "ifexists"); ok {
		s.ifExists, n = true, rest
	}
	b, ok := baseOps[n]
	if !ok || (b.fam == famNull && (s.ifExists || s.set != setNone)) {
		return opSpec{}, false
	}
	s.baseOp = b
	return s, true
}

// parseConditions decodes a Condition element: {operator: {key: values}}.
func parseConditions(raw jv, version string) (Conditions, error) {
	ops, err := members(raw, "Condition")
	if err != nil {
		return nil, err
	}
	var out Conditions
	for _, o := range ops {
		spec, ok := parseOperator(o.key)
		if !ok {
			return nil, malformed("Invalid Condition type : %s", o.key)
		}
		keys, err := members(o.val, "Condition operator "+o.key)
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for _, k := range keys {
			lk := strings.ToLower(k.key)
			if k.key == "" {
				return nil, malformed("Condition key must not be empty")
			}
			if seen[lk] {
				return nil, malformed("Duplicate condition key %q under %s", k.key, o.key)
			}
			seen[lk] = true
			vals, err := scalarOrList(k.val, "Condition value of "+k.key)
			if err != nil {
				return nil, err
			}
			if len(vals) == 0 {
				return nil, malformed("Condition %s on %s has no values", o.key, k.key)
			}
			c := Condition{Operator: o.key, Key: k.key, Values: vals, spec: spec, lkey: lk}
			if err := c.checkValues(version); err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Operator != out[j].Operator {
			return out[i].Operator < out[j].Operator
		}
		return out[i].Key < out[j].Key
	})
	return out, nil
}

// checkValues rejects values the operator can never compare, so that a
// typo in a date or a CIDR fails at PutBucketPolicy instead of silently
// never matching. Values holding a policy variable are checked at use.
func (c *Condition) checkValues(version string) error {
	for _, v := range c.Values {
		if version == Version2012 && hasVars(v) {
			continue
		}
		ok := true
		switch c.spec.fam {
		case famNumeric:
			_, ok = parseNumber(v)
		case famDate:
			_, ok = parseDate(v)
		case famBool:
			ok = strings.EqualFold(v, "true") || strings.EqualFold(v, "false")
		case famNull:
			ok = strings.EqualFold(v, "true") || strings.EqualFold(v, "false")
		case famIP:
			_, ok = parsePrefix(v)
		}
		if !ok {
			return malformed("Invalid value %q for condition %s on %s", v, c.Operator, c.Key)
		}
	}
	return nil
}

func parseNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// dateLayouts are the ISO 8601 forms AWS accepts in Date conditions.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02",
}

// parseDate accepts ISO 8601 dates and times, and epoch seconds.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0), true
	}
	return time.Time{}, false
}

// parsePrefix accepts a CIDR block or a single address.
func parsePrefix(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), true
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return netip.PrefixFrom(a, a.BitLen()), true
	}
	return netip.Prefix{}, false
}
