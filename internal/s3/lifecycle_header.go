package s3

import (
	"net/http"

	"github.com/strata-storage/strata/internal/lifecycle"
	"github.com/strata-storage/strata/internal/object"
)

// setExpirationHeader tells, as S3 does in x-amz-expiration, when a
// lifecycle rule will expire the current version just written or read.
// The configuration comes with the request's authorization documents.
func (rq *request) setExpirationHeader(info object.ObjectInfo) {
	if info.DeleteMarker || rq.r.URL.Query().Get("versionId") != "" {
		return
	}
	doc, err := rq.bucketDoc(object.LifecycleConfigName)
	if err != nil || len(doc) == 0 {
		return
	}
	cfg, err := lifecycle.Parse(doc)
	if err != nil {
		return
	}
	at, id, ok := cfg.Expiry(lifecycle.Version{Key: info.Key, Size: info.Size, Tags: info.Tags, Created: info.Modified})
	if !ok {
		return
	}
	rq.w.Header().Set("X-Amz-Expiration", `expiry-date="`+at.UTC().Format(http.TimeFormat)+`", rule-id="`+id+`"`)
}
