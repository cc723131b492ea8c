package server

import (
	"io"
	"net/http"

	"github.com/strata-storage/strata/internal/fsserver"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// fsHandler serves the file-system API that mounts and the file
// protocols use. Each operation is decided as the S3 request doing the
// same would be (see fsserver.Access): the owner account's root and the
// administrator may do anything, others what their policies and the
// bucket policy grant on the names involved.
func (n *Node) fsHandler(v *auth.Verifier) http.Handler {
	return &fsserver.Handler{Svc: n.Objects, Metrics: n.fsMetrics, Authorize: func(r *http.Request, bucket string, need []fsserver.Access) (io.Reader, error) {
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
		if err := n.mayFiles(r, id, b, need); err != nil {
			return nil, err
		}
		return body, nil
	}}
}
