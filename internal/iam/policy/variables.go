package policy

import "strings"

// hasVars reports whether s may contain a policy variable. Callers check it
// first so that the common, variable-free case costs no allocation.
func hasVars(s string) bool { return strings.Contains(s, "${") }

// expand substitutes the policy variables of s from ctx. It returns the
// result with a literal mask for match (nil when nothing in it is literal)
// and false when a variable has no value and no default: the element that
// holds it then matches nothing.
//
// Forms: ${key} (key is case-insensitive), ${key, 'default'}, and the
// escapes ${*}, ${?} and ${$} for a literal '*', '?' and '$'. A "${"
// without its closing brace is plain text.
func expand(s string, ctx map[string][]string) (string, []bool, bool) {
	var b strings.Builder
	var lit []bool
	mark := func(text string, literal bool) {
		for range len(text) {
			lit = append(lit, literal)
		}
		b.WriteString(text)
	}
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			mark(s, false)
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			mark(s, false)
			break
		}
		mark(s[:i], false)
		val, ok := variable(s[i+2:i+j], ctx)
		if !ok {
			return "", nil, false
		}
		mark(val, true)
		s = s[i+j+1:]
	}
	return b.String(), lit, true
}

// variable resolves the inside of one ${...}.
func variable(body string, ctx map[string][]string) (string, bool) {
	name, def, hasDef := strings.Cut(body, ",")
	name = strings.TrimSpace(name)
	switch name {
	case "*", "?", "$":
		return name, true
	}
	if vs := ctx[strings.ToLower(name)]; len(vs) > 0 {
		return vs[0], true
	}
	if hasDef {
		def = strings.TrimSpace(def)
		if len(def) >= 2 && def[0] == '\'' && def[len(def)-1] == '\'' {
			return def[1 : len(def)-1], true
		}
	}
	return "", false
}
