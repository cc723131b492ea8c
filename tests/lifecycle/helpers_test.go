package lifecycletest

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

var ctx = context.Background()

// day is the test servers' lifecycle day.
const day = time.Second

// env is a node with a one-second lifecycle day whose background pass
// never runs during a test (passes are run by the test).
type env struct {
	t   *testing.T
	srv *testenv.Server
	c   *s3.Client
}

func start(t *testing.T) *env {
	t.Helper()
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.LifecycleDay, c.LifecycleInterval = day, time.Hour
	}})
	return &env{t: t, srv: srv, c: srv.S3()}
}

func (e *env) bucket(name string, versioned bool) string {
	e.t.Helper()
	if _, err := e.c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &name}); err != nil {
		e.t.Fatal(err)
	}
	if versioned {
		_, err := e.c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: &name,
			VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
		if err != nil {
			e.t.Fatal(err)
		}
	}
	return name
}

func (e *env) rules(bucket string, rules ...types.LifecycleRule) {
	e.t.Helper()
	for i := range rules {
		rules[i].Status = types.ExpirationStatusEnabled
	}
	_, err := e.c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: &bucket,
		LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: rules}})
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) put(bucket, key string, body []byte, tags string) *s3.PutObjectOutput {
	e.t.Helper()
	in := &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: bytes.NewReader(body)}
	if tags != "" {
		in.Tagging = &tags
	}
	out, err := e.c.PutObject(ctx, in)
	if err != nil {
		e.t.Fatalf("put %s: %v", key, err)
	}
	return out
}

// pass runs a lifecycle pass as if `days` lifecycle days had gone by.
func (e *env) pass(days float64) object.LifecycleReport {
	e.t.Helper()
	now := time.Now().Add(time.Duration(days * float64(day)))
	rep, err := e.srv.Objects.Lifecycle(ctx, object.LifecycleOptions{Day: day, Now: func() time.Time { return now }})
	if err != nil {
		e.t.Fatal(err)
	}
	return rep
}

func (e *env) exists(bucket, key string) bool {
	e.t.Helper()
	_, err := e.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bucket, Key: &key})
	if err == nil {
		return true
	}
	var api smithy.APIError
	if errors.As(err, &api) && (api.ErrorCode() == "NotFound" || api.ErrorCode() == "NoSuchKey") {
		return false
	}
	e.t.Fatalf("head %s: %v", key, err)
	return false
}

// versions lists a key's versions (ids, as listed: newest first) and
// counts its delete markers.
func (e *env) versions(bucket, key string) (ids []string, markers int) {
	e.t.Helper()
	out, err := e.c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: &bucket, Prefix: &key})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, v := range out.Versions {
		ids = append(ids, aws.ToString(v.VersionId))
	}
	return ids, len(out.DeleteMarkers)
}

func prefix(p string) *types.LifecycleRuleFilter { return &types.LifecycleRuleFilter{Prefix: &p} }

func stringsReader(s string) *bytes.Reader { return bytes.NewReader([]byte(s)) }
