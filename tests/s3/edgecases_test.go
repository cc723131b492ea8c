package s3test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/testenv"
)

// send performs a presigned request with extra (unsigned) headers.
func send(t *testing.T, p *v4.PresignedHTTPRequest, extra map[string]string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(p.Method, p.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range p.SignedHeader {
		req.Header[k] = v
	}
	for k, v := range extra {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func TestListEncodingTypeURL(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	for _, k := range []string{"foo+1/bar", "quux ab/x", "a\nb"} {
		put(t, c, b, k, []byte("x"))
	}
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &b, Delimiter: aws.String("/"), EncodingType: types.EncodingTypeUrl})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range out.CommonPrefixes {
		got = append(got, aws.ToString(p.Prefix))
	}
	for _, o := range out.Contents {
		got = append(got, aws.ToString(o.Key))
	}
	if want := "foo%2B1/ quux%20ab/ a%0Ab"; strings.Join(got, " ") != want {
		t.Fatalf("encoded names %q, want %q", strings.Join(got, " "), want)
	}
	// ListObjects (v1) returns the Prefix as sent; clients decode only names and markers.
	v1, err := c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: &b, Prefix: aws.String("\n"), EncodingType: types.EncodingTypeUrl})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(v1.Prefix) != "\n" || len(v1.Contents) != 0 {
		t.Fatalf("v1 prefix %q, %d keys", aws.ToString(v1.Prefix), len(v1.Contents))
	}
}

func TestGetPartNumberOutOfRange(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	put(t, c, b, "single", []byte("body"))
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("single"), PartNumber: aws.Int32(2)})
	wantCode(t, err, "InvalidPart")
	got, _ := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: aws.String("single"), PartNumber: aws.Int32(1)})
	if string(got) != "body" {
		t.Fatalf("part 1 of a single-part object: %q", got)
	}
}

func TestCompleteRepeatedPartNumberLastWins(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	key := aws.String("mp")
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &b, Key: key})
	if err != nil {
		t.Fatal(err)
	}
	var parts []types.CompletedPart
	for _, body := range []string{"BBBBBBBB", "AAAAAAAA"} {
		p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &b, Key: key, UploadId: up.UploadId, PartNumber: aws.Int32(1), Body: strings.NewReader(body)})
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, types.CompletedPart{ETag: p.ETag, PartNumber: aws.Int32(1)})
	}
	_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &b, Key: key, UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: key}); string(got) != "AAAAAAAA" {
		t.Fatalf("object %q, want the part uploaded last", got)
	}
}

func TestNotModifiedHasNoChecksumAndMissHeader(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("k"), Body: bytes.NewReader([]byte("bar")),
		ChecksumAlgorithm: types.ChecksumAlgorithmCrc32})
	if err != nil {
		t.Fatal(err)
	}
	pc := s3.NewPresignClient(c)
	p, err := pc.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	resp := send(t, p, map[string]string{"If-None-Match": aws.ToString(out.ETag), "X-Amz-Checksum-Mode": "ENABLED"})
	if resp.StatusCode != http.StatusNotModified || resp.Header.Get("ETag") != aws.ToString(out.ETag) {
		t.Fatalf("If-None-Match: %d etag %q", resp.StatusCode, resp.Header.Get("ETag"))
	}
	if v := resp.Header.Get("X-Amz-Checksum-Crc32"); v != "" {
		t.Fatalf("304 carries a checksum header %q", v)
	}
	if resp := send(t, p, map[string]string{"X-Amz-Checksum-Mode": "ENABLED"}); resp.Header.Get("X-Amz-Checksum-Crc32") == "" {
		t.Fatal("200 lost its checksum header")
	}
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &b, Key: aws.String("k")}); err != nil {
		t.Fatal(err)
	}
	h, err := pc.PresignHeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	if resp := send(t, h, nil); resp.StatusCode != 404 || resp.Header.Get("X-Amz-Delete-Marker") != "false" {
		t.Fatalf("HEAD of a deleted key, unversioned bucket: %d delete-marker %q", resp.StatusCode, resp.Header.Get("X-Amz-Delete-Marker"))
	}
}

