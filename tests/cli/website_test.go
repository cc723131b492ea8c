package clitest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestWebsiteSettingCLI: strata bucket setting BUCKET website sets (from
// a file, validated), shows and removes a bucket's website document over
// the REST API, and S3's GetBucketWebsite sees each change.
func TestWebsiteSettingCLI(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	ep := s.URL()
	mustCLI(t, ep, "bucket", "create", "site")
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "website.xml"), filepath.Join(dir, "bad.xml")
	os.WriteFile(good, []byte(`<WebsiteConfiguration><IndexDocument><Suffix>index.html</Suffix></IndexDocument><ErrorDocument><Key>404.html</Key></ErrorDocument></WebsiteConfiguration>`), 0o644)
	os.WriteFile(bad, []byte(`<WebsiteConfiguration><RedirectAllRequestsTo><HostName>x.example</HostName></RedirectAllRequestsTo><IndexDocument><Suffix>index.html</Suffix></IndexDocument></WebsiteConfiguration>`), 0o644)

	if out, err := strataCLI(t, ep, "bucket", "setting", "site", "website", "--file", bad); err == nil {
		t.Fatalf("a website document with RedirectAllRequestsTo and an index was accepted:\n%s", out)
	}
	mustCLI(t, ep, "bucket", "setting", "site", "website", "--file", good)
	if out := mustCLI(t, ep, "bucket", "setting", "site", "website"); !strings.Contains(out, "<Suffix>index.html</Suffix>") {
		t.Fatalf("website setting:\n%s", out)
	}
	c := testenv.S3Client(ep, testenv.AccessKey, testenv.SecretKey)
	w, err := c.GetBucketWebsite(t.Context(), &s3.GetBucketWebsiteInput{Bucket: aws.String("site")})
	if err != nil || aws.ToString(w.ErrorDocument.Key) != "404.html" {
		t.Fatalf("GetBucketWebsite: %+v %v", w, err)
	}
	mustCLI(t, ep, "bucket", "setting", "site", "website", "--delete")
	_, err = c.GetBucketWebsite(t.Context(), &s3.GetBucketWebsiteInput{Bucket: aws.String("site")})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "NoSuchWebsiteConfiguration" {
		t.Fatalf("GetBucketWebsite after the CLI delete: %v", err)
	}
}
