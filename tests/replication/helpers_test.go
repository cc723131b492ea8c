package replicationtest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/strata-storage/strata/internal/replication"
	"github.com/strata-storage/strata/internal/testenv"
)

// site is one cluster of a test.
type site struct {
	*testenv.Server
	c *s3.Client
}

func startSite(t *testing.T) *site {
	s := testenv.Start(t, testenv.Options{})
	return &site{Server: s, c: s.S3()}
}

func (s *site) bucket(t *testing.T, name string) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &name}); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
	_, err := s.c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: &name,
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
	if err != nil {
		t.Fatalf("versioning %s: %v", name, err)
	}
}

// target registers dst's bucket as a target on s and returns its ARN.
func (s *site) target(t *testing.T, name string, dst *site, bucket string) string {
	t.Helper()
	tg := replication.Target{Name: name, Endpoint: dst.URL(), Bucket: bucket,
		AccessKey: testenv.AccessKey, SecretKey: testenv.SecretKey}
	if err := s.Node.Replication().Targets.Put(context.Background(), tg); err != nil {
		t.Fatalf("target: %v", err)
	}
	return tg.ARN()
}

// replicate puts a one-rule configuration on s's bucket.
func (s *site) replicate(t *testing.T, bucket, arn string, deleteMarkers bool, replicaMods bool) {
	t.Helper()
	dm := types.DeleteMarkerReplicationStatusDisabled
	if deleteMarkers {
		dm = types.DeleteMarkerReplicationStatusEnabled
	}
	rule := types.ReplicationRule{ID: aws.String("all"), Priority: aws.Int32(1), Status: types.ReplicationRuleStatusEnabled,
		Filter:                  &types.ReplicationRuleFilter{Prefix: aws.String("")},
		DeleteMarkerReplication: &types.DeleteMarkerReplication{Status: dm},
		Destination:             &types.Destination{Bucket: aws.String(arn)}}
	if replicaMods {
		rule.SourceSelectionCriteria = &types.SourceSelectionCriteria{ReplicaModifications: &types.ReplicaModifications{
			Status: types.ReplicaModificationsStatusEnabled}}
	}
	_, err := s.c.PutBucketReplication(context.Background(), &s3.PutBucketReplicationInput{Bucket: &bucket,
		ReplicationConfiguration: &types.ReplicationConfiguration{Role: aws.String("arn:aws:iam::1:role/r"),
			Rules: []types.ReplicationRule{rule}}})
	if err != nil {
		t.Fatalf("put replication: %v", err)
	}
}

func (s *site) put(t *testing.T, bucket, key, body string, meta, tags map[string]string) {
	t.Helper()
	in := &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: strings.NewReader(body), Metadata: meta,
		ContentType: aws.String("text/plain")}
	if len(tags) > 0 {
		var p []string
		for k, v := range tags {
			p = append(p, k+"="+v)
		}
		in.Tagging = aws.String(strings.Join(p, "&"))
	}
	if _, err := s.c.PutObject(context.Background(), in); err != nil {
		t.Fatalf("put %s: %v", key, err)
	}
}

// object is a key's current state as a client sees it.
type object struct {
	body, ctype, status string
	meta, tags          map[string]string
}

func (o object) String() string {
	return fmt.Sprintf("%q type=%s status=%s meta=%v tags=%v", o.body, o.ctype, o.status, o.meta, o.tags)
}

// state lists every current key of a bucket with its bytes, metadata and tags.
func (s *site) state(t *testing.T, bucket string) map[string]object {
	t.Helper()
	ctx := context.Background()
	out := map[string]object{}
	p := s3.NewListObjectsV2Paginator(s.c, &s3.ListObjectsV2Input{Bucket: &bucket})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatalf("list: %v", err)
		}
		for _, o := range page.Contents {
			// Replication may delete a listed key before it is read:
			// it is then not part of the state (converge reads again).
			g, err := s.c.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: o.Key})
			if apiCode(err) == "NoSuchKey" {
				continue
			}
			if err != nil {
				t.Fatalf("get %s: %v", *o.Key, err)
			}
			b, _ := io.ReadAll(g.Body)
			g.Body.Close()
			tg, err := s.c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: &bucket, Key: o.Key})
			if apiCode(err) == "NoSuchKey" {
				continue
			}
			if err != nil {
				t.Fatalf("tags %s: %v", *o.Key, err)
			}
			tags := map[string]string{}
			for _, x := range tg.TagSet {
				tags[*x.Key] = *x.Value
			}
			out[*o.Key] = object{body: string(b), ctype: aws.ToString(g.ContentType), status: string(g.ReplicationStatus),
				meta: g.Metadata, tags: tags}
		}
	}
	return out
}

// same compares two states, replication status aside.
func same(a, b map[string]object) string {
	var diff bytes.Buffer
	for k, x := range a {
		y, ok := b[k]
		switch {
		case !ok:
			fmt.Fprintf(&diff, "%s: missing on B\n", k)
		case x.body != y.body || x.ctype != y.ctype || fmt.Sprint(x.meta) != fmt.Sprint(y.meta) || fmt.Sprint(x.tags) != fmt.Sprint(y.tags):
			fmt.Fprintf(&diff, "%s: A %v, B %v\n", k, x, y)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			fmt.Fprintf(&diff, "%s: only on B\n", k)
		}
	}
	return diff.String()
}

// converge waits until B's bucket equals A's, or fails after limit.
func converge(t *testing.T, a *site, ab string, b *site, bb string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		d := same(a.state(t, ab), b.state(t, bb))
		if d == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("B did not converge to A within %v:\n%s", limit, d)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// addHeader adds a header to a request before it is signed.
func addHeader(k, v string) func(*middleware.Stack) error {
	return smithyhttp.AddHeaderValue(k, v)
}
