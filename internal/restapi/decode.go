package restapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

// MaxBody bounds a JSON request body (function modules are sent apart).
const MaxBody = 1 << 20

// DecodeJSON reads one JSON value from r into v, strictly: unknown
// fields, trailing data and bodies over limit are errors (400), so a
// misspelt field never passes silently. With optional, an empty body
// leaves v untouched.
func DecodeJSON(r io.Reader, limit int64, v any, optional bool) error {
	if r == nil {
		r = bytes.NewReader(nil)
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return err
	}
	if int64(len(b)) > limit {
		return apiErr(http.StatusRequestEntityTooLarge, "TooLarge", "the JSON body is too large")
	}
	if len(bytes.TrimSpace(b)) == 0 {
		if optional {
			return nil
		}
		return apiErr(http.StatusBadRequest, "InvalidRequest", "a JSON body is required")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return apiErr(http.StatusBadRequest, "InvalidRequest", "bad JSON body: "+err.Error())
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return apiErr(http.StatusBadRequest, "InvalidRequest", "bad JSON body: trailing data after the value")
	}
	return nil
}
