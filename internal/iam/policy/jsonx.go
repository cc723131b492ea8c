package policy

// members returns the members of an object value.
func members(v jv, what string) ([]jfield, error) {
	if v.kind != 'o' {
		return nil, malformed("%s must be a JSON object", what)
	}
	return v.fields, nil
}

// stringOrList decodes a string or an array of strings.
func stringOrList(v jv, what string) ([]string, error) {
	switch v.kind {
	case 's':
		return []string{v.str}, nil
	case 'a':
		out := make([]string, 0, len(v.elems))
		for _, e := range v.elems {
			if e.kind != 's' {
				return nil, malformed("%s must be a string or an array of strings", what)
			}
			out = append(out, e.str)
		}
		return out, nil
	}
	return nil, malformed("%s must be a string or an array of strings", what)
}

// scalarOrList decodes condition values, which may also be numbers and
// booleans ({"aws:SecureTransport": false}); they keep their JSON text.
func scalarOrList(v jv, what string) ([]string, error) {
	one := func(e jv) (string, error) {
		switch e.kind {
		case 's', 'n', 'b':
			return e.str, nil
		}
		return "", malformed("%s must be a string, number, boolean or an array of them", what)
	}
	if v.kind != 'a' {
		s, err := one(v)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	}
	out := make([]string, 0, len(v.elems))
	for _, e := range v.elems {
		s, err := one(e)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}
