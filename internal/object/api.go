package object

import (
	"context"
	"errors"
	"io"
	"time"
)

// ErrDeleteMarker is the cause when a request names a delete marker by its
// version id in a way S3 refuses with 405 MethodNotAllowed.
var ErrDeleteMarker = errors.New("the specified method is not allowed against a delete marker")

// Versioning states of a bucket, as S3 names them ("" = never enabled).
const (
	VersioningEnabled   = "Enabled"
	VersioningSuspended = "Suspended"
)

// Bucket is a container as the protocols see it.
type Bucket struct {
	Name       string    `json:"name"`
	Account    string    `json:"account"`
	Created    time.Time `json:"created"`
	Policy     string    `json:"policy"`     // storage policy name; "" = cluster default
	Versioning string    `json:"versioning"` // "", Enabled or Suspended
	Region     string    `json:"region"`
	ObjectLock bool      `json:"object_lock,omitempty"`
}

// Range is a byte range of an object: Start..End inclusive, as resolved
// against the object's size by the caller (see ResolveRange).
type Range struct {
	Start, End int64
}

// ObjectInfo describes one version of an object.
type ObjectInfo struct {
	Bucket       string            `json:"bucket"`
	Key          string            `json:"key"`
	VersionID    string            `json:"version_id"` // "null" for the null version
	IsLatest     bool              `json:"is_latest"`
	DeleteMarker bool              `json:"delete_marker"`
	Size         int64             `json:"size"`
	ETag         string            `json:"etag"` // without quotes: hex MD5, or hex-N for multipart
	Modified     time.Time         `json:"modified"`
	Headers      map[string]string `json:"headers,omitempty"`   // canonical system headers: Content-Type, Content-Encoding, Content-Disposition, Content-Language, Cache-Control, Expires
	UserMeta     map[string]string `json:"user_meta,omitempty"` // x-amz-meta-* without the prefix, lower-cased names
	Tags         map[string]string `json:"tags,omitempty"`
	StorageClass string            `json:"storage_class,omitempty"` // S3 storage class the client asked for ("" = STANDARD)
	Policy       string            `json:"policy"`                  // storage policy actually used
	Checksums    map[string]string `json:"checksums,omitempty"`     // e.g. "CRC32" -> base64, as sent by the client
	ChecksumType string            `json:"checksum_type,omitempty"` // COMPOSITE or FULL_OBJECT; "" = FULL_OBJECT if Checksums
	PartSizes    []int64           `json:"part_sizes,omitempty"`    // for multipart objects: the size of each part
	Owner        string            `json:"owner"`
	ACL          []byte            `json:"acl,omitempty"`  // opaque ACL document kept for the protocol
	ObjectLock   *ObjectLock       `json:"lock,omitempty"` // retention and legal hold (see lock.go)
	SSE          *SSEInfo          `json:"sse,omitempty"`  // server-side encryption, if any
	// Replication is the version's x-amz-replication-status: PENDING,
	// COMPLETED, FAILED or REPLICA ("" = not replicated); ReplicaOf is
	// the cluster a REPLICA came from (see replication.go).
	Replication string `json:"replication,omitempty"`
	ReplicaOf   string `json:"replica_of,omitempty"`

	// PartChecksums are the checksums of each part of a multipart object
	// (same order as PartSizes), when the parts had any.
	PartChecksums []map[string]string `json:"part_checksums,omitempty"`

	// Restore is the state of an archived version's restore (restore.go).
	Restore *RestoreStatus `json:"restore,omitempty"`
}

