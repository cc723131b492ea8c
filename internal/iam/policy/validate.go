package policy

// Validate checks the rules that depend on the kind of policy, on top of
// those Parse enforces. Identity and session policies must not name a
// principal; resource policies must name one in every statement; every
// kind needs Resource or NotResource in every statement.
func (p *Policy) Validate(kind Kind) error {
	for i := range p.Statements {
		s := &p.Statements[i]
		if err := s.check(); err != nil {
			return err
		}
		if err := s.Condition.check(p.Version); err != nil {
			return err
		}
		hasPrincipal := s.Principal != nil || s.NotPrincipal != nil
		switch kind {
		case Identity, Session:
			if hasPrincipal {
				return malformed("Policy document should not specify a principal.")
			}
		case Resource, Trust:
			if !hasPrincipal {
				return malformed("Missing required field Principal")
			}
		default:
			return malformed("unknown policy kind %d", int(kind))
		}
		if kind != Trust && len(s.Resource) == 0 && len(s.NotResource) == 0 {
			return malformed("Policy statement must contain resources.")
		}
	}
	return nil
}

// check validates conditions built by hand the way Parse validates parsed
// ones.
func (cs Conditions) check(version string) error {
	for i := range cs {
		c := cs[i] // a copy: Validate does not change the policy
		spec, ok := parseOperator(c.Operator)
		if !ok {
			return malformed("Invalid Condition type : %s", c.Operator)
		}
		if c.Key == "" {
			return malformed("Condition key must not be empty")
		}
		if len(c.Values) == 0 {
			return malformed("Condition %s on %s has no values", c.Operator, c.Key)
		}
		c.spec = spec
		if err := c.checkValues(version); err != nil {
			return err
		}
	}
	return nil
}
