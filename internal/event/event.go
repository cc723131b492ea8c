package event

import (
	"time"
)

// S3 event names (without the "s3:" prefix that configurations use).
const (
	ObjectCreatedPut        = "ObjectCreated:Put"
	ObjectCreatedPost       = "ObjectCreated:Post"
	ObjectCreatedCopy       = "ObjectCreated:Copy"
	ObjectCreatedMultipart  = "ObjectCreated:CompleteMultipartUpload"
	ObjectRemovedDelete     = "ObjectRemoved:Delete"
	ObjectRemovedMarker     = "ObjectRemoved:DeleteMarkerCreated"
	ObjectRestorePost       = "ObjectRestore:Post"
	ObjectRestoreCompleted  = "ObjectRestore:Completed"
	ObjectRestoreDelete     = "ObjectRestore:Delete" // a restored copy expired
	ObjectTaggingPut        = "ObjectTagging:Put"
	ObjectTaggingDelete     = "ObjectTagging:Delete"
	ObjectACLPut            = "ObjectAcl:Put"
	ObjectMetadataChanged   = "ObjectMetadata:Put" // file attributes or xattrs changed through a mount
	BucketCreated           = "BucketCreated"
	BucketRemoved           = "BucketRemoved"
	TestEvent               = "TestEvent"
	maxCauseChain           = 8
	DefaultMaxFunctionDepth = maxCauseChain
)

// Event is one change, as written to the outbox in the transaction that
// made it. ID is stable: every delivery of the event carries the same
// one. Seq counts the changes of one key (1, 2, ...), so a consumer can
// order them and drop what it has seen.
type Event struct {
	ID        string            `json:"id"`
	Name      string            `json:"name"` // e.g. ObjectCreated:Put
	Time      time.Time         `json:"time"`
	Bucket    string            `json:"bucket"`
	Key       string            `json:"key,omitempty"`
	Seq       uint64            `json:"seq,omitempty"`
	VersionID string            `json:"version_id,omitempty"`
	Size      int64             `json:"size,omitempty"`
	ETag      string            `json:"etag,omitempty"`
	Type      string            `json:"content_type,omitempty"`
	UserMeta  map[string]string `json:"user_meta,omitempty"`
	Tags      map[string]string `json:"tags,omitempty"`
	Principal string            `json:"principal,omitempty"` // account or access key that made the change
	Region    string            `json:"region,omitempty"`
	// Cause lists the functions whose writes led to this event, oldest
	// first: the loop guard refuses to run a function already in it.
	Cause []string `json:"cause,omitempty"`
	// Replica names the cluster a replica came from, when the changed
	// version is one (bucket replication does not send it back).
	Replica string `json:"replica,omitempty"`
}