// PutOptions go with a write.
type PutOptions struct {
	Size         int64             // body length, or -1 if unknown
	Headers      map[string]string // see ObjectInfo.Headers
	UserMeta     map[string]string
	Tags         map[string]string
	StorageClass string // "" or an S3 class; mapped to a storage policy
	ContentMD5   []byte // if set, the body's MD5 must match (strata.Invalid "BadDigest" otherwise)
	Checksums    map[string]string
	// FinalChecksums, if set, is called once the body has been read and
	// its result replaces Checksums (the protocol verifies checksums as
	// the body streams, so they are known only at its end).
	FinalChecksums func() map[string]string
	IfNoneMatch    string // "*": fail with strata.Precondition if the key exists (checked in the commit)
	IfMatch        string // ETag the current version must have (checked in the commit)
	Owner          string
	ACL            []byte
	Origin         string // the mount session writing, recorded in the change feed
	// Event names the change in its event ("" = ObjectCreated:Put).
	Event string
	// Cause lists the functions whose run made this write (loop guard).
	Cause []string

	// ChecksumType goes with Checksums: COMPOSITE or FULL_OBJECT ("" =
	// FULL_OBJECT). CompleteUpload records it, with PartChecksums.
	ChecksumType  string
	PartChecksums []map[string]string
	// ObjectLock is the retention and legal hold the write asks for
	// (nil: the bucket's default retention, if any).
	ObjectLock *ObjectLock
	// SSE asks for server-side encryption (on UploadPart: carries the
	// SSE-C key of the upload).
	SSE *SSE
	// Replica names the source cluster when the write is a replica
	// (bucket replication); see WithReplica.
	Replica string
	// ReplicaNanos is the source version's creation time when a replica
	// keeps the source's version id (see WithReplicaVersion); 0 otherwise.
	ReplicaNanos int64
}

// GetOptions select what a read returns.
type GetOptions struct {
	VersionID  string // "" = latest
	Range      *Range // nil = whole object (or whole part)
	PartNumber int    // >0: read only that part of a multipart object
	SSE        *SSE   // SSE-C: the customer key the version was written with
	// Archived reads an archived (GLACIER, DEEP_ARCHIVE) version's stored
	// bytes without a restore: for system copies such as replication,
	// never for a client's read (see restore.go).
	Archived bool
}

// DeleteResult says what a delete did.
type DeleteResult struct {
	VersionID    string // version removed, or of the delete marker created
	DeleteMarker bool   // a delete marker was created or removed
}

// ListOptions are the listing parameters shared by v1 and v2.
type ListOptions struct {
	Prefix    string
	Delimiter string
	Marker    string // list keys strictly after this (v1 marker, v2 start-after or token)
	MaxKeys   int    // 0..1000; 0 returns nothing but IsTruncated
}

// ListResult is one page of a listing.
type ListResult struct {
	Objects        []ObjectInfo
	CommonPrefixes []string
	IsTruncated    bool
	NextMarker     string // last key or common prefix returned, when truncated
}

// ListVersionsOptions are the parameters of ListObjectVersions.
type ListVersionsOptions struct {
	Prefix          string
	Delimiter       string
	KeyMarker       string
	VersionIDMarker string
	MaxKeys         int
}

// ListVersionsResult is one page of ListObjectVersions; Versions includes
// delete markers (DeleteMarker set), newest first within a key.
type ListVersionsResult struct {
	Versions            []ObjectInfo
	CommonPrefixes      []string
	IsTruncated         bool
	NextKeyMarker       string
	NextVersionIDMarker string
}

// Upload is an in-progress multipart upload.
type Upload struct {
	Bucket    string            `json:"bucket"`
	Key       string            `json:"key"`
	UploadID  string            `json:"upload_id"`
	Initiated time.Time         `json:"initiated"`
	Options   PutOptionsRecord  `json:"options"`
	Extra     map[string]string `json:"extra,omitempty"`
}

// PutOptionsRecord is the persistent part of PutOptions kept with an upload.
type PutOptionsRecord struct {
	Headers      map[string]string `json:"headers,omitempty"`
	UserMeta     map[string]string `json:"user_meta,omitempty"`
	Tags         map[string]string `json:"tags,omitempty"`
	StorageClass string            `json:"storage_class,omitempty"`
	Checksums    map[string]string `json:"checksums,omitempty"` // algorithm requested at create, e.g. "CRC32" -> ""
	ChecksumType string            `json:"checksum_type,omitempty"`
	Owner        string            `json:"owner,omitempty"`
	ACL          []byte            `json:"acl,omitempty"`
	ObjectLock   *ObjectLock       `json:"lock,omitempty"`
}

// Part is one uploaded part.
type Part struct {
	Number    int               `json:"number"`
	ETag      string            `json:"etag"`
	Size      int64             `json:"size"`
	Modified  time.Time         `json:"modified"`
	Checksums map[string]string `json:"checksums,omitempty"`
	SSE       *SSEInfo          `json:"sse,omitempty"` // the upload's encryption
}

