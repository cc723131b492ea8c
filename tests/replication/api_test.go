package replicationtest

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	smithy "github.com/aws/smithy-go"

	"github.com/strata-storage/strata/internal/testenv"
)

func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// TestBucketReplicationAPI: PUT/GET/DELETE ?replication answer as S3
// does, and the REST API registers targets (secret never shown).
func TestBucketReplicationAPI(t *testing.T) {
	ctx := context.Background()
	a, b := startSite(t), startSite(t)
	body := `{"endpoint":"` + b.URL() + `","bucket":"dst","access_key":"` + testenv.AccessKey + `","secret_key":"` + testenv.SecretKey + `"}`
	out, err := testenv.Admin(ctx, a.URL(), "PUT", "/_strata/api/v1/replication/targets/b", []byte(body))
	if err != nil || !strings.Contains(string(out), "arn:strata:s3:::target/b") {
		t.Fatalf("PUT target: %s %v", out, err)
	}
	out, err = testenv.Admin(ctx, a.URL(), "GET", "/_strata/api/v1/replication/targets", nil)
	if err != nil || strings.Contains(string(out), testenv.SecretKey) || !strings.Contains(string(out), b.URL()) {
		t.Fatalf("GET targets (must hide the secret): %s %v", out, err)
	}
	if _, err := a.c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("src")}); err != nil {
		t.Fatal(err)
	}
	put := func(arn string) error {
		_, err := a.c.PutBucketReplication(ctx, &s3.PutBucketReplicationInput{Bucket: aws.String("src"),
			ReplicationConfiguration: &types.ReplicationConfiguration{Role: aws.String("r"), Rules: []types.ReplicationRule{{
				ID: aws.String("r1"), Priority: aws.Int32(1), Status: types.ReplicationRuleStatusEnabled,
				Filter:                  &types.ReplicationRuleFilter{Prefix: aws.String("")},
				DeleteMarkerReplication: &types.DeleteMarkerReplication{Status: types.DeleteMarkerReplicationStatusDisabled},
				Destination:             &types.Destination{Bucket: aws.String(arn)}}}}})
		return err
	}
	if err := put("arn:strata:s3:::target/b"); apiCode(err) != "InvalidRequest" {
		t.Fatalf("unversioned source: %v, want InvalidRequest", err)
	}
	if _, err := a.c.GetBucketReplication(ctx, &s3.GetBucketReplicationInput{Bucket: aws.String("src")}); apiCode(err) != "ReplicationConfigurationNotFoundError" {
		t.Fatalf("GET unset: %v", err)
	}
	if _, err := a.c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String("src"),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatal(err)
	}
	if err := put("arn:strata:s3:::target/nope"); apiCode(err) != "InvalidRequest" {
		t.Fatalf("unknown target: %v, want InvalidRequest", err)
	}
	if err := put("arn:aws:s3:::dst"); err != nil { // the destination bucket's ARN names the target too
		t.Fatal(err)
	}
	got, err := a.c.GetBucketReplication(ctx, &s3.GetBucketReplicationInput{Bucket: aws.String("src")})
	if err != nil {
		t.Fatal(err)
	}
	r := got.ReplicationConfiguration.Rules
	if len(r) != 1 || aws.ToString(r[0].ID) != "r1" || aws.ToString(r[0].Destination.Bucket) != "arn:aws:s3:::dst" {
		t.Fatalf("GET: %+v", got.ReplicationConfiguration)
	}
	if _, err := a.c.DeleteBucketReplication(ctx, &s3.DeleteBucketReplicationInput{Bucket: aws.String("src")}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.c.GetBucketReplication(ctx, &s3.GetBucketReplicationInput{Bucket: aws.String("src")}); apiCode(err) != "ReplicationConfigurationNotFoundError" {
		t.Fatalf("GET after DELETE: %v", err)
	}
}

