package policy

import "strings"

// Parse parses an IAM JSON policy document of any kind and checks what
// holds for every kind: known elements only, a valid Version and Effect,
// Action or NotAction, well-formed actions, resources, principals and
// conditions, unique Sids. What depends on the kind (Principal forbidden
// or required, Resource required) is left to Validate. Errors are *Error.
//
// Parse puts no bound on the size of doc; callers enforce theirs (20 KiB
// for a bucket policy, 6 KiB for a managed IAM policy, ...).
func Parse(doc []byte) (*Policy, error) {
	root, err := readJSON(doc)
	if err != nil {
		return nil, err
	}
	if root.kind != 'o' {
		return nil, malformed("Syntax errors in policy: the document must be a JSON object")
	}
	p := &Policy{}
	var stmts *jv
	for i := range root.fields {
		f := &root.fields[i]
		switch f.key {
		case "Version":
			if err := unmarshalString(f.val, &p.Version); err != nil {
				return nil, malformed("The policy must contain a valid version string")
			}
			if p.Version != Version2012 && p.Version != Version2008 {
				return nil, malformed("The policy must contain a valid version string")
			}
		case "Id":
			if err := unmarshalString(f.val, &p.ID); err != nil {
				return nil, malformed("Id must be a string")
			}
		case "Statement":
			stmts = &f.val
		default:
			return nil, malformed("Unknown field %s in the policy", f.key)
		}
	}
	if stmts == nil {
		return nil, malformed("Missing required field Statement")
	}
	if err := p.parseStatements(*stmts); err != nil {
		return nil, err
	}
	return p, nil
}

// parseStatements decodes the Statement element: one object or an array
// of them.
func (p *Policy) parseStatements(raw jv) error {
	var elems []jv
	switch raw.kind {
	case 'o':
		elems = []jv{raw}
	case 'a':
		elems = raw.elems
	default:
		return malformed("Statement must be an object or an array of objects")
	}
	if len(elems) == 0 {
		return malformed("Missing required field Statement")
	}
	sids := map[string]bool{}
	p.Statements = make([]Statement, 0, len(elems))
	for _, e := range elems {
		s, err := parseStatement(e, p.Version)
		if err != nil {
			return err
		}
		if s.Sid != "" {
			if sids[s.Sid] {
				return malformed("Statement IDs (SID) in a single policy must be unique: %q", s.Sid)
			}
			sids[s.Sid] = true
		}
		p.Statements = append(p.Statements, *s)
	}
	return nil
}

func parseStatement(raw jv, version string) (*Statement, error) {
	if raw.kind != 'o' {
		return nil, malformed("Statement must be an object or an array of objects")
	}
	fields := raw.fields
	s := &Statement{}
	hasEffect := false
	for _, f := range fields {
		var err error
		switch f.key {
		case "Sid":
			if unmarshalString(f.val, &s.Sid) != nil {
				err = malformed("Sid must be a string")
			}
		case "Effect":
			hasEffect = true
			var e string
			if unmarshalString(f.val, &e) != nil || (e != string(EffectAllow) && e != string(EffectDeny)) {
				err = malformed("Invalid effect: %q (must be Allow or Deny)", f.val.str)
			}
			s.Effect = Effect(e)
		case "Principal":
			s.Principal, err = parsePrincipals(f.val, "Principal")
		case "NotPrincipal":
			s.NotPrincipal, err = parsePrincipals(f.val, "NotPrincipal")
		case "Action":
			s.Action, err = stringOrList(f.val, "Action")
		case "NotAction":
			s.NotAction, err = stringOrList(f.val, "NotAction")
		case "Resource":
			s.Resource, err = stringOrList(f.val, "Resource")
		case "NotResource":
			s.NotResource, err = stringOrList(f.val, "NotResource")
		case "Condition":
			s.Condition, err = parseConditions(f.val, version)
		default:
			err = malformed("Unknown field %s in a statement", f.key)
		}
		if err != nil {
			return nil, err
		}
	}
	if !hasEffect {
		return nil, malformed("Missing required field Effect")
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	return s, nil
}

// check holds the rules every kind of policy shares.
func (s *Statement) check() error {
	if s.Effect != EffectAllow && s.Effect != EffectDeny {
		return malformed("Invalid effect: %q (must be Allow or Deny)", s.Effect)
	}
	if s.Principal != nil && s.NotPrincipal != nil {
		return malformed("Statement cannot contain both Principal and NotPrincipal")
	}
	if len(s.Action) > 0 && len(s.NotAction) > 0 {
		return malformed("Statement cannot contain both Action and NotAction")
	}
	if len(s.Action) == 0 && len(s.NotAction) == 0 {
		return malformed("Policy statement must contain actions.")
	}
	if len(s.Resource) > 0 && len(s.NotResource) > 0 {
		return malformed("Statement cannot contain both Resource and NotResource")
	}
	for _, a := range append(s.Action[:len(s.Action):len(s.Action)], s.NotAction...) {
		if !validAction(a) {
			return malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.: %q", a)
		}
	}
	for _, r := range append(s.Resource[:len(s.Resource):len(s.Resource)], s.NotResource...) {
		if r != "*" && !strings.HasPrefix(r, "arn:") {
			return malformed("Resource %s must be in ARN format or \"*\".", r)
		}
	}
	return nil
}

// validAction accepts "*" and "vendor:pattern" with a vendor of letters,
// digits and '-'.
func validAction(a string) bool {
	if a == "*" {
		return true
	}
	vendor, rest, ok := strings.Cut(a, ":")
	if !ok || vendor == "" || rest == "" {
		return false
	}
	for _, c := range vendor {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func unmarshalString(v jv, s *string) error {
	if v.kind != 's' {
		return malformed("not a string")
	}
	*s = v.str
	return nil
}
