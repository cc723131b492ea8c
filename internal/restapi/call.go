package restapi

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/s3/auth"
)

// Call is one authenticated request in a route's handler.
type Call struct {
	R         *http.Request
	ID        string // request id, also in X-Request-Id and error bodies
	Identity  auth.Identity
	Principal *iam.Principal // nil on public routes
	Admin     bool           // root, or a root-account user allowed strata:Admin

	api    *API
	w      http.ResponseWriter
	body   io.Reader // verified body (SigV4) or the raw one (sessions)
	wrote  bool
	peeked []byte // the body, once a Resource function read it
}

// Context is the request's context.
func (c *Call) Context() context.Context { return c.R.Context() }

// Path returns a path wildcard.
func (c *Call) Path(name string) string { return c.R.PathValue(name) }

// Query returns a query parameter.
func (c *Call) Query(name string) string { return c.R.URL.Query().Get(name) }

// QueryInt returns an integer query parameter, def if absent.
func (c *Call) QueryInt(name string, def int) (int, error) {
	s := c.Query(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, apiErr(http.StatusBadRequest, "InvalidRequest", name+" must be an integer")
	}
	return n, nil
}

// Decode reads the JSON body into v (see DecodeJSON); an empty body is
// an error.
func (c *Call) Decode(v any) error { return DecodeJSON(c.body, MaxBody, v, false) }

// DecodeOptional is Decode where an empty body leaves v as it is.
func (c *Call) DecodeOptional(v any) error { return DecodeJSON(c.body, MaxBody, v, true) }

// Body reads the raw body, at most limit bytes.
func (c *Call) Body(limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(c.body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, apiErr(http.StatusRequestEntityTooLarge, "TooLarge", "the body is larger than "+strconv.FormatInt(limit, 10)+" bytes")
	}
	return b, nil
}

// Writer hands the response to a handler that streams its own answer;
// the handler then returns nil, nil.
func (c *Call) Writer() http.ResponseWriter {
	c.wrote = true
	return c.w
}

func contextWithTimeout(c *Call, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Context(), d)
}

// peekJSON decodes the body for a Resource function, keeping it for the
// handler: both see the same bytes.
func peekJSON(c *Call, v any) error {
	if c.peeked == nil {
		b, err := c.Body(MaxBody)
		if err != nil {
			return err
		}
		c.peeked = b
	}
	return DecodeJSON(bytes.NewReader(c.peeked), MaxBody, v, false)
}