// TestReplicaMarkerNeedsPermission: a user without s3:ReplicateObject
// cannot mark a write as a replica.
func TestReplicaMarkerNeedsPermission(t *testing.T) {
	ctx := context.Background()
	a := startSite(t)
	a.bucket(t, "src")
	ak, sk := a.CreateUser(t, "writer", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::src/*"}]}`)
	c := testenv.S3Client(a.URL(), ak, sk)
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("k"), Body: strings.NewReader("x")},
		func(o *s3.Options) { o.APIOptions = append(o.APIOptions, addHeader("X-Strata-Replica", "forged")) })
	if apiCode(err) != "AccessDenied" {
		t.Fatalf("forged replica write: %v, want AccessDenied", err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("k"), Body: strings.NewReader("x")}); err != nil {
		t.Fatalf("plain write by the same user: %v", err)
	}
}

// TestFailedBacklogAndResync: a target that cannot be reached leaves
// FAILED versions in the backlog; once the target is fixed, a retry
// completes them. Objects there before the rule replicate with a resync.
func TestFailedBacklogAndResync(t *testing.T) {
	ctx := context.Background()
	a, b := startSite(t), startSite(t)
	a.bucket(t, "src")
	b.bucket(t, "dst")
	a.put(t, "src", "old", "before the rule", nil, nil)
	// The relay publishes after the commit: let the bucket's and "old"'s
	// events reach the lanes and pass them (no rule yet). Under load the
	// replicator met "old"'s event after the rule below and queued it too.
	waitFor(t, "the events before the rule relayed", func() bool {
		n, _ := testenv.ReadMetrics(t, a.URL()).Sum("strata_events_relayed_total")
		return n >= 2
	})
	waitDrained(t, a)
	// Three attempts (1 s, then 2 s apart): long enough to see PENDING.
	a.Node.Replication().SetAttempts(3)
	body := `{"endpoint":"http://127.0.0.1:1","bucket":"dst","access_key":"` + testenv.AccessKey + `","secret_key":"` + testenv.SecretKey + `"}`
	if _, err := testenv.Admin(ctx, a.URL(), "PUT", "/_strata/api/v1/replication/targets/b", []byte(body)); err != nil {
		t.Fatal(err)
	}
	a.replicate(t, "src", "arn:strata:s3:::target/b", true, false)
	a.put(t, "src", "new", "after the rule", nil, nil)
	if got := headStatus(t, a, "src", "new"); got != "PENDING" {
		t.Fatalf("a version under a rule is %q right after its write, want PENDING", got)
	}
	// The relay publishes the change to the lanes after the commit; the
	// three attempts keep it queued for about 3 s after that.
	waitFor(t, "the change queued with an age", func() bool {
		st := restStatus(t, a, "src").Status
		return st.Queued >= 1 && st.OldestQueued > 0
	})
	if got := headStatus(t, a, "src", "old"); got != "" {
		t.Fatalf("a version older than the rule is %q, want no status", got)
	}
	waitFor(t, "FAILED on A", func() bool { return headStatus(t, a, "src", "new") == "FAILED" })
	st := restStatus(t, a, "src")
	if st.Status.Failed != 1 || st.Status.Backlog["src/all"] != 1 {
		t.Fatalf("status: %+v", st.Status)
	}

	// Fix the target, retry the backlog, then resync the older object.
	body = strings.Replace(body, "http://127.0.0.1:1", b.URL(), 1)
	if _, err := testenv.Admin(ctx, a.URL(), "PUT", "/_strata/api/v1/replication/targets/b", []byte(body)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5100 * time.Millisecond) // the replicator's view of a changed target is at most 5 s old
	if _, err := testenv.Admin(ctx, a.URL(), "POST", "/_strata/api/v1/replication/retry?bucket=src", nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "COMPLETED after the retry", func() bool { return headStatus(t, a, "src", "new") == "COMPLETED" })
	// The lag is recorded just after the status is written.
	waitFor(t, "the lag of rule src/all after a copy", func() bool {
		l := restStatus(t, a, "src").Status.Rules["src/all"]
		return l.Samples >= 1 && l.P50 > 0
	})
	cmd := exec.Command(testenv.Binary(t), "replicate", "status", "src")
	cmd.Env = append(os.Environ(), "STRATA_ENDPOINT="+a.URL(),
		"STRATA_ACCESS_KEY="+testenv.AccessKey, "STRATA_SECRET_KEY="+testenv.SecretKey)
	out, err := cmd.CombinedOutput()
	if err != nil || !regexp.MustCompile(`(?m)^src/all +[0-9.]+ s +[0-9.]+ s +[1-9][0-9]* +0$`).Match(out) {
		t.Fatalf("strata replicate status src: %v\n%s", err, out)
	}
	if _, ok := b.state(t, "dst")["old"]; ok {
		t.Fatal("an object older than the rule replicated without a resync")
	}
	if _, err := testenv.Admin(ctx, a.URL(), "POST", "/_strata/api/v1/replication/resync/src", nil); err != nil {
		t.Fatal(err)
	}
	converge(t, a, "src", b, "dst", 30*time.Second)
	waitFor(t, "resync done", func() bool {
		j := restStatus(t, a, "src").Resyncs
		return len(j) == 1 && j[0].State == "done" && j[0].Enqueued == 2
	})
}

func headStatus(t *testing.T, s *site, bucket, key string) string {
	h, err := s.c.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: &bucket, Key: &key})
	if err != nil {
		t.Fatal(err)
	}
	return string(h.ReplicationStatus)
}

func restStatus(t *testing.T, s *site, bucket string) statusDoc {
	t.Helper()
	out, err := testenv.Admin(context.Background(), s.URL(), "GET", "/_strata/api/v1/replication/status?bucket="+bucket, nil)
	if err != nil {
		t.Fatal(err)
	}
	var st statusDoc
	if err := json.Unmarshal(out, &st); err != nil {
		t.Fatal(err)
	}
	return st
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
