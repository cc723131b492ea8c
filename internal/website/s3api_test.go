package website_test

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestBucketWebsiteAWSCLI round-trips the configuration with awscli, as
// users set up a site, then serves it.
func TestBucketWebsiteAWSCLI(t *testing.T) {
	aws := testenv.RequireTool(t, "aws", "/usr/bin/aws")
	s := startSite(t)
	env := []string{"AWS_ACCESS_KEY_ID=" + testenv.AccessKey, "AWS_SECRET_ACCESS_KEY=" + testenv.SecretKey,
		"AWS_DEFAULT_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true", "HOME=" + t.TempDir(), "AWS_CONFIG_FILE=/dev/null"}
	run := func(args ...string) (string, error) {
		cmd := exec.Command(aws, append(args, "--endpoint-url", s.srv.URL())...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(args ...string) string {
		t.Helper()
		out, err := run(args...)
		if err != nil {
			t.Fatalf("aws %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	s.bucket("cli", nil, publicRead("cli"))
	must("s3", "website", "s3://cli", "--index-document", "index.html", "--error-document", "error.html")
	out := must("s3api", "get-bucket-website", "--bucket", "cli")
	if !strings.Contains(out, `"Suffix": "index.html"`) || !strings.Contains(out, `"Key": "error.html"`) {
		t.Fatalf("get-bucket-website: %s", out)
	}
	s.put("cli", "index.html", "cli home", "text/html")
	s.put("cli", "error.html", "cli error", "text/html")
	s.curl("cli", "/").want(t, "index set by awscli", 200, "cli home", "text/html")
	s.curl("cli", "/nope").want(t, "error document set by awscli", 404, "cli error", "text/html")

	must("s3api", "delete-bucket-website", "--bucket", "cli")
	if out, err := run("s3api", "get-bucket-website", "--bucket", "cli"); err == nil || !strings.Contains(out, "NoSuchWebsiteConfiguration") {
		t.Fatalf("get-bucket-website after delete: %v %s", err, out)
	}
	s.curl("cli", "/").want(t, "site after delete-bucket-website", 404, "NoSuchWebsiteConfiguration", "text/html")
}

// TestBucketWebsiteAPI: the SDK's calls, S3's error codes for documents
// it refuses, and the object redirect header.
func TestBucketWebsiteAPI(t *testing.T) {
	s := startSite(t)
	ctx := context.Background()
	b := "api"
	s.bucket(b, nil, "")
	code := func(err error) string {
		var ae smithy.APIError
		if errors.As(err, &ae) {
			return ae.ErrorCode()
		}
		return ""
	}
	if _, err := s.s3.GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: &b}); code(err) != "NoSuchWebsiteConfiguration" {
		t.Fatalf("GetBucketWebsite unset: %v", err)
	}
	for _, bad := range []*types.WebsiteConfiguration{
		{IndexDocument: &types.IndexDocument{Suffix: aws.String("a/index.html")}},
		{ErrorDocument: &types.ErrorDocument{Key: aws.String("e.html")}},
		{RedirectAllRequestsTo: &types.RedirectAllRequestsTo{HostName: aws.String("h")}, IndexDocument: &types.IndexDocument{Suffix: aws.String("i")}},
		{IndexDocument: &types.IndexDocument{Suffix: aws.String("i")}, RoutingRules: []types.RoutingRule{{
			Redirect: &types.Redirect{ReplaceKeyWith: aws.String("a"), ReplaceKeyPrefixWith: aws.String("b")}}}},
		{IndexDocument: &types.IndexDocument{Suffix: aws.String("i")}, RoutingRules: []types.RoutingRule{{
			Redirect: &types.Redirect{HttpRedirectCode: aws.String("200")}}}},
	} {
		_, err := s.s3.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: &b, WebsiteConfiguration: bad})
		if code(err) != "InvalidArgument" {
			t.Errorf("PutBucketWebsite %+v: %v, want InvalidArgument", bad, err)
		}
	}
	good := &types.WebsiteConfiguration{
		IndexDocument: &types.IndexDocument{Suffix: aws.String("index.html")},
		RoutingRules: []types.RoutingRule{{Condition: &types.Condition{KeyPrefixEquals: aws.String("a/")},
			Redirect: &types.Redirect{ReplaceKeyPrefixWith: aws.String(""), HttpRedirectCode: aws.String("307")}}},
	}
	if _, err := s.s3.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: &b, WebsiteConfiguration: good}); err != nil {
		t.Fatal(err)
	}
	got, err := s.s3.GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: &b})
	if err != nil || aws.ToString(got.IndexDocument.Suffix) != "index.html" || len(got.RoutingRules) != 1 ||
		aws.ToString(got.RoutingRules[0].Redirect.HttpRedirectCode) != "307" {
		t.Fatalf("GetBucketWebsite: %+v %v", got, err)
	}
	if _, err := s.s3.DeleteBucketWebsite(ctx, &s3.DeleteBucketWebsiteInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.s3.GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: &b}); code(err) != "NoSuchWebsiteConfiguration" {
		t.Fatalf("GetBucketWebsite after delete: %v", err)
	}

	// Another account may not configure the site.
	alt := testenv.S3Client(s.srv.URL(), testenv.AltAccessKey, testenv.AltSecretKey)
	if _, err := alt.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: &b, WebsiteConfiguration: good}); code(err) != "AccessDenied" {
		t.Fatalf("PutBucketWebsite by another account: %v", err)
	}

	// x-amz-website-redirect-location: checked, stored, returned.
	_, err = s.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("r"), Body: strings.NewReader(""),
		WebsiteRedirectLocation: aws.String("elsewhere")})
	if code(err) != "InvalidRedirectLocation" {
		t.Fatalf("PutObject with a bad redirect location: %v", err)
	}
	s.put(b, "r", "", "text/plain", func(in *s3.PutObjectInput) { in.WebsiteRedirectLocation = aws.String("/target") })
	head, err := s.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("r")})
	if err != nil || aws.ToString(head.WebsiteRedirectLocation) != "/target" {
		t.Fatalf("HeadObject: %v %v", head, err)
	}
}
