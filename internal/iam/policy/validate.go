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
		hasPrincipal := s.Principal != nil || s.NotPrincipal != nil
		switch kind {
		case Identity, Session:
			if hasPrincipal {
				return malformed("Policy document should not specify a principal.")
			}
		case Resource:
			if !hasPrincipal {
				return malformed("Missing required field Principal")
			}
		default:
			return malformed("unknown policy kind %d", int(kind))
		}
		if len(s.Resource) == 0 && len(s.NotResource) == 0 {
			return malformed("Policy statement must contain resources.")
		}
	}
	return nil
}
