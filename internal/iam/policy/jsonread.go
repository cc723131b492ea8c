package policy

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// jv is a decoded JSON value. Objects keep their members in document
// order. One pass over the document builds it; encoding/json would need a
// pass per nesting level to keep order and catch duplicate names.
type jv struct {
	kind   byte   // 'o'bject, 'a'rray, 's'tring, 'n'umber, 'b'ool, 'z' (null)
	str    string // string value, number text, "true" or "false"
	fields []jfield
	elems  []jv
}

type jfield struct {
	key string
	val jv
}

// maxDepth bounds nesting; a policy needs five levels.
const maxDepth = 32

// readJSON decodes exactly one JSON value (RFC 8259) surrounded by
// optional white space. Invalid UTF-8 in strings becomes U+FFFD, as in
// encoding/json. Duplicate member names are an error: a policy must mean
// exactly what its reviewer read.
func readJSON(doc []byte) (jv, error) {
	r := jreader{s: doc}
	v, err := r.value(0)
	if err != nil {
		return jv{}, err
	}
	r.space()
	if r.i != len(r.s) {
		return jv{}, r.fail("data after the policy document")
	}
	return v, nil
}

type jreader struct {
	s []byte
	i int
}

func (r *jreader) fail(what string) error {
	return malformed("Syntax errors in policy: %s at offset %d", what, r.i)
}

