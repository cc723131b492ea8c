package server

import (
	"io"
	"net/http"

	"github.com/strata-storage/strata/internal/fsapi"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// fsHandler serves the file-system API that mounts use. A bucket's file
// view is open to its owner account's root, the administrator, and users
// whose policies grant read and write on the whole bucket.
func (n *Node) fsHandler(v *auth.Verifier) http.Handler {
	return &fsapi.Handler{Svc: n.Objects, Authorize: func(r *http.Request, bucket string) (io.Reader, error) {
		id, body, err := v.Verify(r)
		if err != nil {
			return nil, strata.E("fsapi", strata.Permission, err)
		}
		if id.Anonymous {
			return nil, strata.Errorf("fsapi", strata.Permission, "AccessDenied: the file API needs credentials")
		}
		b, err := n.Objects.GetBucket(r.Context(), bucket)
		if err != nil {
			return nil, err
		}
		if !n.mayMount(id, bucket, b.Account) {
			return nil, strata.Errorf("fsapi", strata.Permission, "AccessDenied: no access to the files of bucket %q", bucket)
		}
		return body, nil
	}}
}
