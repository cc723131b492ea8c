package fsserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"

	"github.com/strata-storage/strata/internal/fsapi"
)

// TestErrorAnswerNamesItsErrno: an error answer carries the errno by
// number and by name, so a mount on another system maps it to its own.
func TestErrorAnswerNamesItsErrno(t *testing.T) {
	for _, c := range []struct {
		errno  syscall.Errno
		status int
		name   string
	}{
		{syscall.ENOTEMPTY, http.StatusBadRequest, "ENOTEMPTY"},
		{syscall.ENOENT, http.StatusNotFound, "ENOENT"},
	} {
		rec := httptest.NewRecorder()
		writeErr(rec, fmt.Errorf("fs.test: %w", c.errno))
		var eb fsapi.ErrorBody
		if err := json.Unmarshal(rec.Body.Bytes(), &eb); err != nil {
			t.Fatal(err)
		}
		if rec.Code != c.status || eb.Errno != int(c.errno) || eb.Name != c.name {
			t.Errorf("%v: status %d, body %+v; want %d, errno %d named %s", c.errno, rec.Code, eb, c.status, c.errno, c.name)
		}
	}
}
