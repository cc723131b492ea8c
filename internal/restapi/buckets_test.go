package restapi_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestBucketSettings: settings set through the API are what S3 serves,
// and invalid documents are refused with S3's reason.
func TestBucketSettings(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	ctx := context.Background()
	root := rootClient(t, s)
	var b object.Bucket
	root.ok("POST", "/buckets", restapi.NewBucket{Name: "docs", Versioning: true}, &b)
	if b.Versioning != "Enabled" || b.Account != "root" {
		t.Fatalf("bucket: %+v", b)
	}
	root.fails("POST", "/buckets", restapi.NewBucket{Name: "Bad_Name"}, http.StatusBadRequest, "InvalidRequest")
	root.fails("POST", "/buckets", restapi.NewBucket{Name: "docs"}, http.StatusConflict, "AlreadyExists")
	var bs []object.Bucket
	root.ok("GET", "/buckets", nil, &bs)
	if len(bs) != 1 || bs[0].Name != "docs" {
		t.Fatalf("buckets: %+v", bs)
	}
	root.ok("PUT", "/buckets/docs/versioning", restapi.Versioning{Status: "Suspended"}, nil)
	v, err := s.S3().GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("docs")})
	if err != nil || v.Status != "Suspended" {
		t.Fatalf("S3 versioning: %v %v", v.Status, err)
	}
	// Policy: validated, with the reason.
	e := root.fails("PUT", "/buckets/docs/policy", restapi.Document{Document: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::other/*"}]}`},
		http.StatusBadRequest, "InvalidRequest")
	if !strings.Contains(e.Message, "MalformedPolicy") {
		t.Fatalf("policy error: %+v", e)
	}
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::docs/*"}]}`
	root.ok("PUT", "/buckets/docs/policy", restapi.Document{Document: pol}, nil)
	got, err := s.S3().GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("docs")})
	if err != nil || *got.Policy != pol {
		t.Fatalf("S3 policy: %v %v", got, err)
	}
	// A public policy under a public access block is refused.
	root.ok("DELETE", "/buckets/docs/policy", nil, nil)
	root.ok("PUT", "/buckets/docs/settings/public-access-block", restapi.Setting{Document: `<PublicAccessBlockConfiguration><BlockPublicPolicy>true</BlockPublicPolicy></PublicAccessBlockConfiguration>`}, nil)
	root.fails("PUT", "/buckets/docs/policy", restapi.Document{Document: pol}, http.StatusForbidden, "AccessDenied")
	// CORS round-trips to S3.
	cors := `<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`
	root.ok("PUT", "/buckets/docs/settings/cors", restapi.Setting{Document: cors}, nil)
	cr, err := s.S3().GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String("docs")})
	if err != nil || len(cr.CORSRules) != 1 || cr.CORSRules[0].AllowedOrigins[0] != "https://app.example" {
		t.Fatalf("S3 CORS: %+v %v", cr, err)
	}
	root.fails("PUT", "/buckets/docs/settings/cors", restapi.Setting{Document: `<CORSConfiguration/>`}, http.StatusBadRequest, "InvalidRequest")
	// Lifecycle rules get their IDs, as through S3.
	root.ok("PUT", "/buckets/docs/settings/lifecycle", restapi.Setting{Document: `<LifecycleConfiguration><Rule><Filter><Prefix>tmp/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>`}, nil)
	var lc restapi.Setting
	root.ok("GET", "/buckets/docs/settings/lifecycle", nil, &lc)
	if !strings.Contains(lc.Document, "<ID>") {
		t.Fatalf("lifecycle: %s", lc.Document)
	}
	root.ok("PUT", "/buckets/docs/settings/tagging", restapi.Setting{Document: `<Tagging><TagSet><Tag><Key>team</Key><Value>web</Value></Tag></TagSet></Tagging>`}, nil)
	tg, err := s.S3().GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String("docs")})
	if err != nil || len(tg.TagSet) != 1 || *tg.TagSet[0].Value != "web" {
		t.Fatalf("S3 tagging: %+v %v", tg, err)
	}
	root.ok("DELETE", "/buckets/docs/settings/tagging", nil, nil)
	root.fails("GET", "/buckets/docs/settings/tagging", nil, http.StatusNotFound, "NotFound")
	root.fails("PUT", "/buckets/docs/settings/notification", restapi.Setting{Document: `<NotificationConfiguration><QueueConfiguration><Queue>bad</Queue></QueueConfiguration></NotificationConfiguration>`}, http.StatusBadRequest, "InvalidRequest")
	root.fails("GET", "/buckets/nope/versioning", nil, http.StatusNotFound, "NotFound")
	// The storage policy of new objects changes; a bad one is refused.
	root.ok("PUT", "/buckets/docs/storage-policy", restapi.StoragePolicy{Policy: "TWOCOPIES"}, &b)
	if b.Policy != "TWOCOPIES" {
		t.Fatalf("storage policy: %+v", b)
	}
	root.fails("PUT", "/buckets/docs/storage-policy", restapi.StoragePolicy{Policy: "SEVENCOPIES"}, http.StatusBadRequest, "InvalidRequest")
}

// TestObjectListing pages through a folder with a continuation token and
// folds subfolders at the delimiter.
func TestObjectListing(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root := rootClient(t, s)
	root.ok("POST", "/buckets", restapi.NewBucket{Name: "many"}, nil)
	const n = 230
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			key := fmt.Sprintf("dir/f%04d", i)
			if i%10 == 0 {
				key = fmt.Sprintf("dir/sub%02d/x", i/10)
			}
			if _, err := s.S3().PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("many"), Key: aws.String(key), Body: strings.NewReader("x")}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	var keys, prefixes []string
	token, pages := "", 0
	for {
		var page restapi.Listing
		root.ok("GET", "/buckets/many/objects?prefix=dir/&delimiter=/&max=50&continuation="+token, nil, &page)
		pages++
		for _, o := range page.Objects {
			keys = append(keys, o.Key)
		}
		prefixes = append(prefixes, page.Prefixes...)
		if page.Next == "" {
			break
		}
		token = page.Next
	}
	if len(keys) != n-n/10 || len(prefixes) != n/10 || pages != 5 {
		t.Fatalf("%d keys, %d prefixes in %d pages", len(keys), len(prefixes), pages)
	}
	root.fails("GET", "/buckets/many/objects?max=5000", nil, http.StatusBadRequest, "InvalidRequest")
}
