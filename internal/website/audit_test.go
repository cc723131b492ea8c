package website_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/strata-storage/strata/internal/audit"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestWebsiteAudit: each website request is one anonymous line of the
// audit log, with its status and error code.
func TestWebsiteAudit(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "audit.log")
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.WebsiteAddr = "127.0.0.1:0"
		c.WebsiteDomains = []string{domain}
		c.AuditLog = logPath
	}})
	addr := srv.ProtocolAddr("website")
	_, port, _ := strings.Cut(addr, ":")
	s := &site{t: t, srv: srv, s3: srv.S3(), addr: addr, port: port}
	s.bucket("aud", &types.WebsiteConfiguration{IndexDocument: &types.IndexDocument{Suffix: aws.String("index.html")}}, publicRead("aud"))
	s.put("aud", "index.html", "audited", "text/html")
	s.curl("aud", "/").want(t, "index", 200, "audited", "")
	s.curl("aud", "/missing", "-I").want(t, "missing", 404, "", "")
	srv.Close() // flushes the log

	f, err := os.Open(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []audit.Record
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r audit.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(r.Operation, "website:") {
			got = append(got, r)
		}
	}
	if len(got) != 2 {
		t.Fatalf("website records: %+v", got)
	}
	if r := got[0]; r.Operation != "website:GetObject" || r.Bucket != "aud" || r.Status != 200 || r.BytesOut != int64(len("audited")) || r.Account != "" {
		t.Fatalf("GET record: %+v", r)
	}
	if r := got[1]; r.Operation != "website:HeadObject" || r.Key != "missing" || r.Status != 404 || r.ErrorCode != "NoSuchKey" {
		t.Fatalf("HEAD record: %+v", r)
	}
}
