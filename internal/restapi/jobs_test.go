package restapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestJobs starts the four kinds of job through the API and reads their
// final reports; only the root account may.
func TestJobs(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root := rootClient(t, s)
	root.ok("POST", "/buckets", restapi.NewBucket{Name: "data"}, nil)
	if _, err := s.S3().PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("data"), Key: aws.String("k"), Body: strings.NewReader(strings.Repeat("hello", 1<<18))}); err != nil {
		t.Fatal(err)
	}
	for _, req := range []restapi.JobRequest{
		{Kind: "rebuild", Params: map[string]string{"verify": "1"}},
		{Kind: "scrub"},
		{Kind: "improve"},
		{Kind: "gc", Params: map[string]string{"grace": "0s"}},
	} {
		var job restapi.Job
		root.ok("POST", "/jobs?wait=1", req, &job)
		if job.State != restapi.JobDone || job.Result == nil || job.Finished == nil {
			t.Fatalf("%s: %+v", req.Kind, job)
		}
		var again restapi.Job
		root.ok("GET", "/jobs/"+job.ID, nil, &again)
		if again.State != restapi.JobDone {
			t.Fatalf("%s listed as %+v", req.Kind, again)
		}
	}
	rep := func(kind string) map[string]any {
		var jobs []restapi.Job
		root.ok("GET", "/jobs", nil, &jobs)
		for _, j := range jobs {
			if j.Kind == kind {
				return j.Result.(map[string]any)
			}
		}
		t.Fatalf("no %s job listed", kind)
		return nil
	}
	if r := rep("scrub"); r["bytes_verified"].(float64) < 5 {
		t.Fatalf("scrub verified nothing: %v", r)
	}
	root.fails("POST", "/jobs", restapi.JobRequest{Kind: "defrag"}, http.StatusBadRequest, "InvalidRequest")
	root.fails("POST", "/jobs", restapi.JobRequest{Kind: "gc", Params: map[string]string{"grace": "soon"}}, http.StatusBadRequest, "InvalidRequest")
	root.fails("GET", "/jobs/none", nil, http.StatusNotFound, "NotFound")
	alt := root.as(testenv.AltAccessKey, testenv.AltSecretKey)
	alt.fails("GET", "/jobs", nil, http.StatusForbidden, "AccessDenied")
	alt.fails("POST", "/jobs", restapi.JobRequest{Kind: "gc"}, http.StatusForbidden, "AccessDenied")
}

// TestEventTargets round-trips a notification target; secrets never come
// back.
func TestEventTargets(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root := rootClient(t, s)
	var put map[string]string
	root.ok("PUT", "/events/targets/hook", map[string]any{"kind": "webhook", "url": "http://127.0.0.1:1/", "secret": "s3cr3t"}, &put)
	if !strings.Contains(put["arn"], "hook") {
		t.Fatalf("put target: %v", put)
	}
	_, b := root.do("GET", "/events/targets", nil)
	if !strings.Contains(string(b), `"hook"`) || strings.Contains(string(b), "s3cr3t") {
		t.Fatalf("targets: %s", b)
	}
	var dead []any
	root.ok("GET", "/events/dead", nil, &dead)
	root.ok("DELETE", "/events/targets/hook", nil, nil)
	root.fails("POST", "/events/redrive", restapi.TargetRef{}, http.StatusBadRequest, "InvalidRequest")
	root.as(testenv.AltAccessKey, testenv.AltSecretKey).fails("GET", "/events/targets", nil, http.StatusForbidden, "AccessDenied")
}

// TestQoSLimits sets, reads and removes a limit; another account may not.
func TestQoSLimits(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root := rootClient(t, s)
	var set map[string]any
	root.ok("PUT", "/qos/limits/account/alt", map[string]any{"requests_per_sec": 50}, &set)
	if set["kind"] != "account" || set["name"] != "alt" || set["requests_per_sec"].(float64) != 50 {
		t.Fatalf("set: %v", set)
	}
	var list []map[string]any
	root.ok("GET", "/qos/limits", nil, &list)
	if len(list) != 1 {
		t.Fatalf("list: %v", list)
	}
	root.fails("PUT", "/qos/limits/galaxy/x", map[string]any{"requests_per_sec": 1}, http.StatusBadRequest, "InvalidRequest")
	root.fails("PUT", "/qos/limits/cluster", map[string]any{"requests_per_sec": -1}, http.StatusBadRequest, "InvalidRequest")
	root.as(testenv.AltAccessKey, testenv.AltSecretKey).fails("DELETE", "/qos/limits/account/alt", nil, http.StatusForbidden, "AccessDenied")
	root.ok("DELETE", "/qos/limits/account/alt", nil, nil)
	root.fails("GET", "/qos/limits/account/alt", nil, http.StatusNotFound, "NotFound")
	// A limit set through the API is the one S3 enforces: one request
	// per second, no burst, and the second of two quick calls is refused.
	root.ok("PUT", "/qos/limits/account/alt", map[string]any{"requests_per_sec": 1, "burst": 1}, nil)
	alt := testenv.S3Client(s.URL(), testenv.AltAccessKey, testenv.AltSecretKey)
	slowed := false
	for range 3 {
		if _, err := alt.ListBuckets(context.Background(), &s3.ListBucketsInput{}, func(o *s3.Options) { o.RetryMaxAttempts = 1 }); err != nil && strings.Contains(err.Error(), "SlowDown") {
			slowed = true
		}
	}
	if !slowed {
		t.Fatal("three quick calls under a limit of one per second: none refused")
	}
}
