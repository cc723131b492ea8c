package restapi_test

import (
	"bytes"
	"testing"

	"github.com/strata-storage/strata/internal/restapi"
)

// FuzzDecodeJSON: the strict body parser never panics, and what it
// accepts re-decodes to the same value.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{``, `{}`, `{"score":3}`, `{"score":3}{}`, `{"scor":1}`, `[1]`, `{"score":"x"}`, ` {"score": 100} `} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v restapi.LockRequest
		if err := restapi.DecodeJSON(bytes.NewReader(b), 1<<10, &v, true); err != nil {
			return
		}
		var again restapi.LockRequest
		if err := restapi.DecodeJSON(bytes.NewReader(b), 1<<10, &again, true); err != nil || again != v {
			t.Fatalf("not stable: %v %+v %+v", err, v, again)
		}
	})
}
