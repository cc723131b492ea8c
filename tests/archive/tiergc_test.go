package archivetest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestTierOrphans: a remote object that a crash left on the tier (put
// there by hand under the tier's prefix, named as a tiered write names
// them) is deleted by the gc job once it is older than the grace, while
// the remote object of a committed version, objects named otherwise,
// objects of a bucket this cluster does not have and objects outside the
// prefix stay.
func TestTierOrphans(t *testing.T) {
	remote := testenv.Start(t, testenv.Options{})
	rc := remote.S3()
	if _, err := rc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("tier-b")}); err != nil {
		t.Fatal(err)
	}
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	body, _ := json.Marshal(map[string]string{"endpoint": remote.URL(), "bucket": "tier-b", "prefix": "from-a",
		"access_key": testenv.AccessKey, "secret_key": testenv.SecretKey})
	for _, call := range [][2]string{{"/_strata/api/v1/tiers/remote", string(body)}, {"/_strata/api/v1/classes/GLACIER_IR", `{"tier":"remote"}`}} {
		if _, err := testenv.Admin(ctx, s.URL(), "PUT", call[0], []byte(call[1])); err != nil {
			t.Fatal(err)
		}
	}
	b := "warm"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	data := randBytes(200<<10, 21)
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("dir/kept"), Body: bytes.NewReader(data),
		StorageClass: types.StorageClassGlacierIr}); err != nil {
		t.Fatal(err)
	}
	live := remoteKeys(t, rc, "tier-b")
	if len(live) != 1 {
		t.Fatalf("tier holds %v after one tiered PUT", live)
	}

	orphan := "from-a/warm/dir/crashed/" + strata.NewVersionID() + "/" + string(strata.NewChunkID())
	kept := []string{
		"from-a/notes.txt", // not named as tiered writes are
		"from-a/gone/k/" + strata.NewVersionID() + "/" + string(strata.NewChunkID()), // no such bucket here
		"other/warm/k/" + strata.NewVersionID() + "/" + string(strata.NewChunkID()),  // outside the prefix
	}
	for _, k := range append([]string{orphan}, kept...) {
		if _, err := rc.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("tier-b"), Key: aws.String(k),
			Body: bytes.NewReader(randBytes(1000, 3))}); err != nil {
			t.Fatal(err)
		}
	}

	// Within the grace, nothing goes.
	rep := runGC(t, s.URL(), "1h")
	if want := (object.TierGCReport{Tiers: 1, Scanned: 4, Live: 1, Young: 1, Foreign: 2}); rep.Tier != want {
		t.Fatalf("gc within the grace: %+v, want %+v", rep.Tier, want)
	}
	if n := len(remoteKeys(t, rc, "tier-b")); n != 5 {
		t.Fatalf("%d objects on the tier after gc within the grace, want 5", n)
	}

	rep = runGC(t, s.URL(), "1ms")
	if want := (object.TierGCReport{Tiers: 1, Scanned: 4, Live: 1, Foreign: 2, Deleted: 1, Bytes: 1000}); rep.Tier != want {
		t.Fatalf("gc: %+v, want %+v", rep.Tier, want)
	}
	after := remoteKeys(t, rc, "tier-b")
	if _, ok := after[orphan]; ok || len(after) != 4 {
		t.Fatalf("tier after gc holds %v; the orphan %s should be gone, the rest kept", after, orphan)
	}
	for k := range live {
		if _, ok := after[k]; !ok {
			t.Fatalf("gc deleted the live remote object %s", k)
		}
	}
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("dir/kept")})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if !bytes.Equal(got, data) {
		t.Fatal("the tiered object reads other bytes after gc")
	}
}

// runGC runs the gc job through the REST API (as strata gc --grace does)
// and returns its report.
func runGC(t *testing.T, endpoint, grace string) object.GCReport {
	t.Helper()
	req, _ := json.Marshal(restapi.JobRequest{Kind: "gc", Params: map[string]string{"grace": grace}})
	out, err := testenv.Admin(ctx, endpoint, "POST", "/_strata/api/v1/jobs", req)
	if err != nil {
		t.Fatalf("gc job: %v %s", err, out)
	}
	var job restapi.Job
	deadline := time.Now().Add(time.Minute)
	for {
		if err := json.Unmarshal(out, &job); err != nil {
			t.Fatal(err)
		}
		if job.State != restapi.JobRunning || time.Now().After(deadline) {
			break
		}
		if out, err = testenv.Admin(ctx, endpoint, "GET", "/_strata/api/v1/jobs/"+url.PathEscape(job.ID)+"?wait=1s", nil); err != nil {
			t.Fatal(err)
		}
	}
	if job.State != restapi.JobDone {
		t.Fatalf("gc job ended %s: %s", job.State, job.Error)
	}
	var rep object.GCReport
	b, _ := json.Marshal(job.Result)
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}
