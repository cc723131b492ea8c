package policy

import (
	"bytes"
	"encoding/json"
	"io"
)

// field is one member of a JSON object, in document order.
type field struct {
	key string
	val json.RawMessage
}

// objectFields splits a JSON object into its members and rejects duplicate
// names, which encoding/json would silently resolve to the last one: a
// policy must mean exactly what the reviewer read.
func objectFields(raw json.RawMessage, what string) ([]field, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, malformed("Syntax errors in policy: %v", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, malformed("%s must be a JSON object", what)
	}
	var out []field
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, malformed("Syntax errors in policy: %v", err)
		}
		key := tok.(string) // object keys are always strings
		if seen[key] {
			return nil, malformed("Duplicate field %q in %s", key, what)
		}
		seen[key] = true
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return nil, malformed("Syntax errors in policy: %v", err)
		}
		out = append(out, field{key, val})
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return nil, malformed("Syntax errors in policy: %v", err)
	}
	return out, nil
}

// checkSingle rejects anything after the top-level value.
func checkSingle(doc []byte) error {
	dec := json.NewDecoder(bytes.NewReader(doc))
	var v json.RawMessage
	if err := dec.Decode(&v); err != nil {
		return malformed("Syntax errors in policy: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return malformed("Syntax errors in policy: data after the policy document")
	}
	return nil
}

// kindOf names the JSON type of raw: 'o'bject, 'a'rray, 's'tring, 'n'umber,
// 'b'ool or 'z' for null.
func kindOf(raw json.RawMessage) byte {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return 0
	}
	switch raw[0] {
	case '{':
		return 'o'
	case '[':
		return 'a'
	case '"':
		return 's'
	case 't', 'f':
		return 'b'
	case 'n':
		return 'z'
	}
	return 'n'
}

// stringOrList decodes a string or an array of strings. Empty lists and
// empty strings are rejected: AWS treats them as a missing element.
func stringOrList(raw json.RawMessage, what string) ([]string, error) {
	switch kindOf(raw) {
	case 's':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, malformed("Syntax errors in policy: %v", err)
		}
		return []string{s}, nil
	case 'a':
		var elems []json.RawMessage
		if err := json.Unmarshal(raw, &elems); err != nil {
			return nil, malformed("Syntax errors in policy: %v", err)
		}
		out := make([]string, 0, len(elems))
		for _, e := range elems {
			if kindOf(e) != 's' {
				return nil, malformed("%s must be a string or an array of strings", what)
			}
			var s string
			if err := json.Unmarshal(e, &s); err != nil {
				return nil, malformed("Syntax errors in policy: %v", err)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, malformed("%s must be a string or an array of strings", what)
}

// scalarOrList decodes condition values, which may also be numbers and
// booleans ({"aws:SecureTransport": false}); they keep their JSON text.
func scalarOrList(raw json.RawMessage, what string) ([]string, error) {
	one := func(e json.RawMessage) (string, error) {
		switch kindOf(e) {
		case 's':
			var s string
			if err := json.Unmarshal(e, &s); err != nil {
				return "", malformed("Syntax errors in policy: %v", err)
			}
			return s, nil
		case 'n', 'b':
			return string(bytes.TrimSpace(e)), nil
		}
		return "", malformed("%s must be a string, number, boolean or an array of them", what)
	}
	if kindOf(raw) != 'a' {
		s, err := one(raw)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		return nil, malformed("Syntax errors in policy: %v", err)
	}
	out := make([]string, 0, len(elems))
	for _, e := range elems {
		s, err := one(e)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}
