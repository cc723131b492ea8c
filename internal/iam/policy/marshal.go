package policy

import "encoding/json"

// MarshalJSON writes the policy in the canonical AWS layout. Parsing the
// output gives back an equal policy.
func (p *Policy) MarshalJSON() ([]byte, error) {
	type doc struct {
		Version   string      `json:"Version,omitempty"`
		ID        string      `json:"Id,omitempty"`
		Statement []Statement `json:"Statement"`
	}
	return json.Marshal(doc{p.Version, p.ID, p.Statements})
}

// MarshalJSON writes one statement; single-element lists become strings.
func (s Statement) MarshalJSON() ([]byte, error) {
	type stmt struct {
		Sid          string                         `json:"Sid,omitempty"`
		Effect       Effect                         `json:"Effect"`
		Principal    *Principals                    `json:"Principal,omitempty"`
		NotPrincipal *Principals                    `json:"NotPrincipal,omitempty"`
		Action       any                            `json:"Action,omitempty"`
		NotAction    any                            `json:"NotAction,omitempty"`
		Resource     any                            `json:"Resource,omitempty"`
		NotResource  any                            `json:"NotResource,omitempty"`
		Condition    map[string]map[string][]string `json:"Condition,omitempty"`
	}
	out := stmt{
		Sid: s.Sid, Effect: s.Effect, Principal: s.Principal, NotPrincipal: s.NotPrincipal,
		Action: list(s.Action), NotAction: list(s.NotAction),
		Resource: list(s.Resource), NotResource: list(s.NotResource),
	}
	if len(s.Condition) > 0 {
		out.Condition = map[string]map[string][]string{}
		for _, c := range s.Condition {
			m := out.Condition[c.Operator]
			if m == nil {
				m = map[string][]string{}
				out.Condition[c.Operator] = m
			}
			m[c.Key] = append(m[c.Key], c.Values...)
		}
	}
	return json.Marshal(out)
}

// MarshalJSON writes "*" or the object of principal types.
func (p *Principals) MarshalJSON() ([]byte, error) {
	if p.All {
		return []byte(`"*"`), nil
	}
	m := map[string]any{}
	for _, t := range []struct {
		name string
		vals []string
	}{{"AWS", p.AWS}, {"CanonicalUser", p.CanonicalUser}, {"Service", p.Service}, {"Federated", p.Federated}} {
		if v := list(t.vals); v != nil {
			m[t.name] = v
		}
	}
	return json.Marshal(m)
}

// list gives nil for an empty list, a string for one element, else the list.
func list(v []string) any {
	switch len(v) {
	case 0:
		return nil
	case 1:
		return v[0]
	}
	return v
}
