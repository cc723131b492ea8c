package usage

import "strings"

// Class is a request pricing class, as cloud price sheets group them.
type Class uint8

// The classes, in the order the issue lists them.
const (
	ClassPut    Class = iota // PUT, COPY, POST, LIST: writes and listings
	ClassGet                 // GET, HEAD: reads of objects and settings
	ClassDelete              // DELETE: deletions, aborts
	NumClasses
)

var classNames = [NumClasses]string{"put", "get", "delete"}

// String is the class's name in reports and price sheets.
func (c Class) String() string {
	if c < NumClasses {
		return classNames[c]
	}
	return "unknown"
}

// ParseClass is the inverse of String.
func ParseClass(s string) (Class, bool) {
	for i, n := range classNames {
		if strings.EqualFold(s, n) {
			return Class(i), true
		}
	}
	return 0, false
}

// classes is the class of every S3 operation the gateway names (see
// s3.operation). Listings are in the PUT class, as on AWS: they cost a
// scan of the index, not a lookup. Settings reads are GETs, settings
// writes PUTs, and removals of settings DELETEs.
var classes = map[string]Class{
	// service and bucket
	"s3:ListBuckets":          ClassPut,
	"s3:CreateBucket":         ClassPut,
	"s3:HeadBucket":           ClassGet,
	"s3:DeleteBucket":         ClassDelete,
	"s3:ListObjects":          ClassPut,
	"s3:ListObjectsV2":        ClassPut,
	"s3:ListObjectVersions":   ClassPut,
	"s3:ListMultipartUploads": ClassPut,
	"s3:GetBucketLocation":    ClassGet,
	"s3:DeleteObjects":        ClassDelete,
	"s3:PostObject":           ClassPut,
	"s3:PreflightRequest":     ClassGet,
	// objects
	"s3:PutObject":               ClassPut,
	"s3:CopyObject":              ClassPut,
	"s3:GetObject":               ClassGet,
	"s3:HeadObject":              ClassGet,
	"s3:DeleteObject":            ClassDelete,
	"s3:RestoreObject":           ClassPut,
	"s3:SelectObjectContent":     ClassGet,
	"s3:GetObjectAttributes":     ClassGet,
	"s3:GetObjectTorrent":        ClassGet,
	"s3:CreateMultipartUpload":   ClassPut,
	"s3:UploadPart":              ClassPut,
	"s3:UploadPartCopy":          ClassPut,
	"s3:CompleteMultipartUpload": ClassPut,
	"s3:AbortMultipartUpload":    ClassDelete,
	"s3:ListParts":               ClassPut,
}

// settings are the bucket and object settings named <Verb><Name>.
var settings = []string{
	"BucketWebsite", "BucketLogging", "BucketReplication", "BucketAccelerateConfiguration",
	"BucketRequestPayment", "BucketAnalyticsConfiguration", "BucketMetricsConfiguration",
	"BucketInventoryConfiguration", "BucketIntelligentTieringConfiguration", "BucketTagging",
	"BucketCors", "BucketPolicy", "BucketLifecycleConfiguration", "BucketEncryption",
	"BucketOwnershipControls", "BucketPublicAccessBlock", "BucketVersioning", "BucketAcl",
	"BucketNotificationConfiguration", "ObjectLockConfiguration", "BucketPolicyStatus",
	"ObjectLegalHold", "ObjectRetention", "ObjectTagging", "ObjectAcl",
}

func init() {
	for _, s := range settings {
		classes["s3:Get"+s] = ClassGet
		classes["s3:Put"+s] = ClassPut
		classes["s3:Post"+s] = ClassPut
		classes["s3:Delete"+s] = ClassDelete
	}
}

// ClassOf is the class of an operation named as the S3 gateway names it
// ("s3:PutObject"). An unknown name is in the GET class and ok is false;
// a test of the s3 package holds every name it produces to this table.
func ClassOf(operation string) (c Class, ok bool) {
	c, ok = classes[operation]
	if !ok {
		return ClassGet, false
	}
	return c, true
}
