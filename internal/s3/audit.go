package s3

import (
	"net/http"
	"time"

	"github.com/strata-storage/strata/internal/audit"
	"github.com/strata-storage/strata/internal/s3/auth"
)

// audit starts the audit record of rq, if the handler has a sink, and
// returns what ServeHTTP defers to hand the record over once the request
// is answered. It wraps the response writer and the body to count bytes,
// so it must run before anything is read or written.
func (rq *request) audit() func() {
	sink := rq.h.cfg.Audit
	if sink == nil {
		return func() {}
	}
	start := time.Now()
	aw := audit.NewWriter(rq.w)
	body := audit.CountBody(rq.r.Body)
	rq.w, rq.r.Body = aw, body
	return func() {
		r := rq.r
		rec := audit.Record{
			Time: start.UTC(), RequestID: rq.id,
			Account: rq.ident.Account, AccessKey: rq.ident.AccessKey,
			SourceIP: audit.SourceIP(r), UserAgent: r.UserAgent(),
			Operation: rq.opName(),
			Bucket:    rq.bucket, Key: rq.key,
			Status: aw.Status(), ErrorCode: aw.ErrorCode,
			BytesIn: body.N(), BytesOut: aw.Bytes(),
			DurationMS: float64(time.Since(start).Microseconds()) / 1000,
		}
		if rec.AccessKey == "" {
			rec.AccessKey = auth.ClaimedAccessKey(r) // not verified: the request failed
		}
		if p := rq.principal(); p != nil {
			rec.Principal = p.ARN()
		}
		sink.Audit(rec)
	}
}

// noteError gives the S3 error code of an answer to the audit record.
func noteError(w http.ResponseWriter, code string) {
	for w != nil {
		if aw, ok := w.(*audit.Writer); ok {
			aw.ErrorCode = code
			return
		}
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return
		}
		w = u.Unwrap()
	}
}

// opName is rq's operation, named once for the audit record, the usage
// count and the metrics, which all ask for it when the request ends.
func (rq *request) opName() string {
	if rq.op == "" {
		rq.op = operation(rq.r.Method, rq.bucket, rq.key, rq.q, rq.r.Header)
	}
	return rq.op
}

// operation names a request as the S3 API does ("s3:PutObject"),
// following the choices of dispatch. Requests dispatch refuses get the
// name they asked for all the same: the record is of what was tried.
func operation(method, bucket, key string, q map[string][]string, h http.Header) string {
	has := func(p string) bool { _, ok := q[p]; return ok }
	switch {
	case method == http.MethodOptions:
		return "s3:PreflightRequest"
	case bucket == "":
		return "s3:ListBuckets"
	case key == "":
		return "s3:" + bucketOperation(method, has, q)
	}
	return "s3:" + objectOperation(method, has, h)
}

// bucketSubs are the bucket sub-resources named "<Verb>Bucket<Name>", in
// the order dispatch looks at them.
var bucketSubs = [][2]string{
	{"website", "Website"}, {"logging", "Logging"}, {"replication", "Replication"},
	{"accelerate", "AccelerateConfiguration"}, {"requestPayment", "RequestPayment"},
	{"analytics", "AnalyticsConfiguration"}, {"metrics", "MetricsConfiguration"},
	{"inventory", "InventoryConfiguration"}, {"intelligent-tiering", "IntelligentTieringConfiguration"},
	{"tagging", "Tagging"}, {"cors", "Cors"}, {"policy", "Policy"}, {"lifecycle", "LifecycleConfiguration"},
	{"encryption", "Encryption"}, {"ownershipControls", "OwnershipControls"}, {"publicAccessBlock", "PublicAccessBlock"},
	{"versioning", "Versioning"}, {"acl", "Acl"}, {"notification", "NotificationConfiguration"},
}

func bucketOperation(method string, has func(string) bool, q map[string][]string) string {
	if has("object-lock") {
		return verb(method) + "ObjectLockConfiguration"
	}
	for _, sub := range bucketSubs {
		if has(sub[0]) {
			return verb(method) + "Bucket" + sub[1]
		}
	}
	switch {
	case has("location"):
		return "GetBucketLocation"
	case has("uploads"):
		return "ListMultipartUploads"
	case has("versions"):
		return "ListObjectVersions"
	case has("delete"):
		return "DeleteObjects"
	}
	switch method {
	case http.MethodPut:
		return "CreateBucket"
	case http.MethodHead:
		return "HeadBucket"
	case http.MethodDelete:
		return "DeleteBucket"
	case http.MethodPost:
		return "PostObject"
	}
	if v := q["list-type"]; len(v) > 0 && v[0] == "2" {
		return "ListObjectsV2"
	}
	return "ListObjects"
}

func objectOperation(method string, has func(string) bool, h http.Header) string {
	copying := h.Get("X-Amz-Copy-Source") != ""
	switch {
	case has("restore"):
		return "RestoreObject"
	case has("select"):
		return "SelectObjectContent"
	case has("attributes"):
		return "GetObjectAttributes"
	case has("legal-hold"):
		return verb(method) + "ObjectLegalHold"
	case has("retention"):
		return verb(method) + "ObjectRetention"
	case has("torrent"):
		return "GetObjectTorrent"
	case has("tagging"):
		return verb(method) + "ObjectTagging"
	case has("acl"):
		return verb(method) + "ObjectAcl"
	case has("uploads"):
		return "CreateMultipartUpload"
	case has("uploadId"):
		switch method {
		case http.MethodPut:
			if copying {
				return "UploadPartCopy"
			}
			return "UploadPart"
		case http.MethodPost:
			return "CompleteMultipartUpload"
		case http.MethodDelete:
			return "AbortMultipartUpload"
		}
		return "ListParts"
	}
	switch method {
	case http.MethodPut:
		if copying {
			return "CopyObject"
		}
		return "PutObject"
	case http.MethodHead:
		return "HeadObject"
	case http.MethodDelete:
		return "DeleteObject"
	case http.MethodPost:
		return "PostObject"
	}
	return "GetObject"
}

func verb(method string) string {
	switch method {
	case http.MethodPut:
		return "Put"
	case http.MethodDelete:
		return "Delete"
	case http.MethodPost:
		return "Post"
	}
	return "Get"
}
