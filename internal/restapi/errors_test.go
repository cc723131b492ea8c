package restapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/strata-storage/strata/internal/strata"
)

// TestToErrorStatus: kinds map through the one table; a step that ran out
// of time is a 503 a client may retry, unless its error says otherwise.
func TestToErrorStatus(t *testing.T) {
	for _, c := range []struct {
		err    error
		status int
		code   string
	}{
		{strata.Errorf("x", strata.NotExist, "gone"), http.StatusNotFound, "NotFound"},
		{fmt.Errorf("deploy: %w", context.DeadlineExceeded), http.StatusServiceUnavailable, "Unavailable"},
		{strata.E("x", strata.Other, context.DeadlineExceeded), http.StatusServiceUnavailable, "Unavailable"},
		{strata.E("x", strata.Invalid, context.DeadlineExceeded), http.StatusBadRequest, "InvalidRequest"},
		{errors.New("boom"), http.StatusInternalServerError, "InternalError"},
	} {
		e := toError(c.err)
		if e.status != c.status || e.Code != c.code {
			t.Errorf("%v: %d %s, want %d %s", c.err, e.status, e.Code, c.status, c.code)
		}
	}
}