func TestRecreateBucketWithACL(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}); err != nil {
		t.Fatalf("plain re-create by the owner: %v", err)
	}
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b, ACL: types.BucketCannedACLPublicRead})
	wantCode(t, err, "BucketAlreadyExists")
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("pub"), ACL: types.BucketCannedACLPublicRead}); err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("pub")})
	wantCode(t, err, "BucketAlreadyExists")
}

func TestLifecycleIDsAndDates(t *testing.T) {
	srv, c, b := node(t, testenv.Options{})
	rule := func(prefix string, days int32) types.LifecycleRule {
		return types.LifecycleRule{Status: types.ExpirationStatusEnabled, Filter: &types.LifecycleRuleFilter{Prefix: aws.String(prefix)},
			Expiration: &types.LifecycleExpiration{Days: aws.Int32(days)}}
	}
	_, err := c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: &b,
		LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{rule("a/", 31), rule("b/", 120)}}})
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: &b})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Rules) != 2 {
		t.Fatalf("%d rules", len(out.Rules))
	}
	for _, r := range out.Rules {
		if aws.ToString(r.ID) == "" || r.Expiration == nil || aws.ToInt32(r.Expiration.Days) == 0 {
			t.Fatalf("rule without ID or expiration: %+v", r)
		}
	}
	for _, d := range []string{"20200101", "2020-01-01T12:00:00Z"} {
		body := `<LifecycleConfiguration><Rule><ID>r</ID><Filter><Prefix>x/</Prefix></Filter><Status>Enabled</Status>` +
			`<Expiration><Date>` + d + `</Date></Expiration></Rule></LifecycleConfiguration>`
		_, err := testenv.Admin(ctx, srv.URL(), http.MethodPut, "/"+b+"?lifecycle", []byte(body))
		if err == nil || !strings.Contains(err.Error(), "400") {
			t.Fatalf("expiration date %q: %v, want 400", d, err)
		}
	}
}

func TestCORSActualRequestNamesMethod(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	_, err := c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: &b, CORSConfiguration: &types.CORSConfiguration{CORSRules: []types.CORSRule{
		{AllowedMethods: []string{"GET"}, AllowedOrigins: []string{"*suffix"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s3.NewPresignClient(c).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("none")})
	if err != nil {
		t.Fatal(err)
	}
	resp := send(t, p, map[string]string{"Origin": "foo.suffix"})
	if resp.StatusCode != 404 || resp.Header.Get("Access-Control-Allow-Origin") != "foo.suffix" {
		t.Fatalf("GET: %d allow-origin %q", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
	}
	for method, want := range map[string]string{"GET": "foo.suffix", "PUT": ""} {
		pp, err := s3.NewPresignClient(c).PresignPutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("o")})
		if err != nil {
			t.Fatal(err)
		}
		resp := send(t, pp, map[string]string{"Origin": "foo.suffix", "Access-Control-Request-Method": method})
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != want {
			t.Fatalf("PUT naming %s: allow-origin %q, want %q", method, got, want)
		}
	}
}

func TestUnparsableKeyIsInvalidURI(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("\u00ae\u008a-")})
	wantCode(t, err, "InvalidURI")
	put(t, c, b, "caf\u00e9 \u00ae", []byte("x")) // ordinary non-ASCII keys are fine
}

func TestCreateBucketObjectOwnership(t *testing.T) {
	_, c, _ := node(t, testenv.Options{})
	for _, o := range []types.ObjectOwnership{types.ObjectOwnershipBucketOwnerEnforced, types.ObjectOwnershipObjectWriter} {
		name := strings.ToLower("own-" + string(o))
		if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &name, ObjectOwnership: o}); err != nil {
			t.Fatal(err)
		}
		out, err := c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: &name})
		if err != nil {
			t.Fatal(err)
		}
		if r := out.OwnershipControls.Rules; len(r) != 1 || r[0].ObjectOwnership != o {
			t.Fatalf("%s: rules %+v", o, r)
		}
	}
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("own-bad"), ObjectOwnership: "Nobody"})
	wantCode(t, err, "InvalidArgument")
	if _, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("own-bad")}); err == nil {
		t.Fatal("bucket created despite a bad ownership header")
	}
}
