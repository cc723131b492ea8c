package replication

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/strata-storage/strata/internal/object"
)

// Headers that make the destination keep the source's version id and
// creation time (see internal/s3 replicaversion.go).
const (
	ReplicaVersionHeader = "X-Strata-Replica-Version-Id"
	ReplicaCreatedHeader = "X-Strata-Replica-Created"
)

// opt is the replica marker of a write, with the source's version id and
// time when st names one.
func (st state) opt(origin string) func(*s3.Options) {
	if st.vid == "" {
		return replicaOpt(origin)
	}
	return versionOpt(origin, st.vid, st.created)
}

func versionOpt(origin, vid string, created int64) func(*s3.Options) {
	return func(o *s3.Options) {
		o.APIOptions = append(o.APIOptions,
			smithyhttp.AddHeaderValue(ReplicaHeader, origin),
			smithyhttp.AddHeaderValue(ReplicaVersionHeader, vid),
			smithyhttp.AddHeaderValue(ReplicaCreatedHeader, strconv.FormatInt(created, 10)))
	}
}

// headVersion is head of one version of the destination by id.
func (r *remote) headVersion(ctx context.Context, key, vid string) (state, error) {
	out, err := r.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &r.t.Bucket, Key: &key, VersionId: &vid})
	if err != nil {
		if notFound(err) {
			return state{}, nil
		}
		return state{}, err
	}
	return state{exists: true, etag: strings.Trim(aws.ToString(out.ETag), `"`), modified: aws.ToTime(out.LastModified),
		replica: out.ReplicationStatus == types.ReplicationStatusReplica, meta: out.Metadata,
		lock: lockState{mode: out.ObjectLockMode, until: aws.ToTime(out.ObjectLockRetainUntilDate), hold: out.ObjectLockLegalHoldStatus}}, nil
}

// lockState is a version's object lock as HEAD shows it.
type lockState struct {
	mode  types.ObjectLockMode
	until time.Time
	hold  types.ObjectLockLegalHoldStatus
}

// syncLock gives the destination's version the source's retention and
// legal hold where they differ (a retention already over is left). It
// reports whether it wrote anything.
func (r *remote) syncLock(ctx context.Context, key, vid string, have lockState, l *object.ObjectLock, origin string) (bool, error) {
	mode, until, hold := lockInput(l)
	wrote := false
	if mode != "" && (mode != have.mode || !until.Equal(have.until)) {
		_, err := r.c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: &r.t.Bucket, Key: &key, VersionId: &vid,
			Retention: &types.ObjectLockRetention{Mode: types.ObjectLockRetentionMode(mode), RetainUntilDate: until}}, replicaOpt(origin))
		if err != nil {
			return false, err
		}
		wrote = true
	}
	if hold != "" && hold != have.hold && !(hold == types.ObjectLockLegalHoldStatusOff && have.hold == "") {
		_, err := r.c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: &r.t.Bucket, Key: &key, VersionId: &vid,
			LegalHold: &types.ObjectLockLegalHold{Status: hold}}, replicaOpt(origin))
		if err != nil {
			return false, err
		}
		wrote = true
	}
	return wrote, nil
}

func (r *remote) versionTags(ctx context.Context, key, vid string) (map[string]string, error) {
	out, err := r.c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: &r.t.Bucket, Key: &key, VersionId: &vid})
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, t := range out.TagSet {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m, nil
}

func (r *remote) putVersionTags(ctx context.Context, key, vid string, tags map[string]string, origin string) error {
	if len(tags) == 0 {
		_, err := r.c.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: &r.t.Bucket, Key: &key, VersionId: &vid}, replicaOpt(origin))
		return err
	}
	_, err := r.c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: &r.t.Bucket, Key: &key, VersionId: &vid,
		Tagging: &types.Tagging{TagSet: tagSet(tags)}}, replicaOpt(origin))
	return err
}

// deleteAs makes a delete marker with the source marker's id and time.
func (r *remote) deleteAs(ctx context.Context, key, vid string, created int64, origin string) error {
	_, err := r.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &r.t.Bucket, Key: &key}, versionOpt(origin, vid, created))
	return err
}

// deleteVersion removes one version of the destination by id.
func (r *remote) deleteVersion(ctx context.Context, key, vid, origin string) error {
	_, err := r.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &r.t.Bucket, Key: &key, VersionId: &vid}, replicaOpt(origin))
	return err
}

// lockInput is a version's object lock as the headers of its replica's
// write: a retention already over is not sent (S3 refuses a past date).
func lockInput(l *object.ObjectLock) (types.ObjectLockMode, *time.Time, types.ObjectLockLegalHoldStatus) {
	if l == nil {
		return "", nil, ""
	}
	var mode types.ObjectLockMode
	var until *time.Time
	if l.Mode != "" && l.Until.After(time.Now()) {
		mode, until = types.ObjectLockMode(l.Mode), aws.Time(l.Until)
	}
	return mode, until, types.ObjectLockLegalHoldStatus(l.LegalHold)
}
