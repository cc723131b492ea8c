package clitest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestOperatorCLI drives the operator commands, which go through the
// REST API only: services, locks, jobs with their reports, QoS limits;
// tables by default, JSON with --json.
func TestOperatorCLI(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	ep := s.URL()
	var svcs []strata.Service
	if err := json.Unmarshal([]byte(mustCLI(t, ep, "cluster", "list", "--json")), &svcs); err != nil || len(svcs) == 0 {
		t.Fatalf("cluster list --json: %v %v", err, svcs)
	}
	if out := mustCLI(t, ep, "cluster", "lock", svcs[0].ID); !strings.HasPrefix(out, "TYPE") || !strings.Contains(out, "locked@0") {
		t.Fatalf("lock:\n%s", out)
	}
	mustCLI(t, ep, "cluster", "unlock", svcs[0].ID)
	// A job's output is JSON lines when not on a terminal, the report last.
	out := mustCLI(t, ep, "rebuild", "--verify")
	lines := bytes.Split(bytes.TrimSpace([]byte(out)), []byte("\n"))
	var rep map[string]any
	if err := json.Unmarshal(lines[len(lines)-1], &rep); err != nil || rep["objects_scanned"] == nil {
		t.Fatalf("rebuild output:\n%s", out)
	}
	mustCLI(t, ep, "gc", "--grace", "0s")
	mustCLI(t, ep, "scrub")
	if out, err := strataCLI(t, ep, "gc", "--grace", "soon"); err == nil || !strings.Contains(out, "InvalidRequest") {
		t.Fatalf("gc with a bad grace: %v\n%s", err, out)
	}
	var jobs []restapi.Job
	if err := json.Unmarshal([]byte(mustCLI(t, ep, "jobs", "--json")), &jobs); err != nil || len(jobs) != 3 {
		t.Fatalf("jobs --json: %v %+v", err, jobs)
	}
	if out := mustCLI(t, ep, "jobs"); !strings.HasPrefix(out, "ID") || !strings.Contains(out, "rebuild") || !strings.Contains(out, "done") {
		t.Fatalf("jobs:\n%s", out)
	}
	// Buckets, settings and listings.
	mustCLI(t, ep, "bucket", "create", "docs", "--versioning")
	if out := mustCLI(t, ep, "bucket", "list"); !strings.HasPrefix(out, "NAME") || !strings.Contains(out, "Enabled") {
		t.Fatalf("bucket list:\n%s", out)
	}
	cors := filepath.Join(t.TempDir(), "cors.xml")
	os.WriteFile(cors, []byte(`<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`), 0o644)
	mustCLI(t, ep, "bucket", "setting", "docs", "cors", "--file", cors)
	if out := mustCLI(t, ep, "bucket", "setting", "docs", "cors"); !strings.Contains(out, "<AllowedMethod>GET</AllowedMethod>") {
		t.Fatalf("cors:\n%s", out)
	}
	bad := filepath.Join(t.TempDir(), "p.json")
	os.WriteFile(bad, []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::elsewhere/*"}]}`), 0o644)
	if out, err := strataCLI(t, ep, "bucket", "policy", "docs", "--file", bad); err == nil || !strings.Contains(out, "MalformedPolicy") {
		t.Fatalf("bad bucket policy: %v\n%s", err, out)
	}
	c := testenv.S3Client(ep, testenv.AccessKey, testenv.SecretKey)
	for _, k := range []string{"a/1", "a/2", "b"} {
		if _, err := c.PutObject(t.Context(), &s3.PutObjectInput{Bucket: aws.String("docs"), Key: aws.String(k), Body: strings.NewReader("x")}); err != nil {
			t.Fatal(err)
		}
	}
	if out := mustCLI(t, ep, "bucket", "ls", "docs"); !strings.Contains(out, "a/ ") || !strings.Contains(out, "b ") || strings.Contains(out, "a/1") {
		t.Fatalf("bucket ls:\n%s", out)
	}
	var page restapi.Listing
	if err := json.Unmarshal([]byte(mustCLI(t, ep, "bucket", "ls", "docs", "--delimiter", "", "--max", "1", "--all", "--json")), &page); err != nil || len(page.Objects) != 3 {
		t.Fatalf("bucket ls --all --json: %v %+v", err, page)
	}
	mustCLI(t, ep, "qos", "set", "account/alt", "--requests", "50")
	if out := mustCLI(t, ep, "qos", "list"); !strings.Contains(out, "account/alt") || !strings.Contains(out, "50") {
		t.Fatalf("qos list:\n%s", out)
	}
	mustCLI(t, ep, "qos", "delete", "account/alt")
	if out := mustCLI(t, ep, "qos", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("qos list after delete:\n%s", out)
	}
}

// TestQuotaCLI: a bucket quota set with the CLI is what S3 enforces, and
// get, alerts and delete report it through the REST API.
func TestQuotaCLI(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	ep, c := s.URL(), s.S3()
	b := "capped"
	if _, err := c.CreateBucket(t.Context(), &s3.CreateBucketInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	if out, err := strataCLI(t, ep, "quota", "set", "bucket/"+b); err == nil || !strings.Contains(out, "no limit given") {
		t.Fatalf("quota set without limits: %v\n%s", err, out)
	}
	if out, err := strataCLI(t, ep, "quota", "set", "pail/"+b, "--max-objects", "1"); err == nil || !strings.Contains(out, "bucket/NAME") {
		t.Fatalf("quota set on a bad scope: %v\n%s", err, out)
	}
	mustCLI(t, ep, "quota", "set", "bucket/"+b, "--max-bytes", "1MiB", "--soft-bytes", "512KiB")
	put := func(key string, n int) error {
		_, err := c.PutObject(t.Context(), &s3.PutObjectInput{Bucket: &b, Key: &key, Body: bytes.NewReader(make([]byte, n))})
		return err
	}
	if err := put("a", 600<<10); err != nil {
		t.Fatal(err)
	}
	if err := put("b", 600<<10); err == nil || !strings.Contains(err.Error(), "QuotaExceeded") {
		t.Fatalf("PUT past the quota set by the CLI: %v", err)
	}
	out := mustCLI(t, ep, "quota", "get", "bucket/"+b)
	if !strings.HasPrefix(out, "SCOPE") || !strings.Contains(out, "1048576") || !strings.Contains(out, strconv.Itoa(600<<10)) {
		t.Fatalf("quota get:\n%s", out)
	}
	if out := mustCLI(t, ep, "quota", "alerts"); !strings.Contains(out, "bucket/"+b) || !strings.Contains(out, "bytes") {
		t.Fatalf("quota alerts past the soft limit:\n%s", out)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(mustCLI(t, ep, "quota", "list", "--json")), &list); err != nil || len(list) != 1 || list[0]["name"] != b {
		t.Fatalf("quota list --json: %v %v", err, list)
	}
	mustCLI(t, ep, "quota", "delete", "bucket/"+b)
	if err := put("b", 600<<10); err != nil {
		t.Fatalf("PUT after the quota was deleted: %v", err)
	}
}

// TestBenchProgress: off a terminal, strata bench prints its progress as
// JSON lines, about one a second, and its results last (JSON with --json).
func TestBenchProgress(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	out := mustCLI(t, s.URL(), "bench", "--json", "--duration", "2s", "--concurrency", "2", "--objects", "4", "--ops", "put,get")
	lines := bytes.Split(bytes.TrimSpace([]byte(out)), []byte("\n"))
	progress := 0
	for _, l := range lines[:len(lines)-1] {
		var p struct {
			Op  string `json:"op"`
			Ops int64  `json:"ops"`
		}
		if err := json.Unmarshal(l, &p); err != nil || (p.Op != "PUT" && p.Op != "GET") {
			t.Fatalf("progress line %q: %v", l, err)
		}
		progress++
	}
	var results []struct {
		Op  string
		Ops int64
	}
	if err := json.Unmarshal(lines[len(lines)-1], &results); err != nil || len(results) != 2 || results[0].Ops == 0 || results[1].Ops == 0 {
		t.Fatalf("results %q: %v %+v", lines[len(lines)-1], err, results)
	}
	if progress == 0 {
		t.Fatalf("no progress line in:\n%s", out)
	}
}
