package policy

import "strings"

// parsePrincipals decodes a Principal or NotPrincipal element: "*" or an
// object of principal types, each a string or an array of strings.
func parsePrincipals(raw jv, what string) (*Principals, error) {
	if raw.kind == 's' {
		if raw.str != "*" {
			return nil, malformed("Invalid principal in policy: %s must be \"*\" or an object", what)
		}
		return &Principals{All: true}, nil
	}
	if raw.kind != 'o' {
		return nil, malformed("Invalid principal in policy: %s must be \"*\" or an object", what)
	}
	fields := raw.fields
	if len(fields) == 0 {
		return nil, malformed("Invalid principal in policy: %s is empty", what)
	}
	p := &Principals{}
	for _, f := range fields {
		vals, err := stringOrList(f.val, what+" "+f.key)
		if err != nil {
			return nil, err
		}
		if len(vals) == 0 {
			return nil, malformed("Invalid principal in policy: %s %s is empty", what, f.key)
		}
		for _, v := range vals {
			if strings.TrimSpace(v) == "" {
				return nil, malformed("Invalid principal in policy: empty %s principal", f.key)
			}
		}
		switch f.key {
		case "AWS":
			p.AWS = vals
		case "CanonicalUser":
			p.CanonicalUser = vals
		case "Service":
			p.Service = vals
		case "Federated":
			p.Federated = vals
		default:
			return nil, malformed("Invalid principal in policy: unknown principal type %q", f.key)
		}
	}
	return p, nil
}

// matches reports whether the requester is one of the principals. "*"
// matches everyone, anonymous requests included; everything else needs an
// authenticated requester. Service and Federated principals never match:
// Strata has no AWS services or identity providers calling in.
func (p *Principals) matches(r *Request) bool {
	if p.All {
		return true
	}
	for _, a := range p.AWS {
		if a == "*" {
			return true
		}
	}
	if r.Anonymous {
		return false
	}
	for _, a := range p.AWS {
		for _, rp := range r.Principal {
			if samePrincipal(a, rp) {
				return true
			}
		}
	}
	for _, c := range p.CanonicalUser {
		for _, rp := range r.Principal {
			if c == rp {
				return true
			}
		}
	}
	return false
}

// samePrincipal compares a policy's AWS principal with one of the
// requester's names. An account ID and its root ARN name the same
// principal, the whole account.
func samePrincipal(a, rp string) bool {
	if a == rp {
		return true
	}
	acct := accountOf(a)
	return acct != "" && acct == accountOf(rp)
}

// accountOf returns the account a principal name denotes as a whole: the
// name itself when it is not an ARN, the account field of an
// "arn:PARTITION:iam::ACCOUNT:root" ARN, otherwise "".
func accountOf(s string) string {
	if !strings.HasPrefix(s, "arn:") {
		return s
	}
	f := strings.SplitN(s, ":", 6)
	if len(f) == 6 && f[2] == "iam" && f[5] == "root" {
		return f[4]
	}
	return ""
}
