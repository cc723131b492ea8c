package s3

import (
	"net/http"
	"strings"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// dropChecksumHeaders removes x-amz-checksum-* from a response without a
// body (304): SDKs that validate response checksums would otherwise try
// to check a body that is not there.
func dropChecksumHeaders(h http.Header) {
	for k := range h {
		if strings.HasPrefix(k, "X-Amz-Checksum-") {
			delete(h, k)
		}
	}
}

// unversionedMissHeader marks a missing key with "x-amz-delete-marker:
// false", as S3 does in a bucket that never had versioning and RGW does
// in every bucket: the key has no version at all (a key whose latest
// version is a delete marker comes with DeleteMarker set), for example
// after lifecycle removed its expired delete marker.
func (rq *request) unversionedMissHeader(info object.ObjectInfo, err error) {
	if info.DeleteMarker || !strata.Is(err, strata.NotExist) || rq.get("versionId") != "" {
		return
	}
	if _, berr := rq.h.svc.GetBucket(rq.r.Context(), rq.bucket); berr == nil {
		rq.w.Header().Set("X-Amz-Delete-Marker", "false")
	}
}

// lengthAnnounced reports whether the request framed its body: Go reads a
// request with neither Content-Length nor Transfer-Encoding as empty, but
// S3 refuses such a PUT with 411 rather than store an empty object.
func (rq *request) lengthAnnounced() bool {
	_, ok := rq.r.Header["Content-Length"]
	return ok || rq.r.ContentLength > 0
}
