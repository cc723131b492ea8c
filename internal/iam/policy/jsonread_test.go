package policy

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// toAny converts a jv into what encoding/json decodes with UseNumber.
func toAny(v jv) any {
	switch v.kind {
	case 'o':
		m := map[string]any{}
		for _, f := range v.fields {
			m[f.key] = toAny(f.val)
		}
		return m
	case 'a':
		out := []any{}
		for _, e := range v.elems {
			out = append(out, toAny(e))
		}
		return out
	case 's':
		return v.str
	case 'n':
		return json.Number(v.str)
	case 'b':
		return v.str == "true"
	}
	return nil
}

// checkAgainstStdlib: readJSON accepts what encoding/json accepts, except
// duplicate names and deep nesting, and decodes the same values.
func checkAgainstStdlib(t *testing.T, doc []byte) {
	v, err := readJSON(doc)
	valid := json.Valid(doc)
	if err != nil {
		msg := err.Error()
		if valid && !strings.Contains(msg, "Duplicate field") && !strings.Contains(msg, "nested too deeply") {
			t.Fatalf("readJSON rejects valid JSON %q: %v", doc, err)
		}
		return
	}
	if !valid {
		t.Fatalf("readJSON accepts invalid JSON %q", doc)
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var want any
	if err := dec.Decode(&want); err != nil {
		t.Fatal(err)
	}
	if got := toAny(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("readJSON(%q) = %#v, encoding/json says %#v", doc, got, want)
	}
}

func TestReadJSON(t *testing.T) {
	for _, doc := range []string{
		`{}`, `[]`, `""`, `0`, `-0.5e+10`, `1E5`, `true`, `false`, `null`, ` {"a" : [1, "x", {"b": null}] } `,
		`"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"`, `"\ud800"`, `"\ud800\u0041"`, `"\udc00\udc00"`, "\"\xff\xfe\"", `"é"`,
		`{"a":1,"a":2}`, `{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"a":10}`,
		`01`, `1.`, `.5`, `-`, `1e`, `+1`, `"\u12"`, `"\x"`, "\"a\x01\"", `"abc`, `[1,]`, `{"a":1,}`, `{"a"}`, `{1:2}`,
		`tru`, `nul`, `[1 2]`, `{} {}`, ``, `   `, strings.Repeat("[", 40) + strings.Repeat("]", 40),
	} {
		checkAgainstStdlib(t, []byte(doc))
	}
}

func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":"*"}]}`))
	f.Add([]byte(`"\ud83d\ude00\u00e9\n"`))
	f.Add([]byte(`[-1.5e3, true, null, {"a": {}}]`))
	f.Fuzz(func(t *testing.T, doc []byte) { checkAgainstStdlib(t, doc) })
}
