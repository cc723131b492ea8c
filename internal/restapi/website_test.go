package restapi_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

const siteDoc = `<WebsiteConfiguration><IndexDocument><Suffix>index.html</Suffix></IndexDocument>` +
	`<ErrorDocument><Key>error.html</Key></ErrorDocument><RoutingRules><RoutingRule>` +
	`<Condition><KeyPrefixEquals>old/</KeyPrefixEquals></Condition><Redirect><ReplaceKeyPrefixWith>new/</ReplaceKeyPrefixWith></Redirect>` +
	`</RoutingRule></RoutingRules></WebsiteConfiguration>`

// TestWebsiteSetting: the website document set through the REST API is
// validated as PutBucketWebsite validates it, is what S3's
// GetBucketWebsite returns, and is what the website endpoint serves
// (index, error document, redirect rule); deleting it takes the site
// down.
func TestWebsiteSetting(t *testing.T) {
	s := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.WebsiteAddr = "127.0.0.1:0" }})
	ctx := context.Background()
	root := rootClient(t, s)
	root.ok("POST", "/buckets", restapi.NewBucket{Name: "site"}, nil)
	for k, v := range map[string]string{"index.html": "home page", "error.html": "oops page"} {
		if _, err := s.S3().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("site"), Key: aws.String(k), Body: strings.NewReader(v),
			ContentType: aws.String("text/html")}); err != nil {
			t.Fatal(err)
		}
	}
	root.ok("PUT", "/buckets/site/policy", restapi.Document{Document: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",` +
		`"Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::site","arn:aws:s3:::site/*"]}]}`}, nil)

	// Refused with S3's reason: neither an index document nor a redirect.
	e := root.fails("PUT", "/buckets/site/settings/website", restapi.Setting{Document: `<WebsiteConfiguration><ErrorDocument><Key>e.html</Key></ErrorDocument></WebsiteConfiguration>`},
		http.StatusBadRequest, "InvalidRequest")
	if !strings.Contains(e.Message, "IndexDocument") && !strings.Contains(e.Message, "InvalidArgument") {
		t.Fatalf("invalid website document refused with %+v", e)
	}
	root.fails("PUT", "/buckets/site/settings/website", restapi.Setting{Document: `<WebsiteConfiguration><IndexDocument><Suffix>a/b</Suffix></IndexDocument></WebsiteConfiguration>`},
		http.StatusBadRequest, "InvalidRequest")
	root.fails("GET", "/buckets/site/settings/website", nil, http.StatusNotFound, "NotFound")

	root.ok("PUT", "/buckets/site/settings/website", restapi.Setting{Document: siteDoc}, nil)
	var got restapi.Setting
	root.ok("GET", "/buckets/site/settings/website", nil, &got)
	if got.Setting != "website" || got.Document != siteDoc {
		t.Fatalf("website setting: %+v", got)
	}
	w, err := s.S3().GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: aws.String("site")})
	if err != nil || aws.ToString(w.IndexDocument.Suffix) != "index.html" || aws.ToString(w.ErrorDocument.Key) != "error.html" || len(w.RoutingRules) != 1 {
		t.Fatalf("S3 GetBucketWebsite: %+v %v", w, err)
	}

	base := "http://" + s.ProtocolAddr("website") + "/site/"
	if st, body, _ := fetch(t, base); st != 200 || body != "home page" {
		t.Fatalf("index: %d %q", st, body)
	}
	if st, body, _ := fetch(t, base+"missing.html"); st != 404 || body != "oops page" {
		t.Fatalf("error document: %d %q", st, body)
	}
	if st, _, loc := fetch(t, base+"old/page.html"); st != http.StatusMovedPermanently || !strings.HasSuffix(loc, "/new/page.html") {
		t.Fatalf("redirect rule: %d Location %q", st, loc)
	}

	root.ok("DELETE", "/buckets/site/settings/website", nil, nil)
	_, err = s.S3().GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: aws.String("site")})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "NoSuchWebsiteConfiguration" {
		t.Fatalf("GetBucketWebsite after the REST delete: %v", err)
	}
	if st, body, _ := fetch(t, base); st != 404 || body == "home page" {
		t.Fatalf("site after delete: %d %q", st, body)
	}
	root.ok("DELETE", "/buckets/site/settings/website", nil, nil) // deleting what is not set is no error
}

// fetch GETs u without following redirects.
func fetch(t *testing.T, u string) (int, string, string) {
	t.Helper()
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header.Get("Location")
}