// CompletePart names a part in CompleteMultipartUpload.
type CompletePart struct {
	Number int
	ETag   string
}

// ListUploadsOptions are the parameters of ListMultipartUploads.
type ListUploadsOptions struct {
	Prefix         string
	Delimiter      string
	KeyMarker      string
	UploadIDMarker string
	MaxUploads     int
}

// ListUploadsResult is one page of ListMultipartUploads.
type ListUploadsResult struct {
	Uploads            []Upload
	CommonPrefixes     []string
	IsTruncated        bool
	NextKeyMarker      string
	NextUploadIDMarker string
}

// ListPartsResult is one page of ListParts.
type ListPartsResult struct {
	Upload               Upload
	Parts                []Part
	IsTruncated          bool
	NextPartNumberMarker int
}

// ServiceAPI is what protocols need of the object service (*Service). Errors carry a strata.Kind:
// NotExist for a missing bucket (Op ends in "bucket") or key/version/upload,
// Exist for a bucket that is already there, NotEmpty for DeleteBucket,
// Precondition for failed conditional writes, Invalid for bad arguments
// (with a cause naming the S3 code where one fits, e.g. BadDigest,
// InvalidPart, InvalidPartOrder, EntityTooSmall), NoSpace and Unavailable
// from the data path.
type ServiceAPI interface {
	CreateBucket(ctx context.Context, b Bucket) error
	GetBucket(ctx context.Context, name string) (Bucket, error)
	DeleteBucket(ctx context.Context, name string) error
	ListBuckets(ctx context.Context, account string) ([]Bucket, error)
	SetVersioning(ctx context.Context, bucket, state string) error

	// Bucket sub-resources the protocol stores opaquely (tagging, cors,
	// policy, lifecycle, acl, encryption, ...). GetBucketConfig returns
	// strata.NotExist when the named config is not set.
	PutBucketConfig(ctx context.Context, bucket, name string, doc []byte) error
	GetBucketConfig(ctx context.Context, bucket, name string) ([]byte, error)
	DeleteBucketConfig(ctx context.Context, bucket, name string) error

	PutObject(ctx context.Context, bucket, key string, body io.Reader, opts PutOptions) (ObjectInfo, error)
	// GetObject returns the object's description and its data (the range,
	// or part, asked for). The caller closes the reader. When the version
	// read is a delete marker, it returns the marker's info (DeleteMarker
	// set), a nil reader and an error: of kind strata.NotExist if no
	// version id was given, or wrapping ErrDeleteMarker (kind Invalid) if
	// the marker was named by its version id (S3 answers 405 then).
	// HeadObject follows the same rules.
	GetObject(ctx context.Context, bucket, key string, opts GetOptions) (ObjectInfo, io.ReadCloser, error)
	HeadObject(ctx context.Context, bucket, key string, opts GetOptions) (ObjectInfo, error)
	DeleteObject(ctx context.Context, bucket, key, versionID string) (DeleteResult, error)
	// UpdateObjectMeta changes tags or ACL of a version in place
	// (fn edits the info; only Tags and ACL changes are kept).
	UpdateObjectMeta(ctx context.Context, bucket, key, versionID string, fn func(*ObjectInfo) error) (ObjectInfo, error)

	ListObjects(ctx context.Context, bucket string, opts ListOptions) (ListResult, error)
	ListVersions(ctx context.Context, bucket string, opts ListVersionsOptions) (ListVersionsResult, error)

	CreateUpload(ctx context.Context, bucket, key string, opts PutOptions) (Upload, error)
	UploadPart(ctx context.Context, bucket, key, uploadID string, number int, body io.Reader, opts PutOptions) (Part, error)
	CompleteUpload(ctx context.Context, bucket, key, uploadID string, parts []CompletePart, opts PutOptions) (ObjectInfo, error)
	AbortUpload(ctx context.Context, bucket, key, uploadID string) error
	ListParts(ctx context.Context, bucket, key, uploadID string, marker, max int) (ListPartsResult, error)
	ListUploads(ctx context.Context, bucket string, opts ListUploadsOptions) (ListUploadsResult, error)
}
