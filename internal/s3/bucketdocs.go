package s3

import (
	"context"

	"github.com/strata-storage/strata/internal/strata"
)

// configBatcher is the optional ability to read several bucket
// configuration documents in one metadata round trip.
type configBatcher interface {
	BucketConfigs(ctx context.Context, bucket string, names ...string) (map[string][]byte, error)
}

// authDocs are the documents an authorization decision reads: read
// together, once per request and bucket.
//
// The lifecycle configuration rides along, for x-amz-expiration.
var authDocs = []string{"policy", "publicAccessBlock", "ownershipControls", "acl", "lifecycle"}

// bucketDoc returns one of the bucket's authorization documents
// (strata.NotExist if unset), from the request's memo. Handlers that
// change a document read it with GetBucketConfig, not from here.
func (rq *request) bucketDoc(name string) ([]byte, error) {
	if rq.docs == nil {
		rq.docs = map[string]map[string][]byte{}
	}
	docs, ok := rq.docs[rq.bucket]
	if !ok {
		b, batch := rq.h.svc.(configBatcher)
		if !batch {
			doc, err := rq.h.svc.GetBucketConfig(rq.r.Context(), rq.bucket, name)
			return doc, err
		}
		var err error
		if docs, err = b.BucketConfigs(rq.r.Context(), rq.bucket, authDocs...); err != nil {
			return nil, err
		}
		rq.docs[rq.bucket] = docs
	}
	if doc, ok := docs[name]; ok {
		return doc, nil
	}
	return nil, strata.Errorf("s3.bucketDoc", strata.NotExist, "no %s configuration", name)
}
