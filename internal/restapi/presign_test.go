package restapi_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestPresignAndVersions: share links work for anyone until they expire,
// carry only the caller's rights, and versions list newest first.
func TestPresignAndVersions(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root := rootClient(t, s)
	root.ok("POST", "/buckets", restapi.NewBucket{Name: "share", Versioning: true}, nil)
	key := "dir/a file+x.txt"
	for _, body := range []string{"one", "two"} {
		if _, err := s.S3().PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("share"), Key: aws.String(key), Body: strings.NewReader(body)}); err != nil {
			t.Fatal(err)
		}
	}
	var link restapi.Presigned
	root.ok("POST", "/buckets/share/presign", restapi.PresignRequest{Key: key, Expires: 600}, &link)
	resp, err := http.Get(link.URL)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(got) != "two" {
		t.Fatalf("GET %s: %d %s", link.URL, resp.StatusCode, got)
	}
	root.ok("POST", "/buckets/share/presign", restapi.PresignRequest{Key: "up.txt", Method: "PUT"}, &link)
	req, _ := http.NewRequest(http.MethodPut, link.URL, strings.NewReader("uploaded"))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("PUT through a share link: %v %v", resp.Status, err)
	}
	root.fails("POST", "/buckets/share/presign", restapi.PresignRequest{Key: key, Expires: 8 * 24 * 3600}, http.StatusBadRequest, "InvalidRequest")

	// A read-only user may share for reading, not for writing.
	root.ok("POST", "/users", restapi.NewUser{Name: "ro"}, nil)
	root.ok("POST", "/users/ro/policies/attached", restapi.PolicyRef{ARN: iam.BuiltinARN("AmazonS3ReadOnlyAccess")}, nil)
	var k restapi.NewKey
	root.ok("POST", "/users/ro/keys", nil, &k)
	ro := root.as(k.AccessKey, k.SecretKey)
	ro.ok("POST", "/buckets/share/presign", restapi.PresignRequest{Key: key}, &link)
	ro.fails("POST", "/buckets/share/presign", restapi.PresignRequest{Key: key, Method: "PUT"}, http.StatusForbidden, "AccessDenied")

	var vs restapi.Versions
	root.ok("GET", "/buckets/share/versions?prefix=dir/", nil, &vs)
	if len(vs.Versions) != 2 || !vs.Versions[0].IsLatest || vs.Versions[0].Size != 3 || vs.Versions[1].IsLatest {
		t.Fatalf("versions: %+v", vs)
	}
}
