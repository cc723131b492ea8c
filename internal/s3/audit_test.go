package s3

import (
	"net/http"
	"net/url"
	"testing"
)

func TestOperation(t *testing.T) {
	for _, c := range []struct {
		method, target, copySource, want string
	}{
		{"GET", "/", "", "s3:ListBuckets"},
		{"PUT", "/b", "", "s3:CreateBucket"},
		{"HEAD", "/b", "", "s3:HeadBucket"},
		{"DELETE", "/b", "", "s3:DeleteBucket"},
		{"GET", "/b", "", "s3:ListObjects"},
		{"GET", "/b?list-type=2&prefix=a", "", "s3:ListObjectsV2"},
		{"GET", "/b?versions", "", "s3:ListObjectVersions"},
		{"GET", "/b?uploads", "", "s3:ListMultipartUploads"},
		{"GET", "/b?location", "", "s3:GetBucketLocation"},
		{"POST", "/b?delete", "", "s3:DeleteObjects"},
		{"PUT", "/b?versioning", "", "s3:PutBucketVersioning"},
		{"GET", "/b?acl", "", "s3:GetBucketAcl"},
		{"PUT", "/b?notification", "", "s3:PutBucketNotificationConfiguration"},
		{"DELETE", "/b?cors", "", "s3:DeleteBucketCors"},
		{"GET", "/b?lifecycle", "", "s3:GetBucketLifecycleConfiguration"},
		{"GET", "/b?website", "", "s3:GetBucketWebsite"},
		{"GET", "/b?object-lock", "", "s3:GetObjectLockConfiguration"},
		{"POST", "/b", "", "s3:PostObject"},
		{"PUT", "/b/k", "", "s3:PutObject"},
		{"PUT", "/b/k", "/a/x", "s3:CopyObject"},
		{"GET", "/b/k", "", "s3:GetObject"},
		{"HEAD", "/b/k", "", "s3:HeadObject"},
		{"DELETE", "/b/k", "", "s3:DeleteObject"},
		{"PUT", "/b/k?tagging", "", "s3:PutObjectTagging"},
		{"GET", "/b/k?acl", "", "s3:GetObjectAcl"},
		{"POST", "/b/k?uploads", "", "s3:CreateMultipartUpload"},
		{"PUT", "/b/k?uploadId=1&partNumber=1", "", "s3:UploadPart"},
		{"PUT", "/b/k?uploadId=1&partNumber=1", "/a/x", "s3:UploadPartCopy"},
		{"POST", "/b/k?uploadId=1", "", "s3:CompleteMultipartUpload"},
		{"DELETE", "/b/k?uploadId=1", "", "s3:AbortMultipartUpload"},
		{"GET", "/b/k?uploadId=1", "", "s3:ListParts"},
		{"POST", "/b/k?select&select-type=2", "", "s3:SelectObjectContent"},
		{"PUT", "/b/k?retention", "", "s3:PutObjectRetention"},
		{"OPTIONS", "/b/k", "", "s3:PreflightRequest"},
	} {
		u, err := url.Parse(c.target)
		if err != nil {
			t.Fatal(err)
		}
		h := (&Handler{})
		r := &http.Request{Method: c.method, URL: u, Header: http.Header{}}
		if c.copySource != "" {
			r.Header.Set("X-Amz-Copy-Source", c.copySource)
		}
		bucket, key := h.route(r)
		if got := operation(c.method, bucket, key, u.Query(), r.Header); got != c.want {
			t.Errorf("%s %s: %s, want %s", c.method, c.target, got, c.want)
		}
	}
}
