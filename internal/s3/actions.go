package s3

import (
	"net/http"
	"strings"
)

// bucketActions maps a bucket sub-resource and method to the IAM action
// that S3 evaluates for it.
var bucketActions = map[string]map[string]string{
	"acl":               {"GET": "s3:GetBucketAcl", "PUT": "s3:PutBucketAcl"},
	"policy":            {"GET": "s3:GetBucketPolicy", "PUT": "s3:PutBucketPolicy", "DELETE": "s3:DeleteBucketPolicy"},
	"policyStatus":      {"GET": "s3:GetBucketPolicyStatus"},
	"cors":              {"GET": "s3:GetBucketCORS", "PUT": "s3:PutBucketCORS", "DELETE": "s3:PutBucketCORS"},
	"lifecycle":         {"GET": "s3:GetLifecycleConfiguration", "PUT": "s3:PutLifecycleConfiguration", "DELETE": "s3:PutLifecycleConfiguration"},
	"versioning":        {"GET": "s3:GetBucketVersioning", "PUT": "s3:PutBucketVersioning"},
	"tagging":           {"GET": "s3:GetBucketTagging", "PUT": "s3:PutBucketTagging", "DELETE": "s3:PutBucketTagging"},
	"notification":      {"GET": "s3:GetBucketNotification", "PUT": "s3:PutBucketNotification"},
	"encryption":        {"GET": "s3:GetEncryptionConfiguration", "PUT": "s3:PutEncryptionConfiguration", "DELETE": "s3:PutEncryptionConfiguration"},
	"object-lock":       {"GET": "s3:GetBucketObjectLockConfiguration", "PUT": "s3:PutBucketObjectLockConfiguration"},
	"publicAccessBlock": {"GET": "s3:GetBucketPublicAccessBlock", "PUT": "s3:PutBucketPublicAccessBlock", "DELETE": "s3:PutBucketPublicAccessBlock"},
	"ownershipControls": {"GET": "s3:GetBucketOwnershipControls", "PUT": "s3:PutBucketOwnershipControls", "DELETE": "s3:PutBucketOwnershipControls"},
	"website":           {"GET": "s3:GetBucketWebsite", "PUT": "s3:PutBucketWebsite", "DELETE": "s3:DeleteBucketWebsite"},
	"logging":           {"GET": "s3:GetBucketLogging", "PUT": "s3:PutBucketLogging"},
	"replication":       {"GET": "s3:GetReplicationConfiguration", "PUT": "s3:PutReplicationConfiguration", "DELETE": "s3:PutReplicationConfiguration"},
	"requestPayment":    {"GET": "s3:GetBucketRequestPayment", "PUT": "s3:PutBucketRequestPayment"},
	"accelerate":        {"GET": "s3:GetAccelerateConfiguration", "PUT": "s3:PutAccelerateConfiguration"},
	"location":          {"GET": "s3:GetBucketLocation"},
	"uploads":           {"GET": "s3:ListBucketMultipartUploads"},
	"versions":          {"GET": "s3:ListBucketVersions"},
	"delete":            {"POST": "s3:DeleteObject"},
}

// objectActions maps an object sub-resource and method to its action;
// the Version forms apply when the request names a versionId.
var objectActions = map[string]map[string]string{
	"acl":        {"GET": "s3:GetObjectAcl", "PUT": "s3:PutObjectAcl"},
	"tagging":    {"GET": "s3:GetObjectTagging", "PUT": "s3:PutObjectTagging", "DELETE": "s3:DeleteObjectTagging"},
	"retention":  {"GET": "s3:GetObjectRetention", "PUT": "s3:PutObjectRetention"},
	"legal-hold": {"GET": "s3:GetObjectLegalHold", "PUT": "s3:PutObjectLegalHold"},
	"attributes": {"GET": "s3:GetObjectAttributes"},
	"restore":    {"POST": "s3:RestoreObject"},
	"uploads":    {"POST": "s3:PutObject"},
	"uploadId":   {"PUT": "s3:PutObject", "POST": "s3:PutObject", "DELETE": "s3:AbortMultipartUpload", "GET": "s3:ListMultipartUploadParts"},
}

// versioned are the actions with a "…Version" form.
var versioned = map[string]bool{
	"s3:GetObject": true, "s3:DeleteObject": true, "s3:GetObjectAcl": true, "s3:PutObjectAcl": true,
	"s3:GetObjectTagging": true, "s3:PutObjectTagging": true, "s3:DeleteObjectTagging": true,
	"s3:GetObjectAttributes": true,
}

// action names the IAM action of this request, as S3 evaluates it.
func (rq *request) action() string {
	if rq.act != "" {
		return rq.act
	}
	m := rq.r.Method
	if m == http.MethodHead {
		m = http.MethodGet
	}
	if rq.key == "" {
		for sub, byMethod := range bucketActions {
			if rq.has(sub) {
				if a := byMethod[m]; a != "" {
					return a
				}
			}
		}
		switch m {
		case http.MethodPut:
			return "s3:CreateBucket"
		case http.MethodDelete:
			return "s3:DeleteBucket"
		case http.MethodPost:
			return "s3:PutObject" // browser (POST form) upload
		}
		return "s3:ListBucket"
	}
	a := ""
	for sub, byMethod := range objectActions {
		if rq.has(sub) {
			if a = byMethod[m]; a != "" {
				break
			}
		}
	}
	if a == "" {
		switch m {
		case http.MethodPut:
			a = "s3:PutObject"
		case http.MethodDelete:
			a = "s3:DeleteObject"
		default:
			a = "s3:GetObject"
		}
	}
	if versioned[a] && rq.get("versionId") != "" {
		a = strings.Replace(a, "Object", "ObjectVersion", 1)
	}
	return a
}