func (r *jreader) space() {
	for r.i < len(r.s) {
		switch r.s[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

func (r *jreader) value(depth int) (jv, error) {
	if depth > maxDepth {
		return jv{}, r.fail("nested too deeply")
	}
	r.space()
	if r.i >= len(r.s) {
		return jv{}, r.fail("unexpected end of JSON input")
	}
	switch c := r.s[r.i]; {
	case c == '{':
		return r.object(depth)
	case c == '[':
		return r.array(depth)
	case c == '"':
		s, err := r.string()
		return jv{kind: 's', str: s}, err
	case c == 't':
		return r.literal("true", jv{kind: 'b', str: "true"})
	case c == 'f':
		return r.literal("false", jv{kind: 'b', str: "false"})
	case c == 'n':
		return r.literal("null", jv{kind: 'z'})
	case c == '-' || '0' <= c && c <= '9':
		return r.number()
	}
	return jv{}, r.fail("invalid character " + strconv.QuoteRune(rune(r.s[r.i])))
}

func (r *jreader) literal(word string, v jv) (jv, error) {
	if !strings.HasPrefix(string(r.s[r.i:min(len(r.s), r.i+len(word))]), word) {
		return jv{}, r.fail("invalid literal")
	}
	r.i += len(word)
	return v, nil
}

func (r *jreader) object(depth int) (jv, error) {
	r.i++ // '{'
	v := jv{kind: 'o'}
	var seen map[string]bool // only for objects with many members
	r.space()
	if r.i < len(r.s) && r.s[r.i] == '}' {
		r.i++
		return v, nil
	}
	for {
		r.space()
		if r.i >= len(r.s) || r.s[r.i] != '"' {
			return jv{}, r.fail("expected a member name")
		}
		key, err := r.string()
		if err != nil {
			return jv{}, err
		}
		if seen == nil && len(v.fields) >= 8 {
			seen = make(map[string]bool, 2*len(v.fields))
			for _, f := range v.fields {
				seen[f.key] = true
			}
		}
		dup := seen[key]
		if seen == nil {
			for _, f := range v.fields {
				dup = dup || f.key == key
			}
		} else {
			seen[key] = true
		}
		if dup {
			return jv{}, malformed("Duplicate field %q", key)
		}
		r.space()
		if r.i >= len(r.s) || r.s[r.i] != ':' {
			return jv{}, r.fail("expected ':'")
		}
		r.i++
		val, err := r.value(depth + 1)
		if err != nil {
			return jv{}, err
		}
		v.fields = append(v.fields, jfield{key, val})
		r.space()
		if r.i < len(r.s) && r.s[r.i] == ',' {
			r.i++
			continue
		}
		if r.i < len(r.s) && r.s[r.i] == '}' {
			r.i++
			return v, nil
		}
		return jv{}, r.fail("expected ',' or '}'")
	}
}

func (r *jreader) array(depth int) (jv, error) {
	r.i++ // '['
	v := jv{kind: 'a', elems: []jv{}}
	r.space()
	if r.i < len(r.s) && r.s[r.i] == ']' {
		r.i++
		return v, nil
	}
	for {
		e, err := r.value(depth + 1)
		if err != nil {
			return jv{}, err
		}
		v.elems = append(v.elems, e)
		r.space()
		if r.i < len(r.s) && r.s[r.i] == ',' {
			r.i++
			continue
		}
		if r.i < len(r.s) && r.s[r.i] == ']' {
			r.i++
			return v, nil
		}
		return jv{}, r.fail("expected ',' or ']'")
	}
}

// number accepts the JSON grammar -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
// and keeps the text.
func (r *jreader) number() (jv, error) {
	start := r.i
	digits := func() int {
		n := 0
		for r.i < len(r.s) && '0' <= r.s[r.i] && r.s[r.i] <= '9' {
			r.i++
			n++
		}
		return n
	}
	if r.s[r.i] == '-' {
		r.i++
	}
	if r.i < len(r.s) && r.s[r.i] == '0' {
		r.i++
	} else if digits() == 0 {
		return jv{}, r.fail("invalid number")
	}
	if r.i < len(r.s) && r.s[r.i] == '.' {
		r.i++
		if digits() == 0 {
			return jv{}, r.fail("invalid number")
		}
	}
	if r.i < len(r.s) && (r.s[r.i] == 'e' || r.s[r.i] == 'E') {
		r.i++
		if r.i < len(r.s) && (r.s[r.i] == '+' || r.s[r.i] == '-') {
			r.i++
		}
		if digits() == 0 {
			return jv{}, r.fail("invalid number")
		}
	}
	return jv{kind: 'n', str: string(r.s[start:r.i])}, nil
}

// string decodes a string starting at its opening quote.
func (r *jreader) string() (string, error) {
	r.i++ // '"'
	start := r.i
	// Fast path: no escapes and plain ASCII or valid UTF-8.
	for r.i < len(r.s) {
		c := r.s[r.i]
		if c == '"' {
			if s := r.s[start:r.i]; utf8.Valid(s) {
				r.i++
				return string(s), nil
			}
			break
		}
		if c == '\\' || c < 0x20 {
			break
		}
		r.i++
	}
	r.i = start
	var b strings.Builder
	for {
		if r.i >= len(r.s) {
			return "", r.fail("unterminated string")
		}
		c := r.s[r.i]
		switch {
		case c == '"':
			r.i++
			return b.String(), nil
		case c < 0x20:
			return "", r.fail("control character in string")
		case c == '\\':
			if err := r.escape(&b); err != nil {
				return "", err
			}
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			r.i++
		default:
			ru, n := utf8.DecodeRune(r.s[r.i:])
			b.WriteRune(ru) // RuneError for invalid bytes, as encoding/json
			r.i += n
		}
	}
}

func (r *jreader) escape(b *strings.Builder) error {
	r.i++ // '\\'
	if r.i >= len(r.s) {
		return r.fail("unterminated string")
	}
	c := r.s[r.i]
	r.i++
	switch c {
	case '"', '\\', '/':
		b.WriteByte(c)
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'u':
		ru, ok := r.hex4()
		if !ok {
			return r.fail("invalid \\u escape")
		}
		if utf16.IsSurrogate(ru) {
			// A high surrogate pairs with a following \uDC00-\uDFFF;
			// anything else decodes as U+FFFD, as encoding/json does.
			save := r.i
			if r.i+1 < len(r.s) && r.s[r.i] == '\\' && r.s[r.i+1] == 'u' {
				r.i += 2
				if lo, ok := r.hex4(); ok {
					if dec := utf16.DecodeRune(ru, lo); dec != utf8.RuneError {
						b.WriteRune(dec)
						return nil
					}
				}
			}
			r.i = save
			ru = utf8.RuneError
		}
		b.WriteRune(ru)
	default:
		return r.fail("invalid escape")
	}
	return nil
}

func (r *jreader) hex4() (rune, bool) {
	if r.i+4 > len(r.s) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(r.s[r.i:r.i+4]), 16, 16)
	if err != nil {
		return 0, false
	}
	r.i += 4
	return rune(n), true
}
