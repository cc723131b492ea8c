package s3test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmw "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"github.com/nats-io/nats.go"

	"github.com/strata-storage/strata/internal/audit"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// readAudit reads every record of a JSON-lines audit file.
func readAudit(t *testing.T, path string) []audit.Record {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs []audit.Record
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r audit.Record
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		recs = append(recs, r)
	}
	return recs
}

func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// TestAuditLog: every S3 request and admin action, allowed or denied,
// is one line of the audit file, and is published on the bus.
func TestAuditLog(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "audit", "audit.log")
	s := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.AuditLog, c.AuditBus = logPath, true
	}})
	nc, err := nats.Connect(s.BusURL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	sub, err := nc.SubscribeSync(audit.Subject)
	if err != nil {
		t.Fatal(err)
	}
	nc.Flush()

	start := time.Now().UTC()
	c := s.S3()
	type want struct {
		id, op, key, account, accessKey, code string
		status                                int
		in, out                               int64 // -1: not checked
	}
	var wants []want
	bucket, key, data := "audited", "dir/obj.bin", randBytes(10_000, 1)

	cb, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := awsmw.GetRequestIDMetadata(cb.ResultMetadata)
	wants = append(wants, want{id, "s3:CreateBucket", "", server.RootAccount, testenv.AccessKey, "", 200, -1, -1})

	po := put(t, c, bucket, key, data)
	id, _ = awsmw.GetRequestIDMetadata(po.ResultMetadata)
	wants = append(wants, want{id, "s3:PutObject", key, server.RootAccount, testenv.AccessKey, "", 200, int64(len(data)), 0})

	got, gout := get(t, c, &s3.GetObjectInput{Bucket: &bucket, Key: &key})
	if !bytes.Equal(got, data) {
		t.Fatal("read back other data")
	}
	id, _ = awsmw.GetRequestIDMetadata(gout.ResultMetadata)
	wants = append(wants, want{id, "s3:GetObject", key, server.RootAccount, testenv.AccessKey, "", 200, 0, int64(len(data))})

	do, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &bucket, Key: &key})
	if err != nil {
		t.Fatal(err)
	}
	id, _ = awsmw.GetRequestIDMetadata(do.ResultMetadata)
	wants = append(wants, want{id, "s3:DeleteObject", key, server.RootAccount, testenv.AccessKey, "", 204, 0, 0})

	// Denied: the root access key with a wrong secret.
	bad := testenv.S3Client(s.URL(), testenv.AccessKey, "wrong-secret-wrong-secret-wrong-secret00")
	_, err = bad.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: aws.String("secret")})
	if apiCode(err) != "SignatureDoesNotMatch" {
		t.Fatalf("wrong key: %v", err)
	}
	wants = append(wants, want{"", "s3:GetObject", "secret", "", testenv.AccessKey, "SignatureDoesNotMatch", 403, -1, -1})

	// Denied: a valid account that does not own the bucket.
	alt := testenv.S3Client(s.URL(), testenv.AltAccessKey, testenv.AltSecretKey)
	_, err = alt.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: aws.String("intruder"), Body: strings.NewReader("x")})
	if apiCode(err) != "AccessDenied" {
		t.Fatalf("other account: %v", err)
	}
	wants = append(wants, want{"", "s3:PutObject", "intruder", "alt", testenv.AltAccessKey, "AccessDenied", 403, -1, -1})

	// Admin: an action, a refused one, and a health check (not an action).
	if _, err := testenv.Admin(ctx, s.URL(), "GET", "/_strata/api/v1/cluster/services", nil); err != nil {
		t.Fatal(err)
	}
	wants = append(wants, want{"", "api:GET /cluster/services", "", server.RootAccount, testenv.AccessKey, "", 200, 0, -1})
	if _, err := testenv.AdminAs(ctx, s.URL(), testenv.AltAccessKey, testenv.AltSecretKey, "POST", "/_strata/api/v1/jobs", []byte(`{"kind":"gc"}`)); err == nil {
		t.Fatal("admin action by a non-root account accepted")
	}
	wants = append(wants, want{"", "api:POST /jobs", "", "alt", testenv.AltAccessKey, "AccessDenied", 403, -1, -1})
	if resp, err := http.Get(s.URL() + "/_strata/health"); err != nil {
		t.Fatal(err)
	} else {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}

	// The bus gets the same records (best effort, but nothing is lost on
	// an idle node); wait for them before stopping the node.
	var onBus []audit.Record
	for len(onBus) < len(wants) {
		msg, err := sub.NextMsg(30 * time.Second)
		if err != nil {
			t.Fatalf("%d records on the bus, want %d: %v", len(onBus), len(wants), err)
		}
		var r audit.Record
		if err := json.Unmarshal(msg.Data, &r); err != nil {
			t.Fatal(err)
		}
		onBus = append(onBus, r)
	}
	s.Close() // flushes the file
	recs := readAudit(t, logPath)
	if len(recs) != len(wants) {
		for _, r := range recs {
			t.Logf("%+v", r)
		}
		t.Fatalf("%d records, want %d", len(recs), len(wants))
	}
	end := time.Now().UTC()
	for i, w := range wants {
		r := recs[i]
		if r.Operation != w.op || r.Status != w.status || r.Key != w.key || r.ErrorCode != w.code ||
			r.Account != w.account || r.AccessKey != w.accessKey {
			t.Errorf("record %d: %+v\nwant %+v", i, r, w)
		}
		if w.id != "" && r.RequestID != w.id {
			t.Errorf("record %d: request id %q, the client saw %q", i, r.RequestID, w.id)
		}
		if r.RequestID == "" || r.SourceIP != "127.0.0.1" || r.DurationMS < 0 ||
			r.Time.Before(start.Add(-time.Second)) || r.Time.After(end) {
			t.Errorf("record %d: id %q, ip %q, duration %v, time %v", i, r.RequestID, r.SourceIP, r.DurationMS, r.Time)
		}
		if strings.HasPrefix(w.op, "s3:") && (r.Bucket != bucket || !strings.Contains(r.UserAgent, "aws-sdk-go-v2")) {
			t.Errorf("record %d: bucket %q, user agent %q", i, r.Bucket, r.UserAgent)
		}
		// The SDK sends bodies aws-chunked with a checksum trailer:
		// the wire carries a little more than the data.
		if w.in >= 0 && (r.BytesIn < w.in || r.BytesIn > w.in+1024) {
			t.Errorf("record %d (%s): %d bytes in, want %d (+ framing)", i, w.op, r.BytesIn, w.in)
		}
		if w.out >= 0 && r.BytesOut != w.out {
			t.Errorf("record %d (%s): %d bytes out, want %d", i, w.op, r.BytesOut, w.out)
		}
		if r.Status >= 400 && r.BytesOut == 0 && !strings.HasPrefix(w.op, "s3:Head") {
			t.Errorf("record %d: an error answer with no body counted", i)
		}
		if onBus[i].RequestID != r.RequestID || onBus[i].Operation != r.Operation {
			t.Errorf("bus record %d: %s %s, file %s %s", i, onBus[i].RequestID, onBus[i].Operation, r.RequestID, r.Operation)
		}
	}
	if !strings.HasPrefix(recs[6].Resource, "/_strata/api/v1/cluster/services") {
		t.Errorf("admin resource %q", recs[6].Resource)
	}
}
