package s3test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

func TestVersioningLifecycle(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: &b,
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := 0; i < 3; i++ {
		out := put(t, c, b, "v", []byte(fmt.Sprint("version", i)))
		ids = append(ids, aws.ToString(out.VersionId))
	}
	got, _ := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: aws.String("v"), VersionId: &ids[0]})
	if string(got) != "version0" {
		t.Fatalf("v0 = %q", got)
	}
	del, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &b, Key: aws.String("v")})
	if err != nil || !aws.ToBool(del.DeleteMarker) {
		t.Fatalf("delete marker: %v %+v", err, del)
	}
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("v")})
	wantCode(t, err, "NoSuchKey")
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("v"), VersionId: del.VersionId})
	if err == nil || !strings.Contains(err.Error(), "405") {
		t.Fatalf("GET of a delete marker by id: %v, want 405", err)
	}
	lv, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: &b})
	if err != nil || len(lv.Versions) != 3 || len(lv.DeleteMarkers) != 1 || !aws.ToBool(lv.DeleteMarkers[0].IsLatest) {
		t.Fatalf("list versions: %v %d versions %d markers", err, len(lv.Versions), len(lv.DeleteMarkers))
	}
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &b, Key: aws.String("v"), VersionId: del.VersionId}); err != nil {
		t.Fatal(err)
	}
	got, _ = get(t, c, &s3.GetObjectInput{Bucket: &b, Key: aws.String("v")})
	if string(got) != "version2" {
		t.Fatalf("after removing the marker: %q", got)
	}
	// Suspended: a new write replaces only the null version.
	c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: &b,
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}})
	put(t, c, b, "v", []byte("null-a"))
	put(t, c, b, "v", []byte("null-b"))
	lv, _ = c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: &b})
	if len(lv.Versions) != 4 {
		t.Fatalf("suspended: %d versions, want 4", len(lv.Versions))
	}
	_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: &b})
	wantCode(t, err, "BucketNotEmpty")
}

func TestListingPaging(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	var want []string
	for i := 0; i < 250; i++ {
		k := fmt.Sprintf("dir%d/file %03d+ü", i%3, i)
		want = append(want, k)
		put(t, c, b, k, []byte("x"))
	}
	sort.Strings(want)
	var got []string
	pg := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: &b, MaxKeys: aws.Int32(37)})
	for pg.HasMorePages() {
		page, err := pg.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			got = append(got, aws.ToString(o.Key))
		}
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("paged v2 listing differs: %d keys", len(got))
	}
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &b, Delimiter: aws.String("/")})
	if err != nil || len(out.CommonPrefixes) != 3 || len(out.Contents) != 0 {
		t.Fatalf("delimiter: %v, %d prefixes", err, len(out.CommonPrefixes))
	}
	v1, err := c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: &b, Prefix: aws.String("dir1/"), Marker: aws.String("dir1/file 100"), MaxKeys: aws.Int32(5)})
	if err != nil || len(v1.Contents) != 5 || !aws.ToBool(v1.IsTruncated) || aws.ToString(v1.Contents[0].Key) != "dir1/file 100+ü" {
		t.Fatalf("v1 marker listing: %v %+v", err, v1.Contents)
	}
	enc, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &b, Prefix: aws.String("dir0/file 000"), EncodingType: types.EncodingTypeUrl})
	if err != nil || len(enc.Contents) != 1 {
		t.Fatalf("encoding-type=url: %v", err)
	}
}

func TestMultipartOutOfOrder(t *testing.T) {
	_, c, b := node(t, testenv.Options{Volumes: 3})
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &b, Key: aws.String("mp")})
	if err != nil {
		t.Fatal(err)
	}
	parts := [][]byte{randBytes(5<<20, 1), randBytes(5<<20, 2), randBytes(5<<20, 3), randBytes(777, 4)}
	done := make([]types.CompletedPart, len(parts))
	errs := make(chan error, len(parts))
	for i := len(parts) - 1; i >= 0; i-- {
		go func(i int) {
			out, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &b, Key: aws.String("mp"), UploadId: up.UploadId,
				PartNumber: aws.Int32(int32(i + 1)), Body: bytes.NewReader(parts[i])})
			if err == nil {
				done[i] = types.CompletedPart{PartNumber: aws.Int32(int32(i + 1)), ETag: out.ETag}
			}
			errs <- err
		}(i)
	}
	for range parts {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	lp, err := c.ListParts(ctx, &s3.ListPartsInput{Bucket: &b, Key: aws.String("mp"), UploadId: up.UploadId})
	if err != nil || len(lp.Parts) != 4 {
		t.Fatalf("list parts: %v", err)
	}
	_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &b, Key: aws.String("mp"), UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{done[1], done[0]}}})
	wantCode(t, err, "InvalidPartOrder")
	bad := done[0]
	bad.ETag = aws.String(`"00000000000000000000000000000000"`)
	_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &b, Key: aws.String("mp"), UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{bad, done[1]}}})
	wantCode(t, err, "InvalidPart")
	out, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &b, Key: aws.String("mp"), UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: done}})
	if err != nil {
		t.Fatal(err)
	}
	var md5s []byte
	for _, p := range parts {
		s := md5sum(p)
		md5s = append(md5s, s[:]...)
	}
	if want := fmt.Sprintf(`"%s-4"`, md5hex(md5s)); aws.ToString(out.ETag) != want {
		t.Fatalf("etag %s, want %s", aws.ToString(out.ETag), want)
	}
	got, _ := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: aws.String("mp")})
	if !bytes.Equal(got, bytes.Join(parts, nil)) {
		t.Fatal("assembled object differs")
	}
	p2, _ := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: aws.String("mp"), PartNumber: aws.Int32(2)})
	if !bytes.Equal(p2, parts[1]) {
		t.Fatal("partNumber=2 differs")
	}
	// Small non-last part.
	up2, _ := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &b, Key: aws.String("small")})
	var sp []types.CompletedPart
	for i := 1; i <= 2; i++ {
		o, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &b, Key: aws.String("small"), UploadId: up2.UploadId, PartNumber: aws.Int32(int32(i)), Body: strings.NewReader("tiny")})
		if err != nil {
			t.Fatal(err)
		}
		sp = append(sp, types.CompletedPart{PartNumber: aws.Int32(int32(i)), ETag: o.ETag})
	}
	_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &b, Key: aws.String("small"), UploadId: up2.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: sp}})
	wantCode(t, err, "EntityTooSmall")
	if _, err := c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: &b, Key: aws.String("small"), UploadId: up2.UploadId}); err != nil {
		t.Fatal(err)
	}
	_, err = c.ListParts(ctx, &s3.ListPartsInput{Bucket: &b, Key: aws.String("small"), UploadId: up2.UploadId})
	wantCode(t, err, "NoSuchUpload")
	// UploadPartCopy with a range.
	up3, _ := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &b, Key: aws.String("copied")})
	cp, err := c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: &b, Key: aws.String("copied"), UploadId: up3.UploadId, PartNumber: aws.Int32(1),
		CopySource: aws.String(b + "/mp"), CopySourceRange: aws.String("bytes=100-1099")})
	if err != nil {
		t.Fatal(err)
	}
	c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &b, Key: aws.String("copied"), UploadId: up3.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: cp.CopyPartResult.ETag}}}})
	got, _ = get(t, c, &s3.GetObjectInput{Bucket: &b, Key: aws.String("copied")})
	if !bytes.Equal(got, parts[0][100:1100]) {
		t.Fatal("upload part copy differs")
	}
}

func TestVirtualHostStyle(t *testing.T) {
	s := testenv.Start(t, testenv.Options{Domains: []string{"s3.strata.test"}})
	_, port, _ := net.SplitHostPort(s.Addr())
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, "127.0.0.1:"+port)
	}
	c := s3.New(s3.Options{BaseEndpoint: aws.String("http://s3.strata.test:" + port), Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(testenv.AccessKey, testenv.SecretKey, ""),
		HTTPClient:  &http.Client{Transport: &http.Transport{DialContext: dial}}})
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("vhost")}); err != nil {
		t.Fatal(err)
	}
	put(t, c, "vhost", "a/b", []byte("virtual"))
	got, _ := get(t, c, &s3.GetObjectInput{Bucket: aws.String("vhost"), Key: aws.String("a/b")})
	if string(got) != "virtual" {
		t.Fatalf("got %q", got)
	}
	// And the same object path-style.
	got, _ = get(t, s.S3(), &s3.GetObjectInput{Bucket: aws.String("vhost"), Key: aws.String("a/b")})
	if string(got) != "virtual" {
		t.Fatalf("path style got %q", got)
	}
}

func TestErrorsAndNotImplemented(t *testing.T) {
	s, _, b := node(t, testenv.Options{})
	do := func(method, path string) *http.Response {
		req, _ := http.NewRequest(method, s.URL()+path, nil)
		const empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
		req.Header.Set("X-Amz-Content-Sha256", empty)
		v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: testenv.AccessKey, SecretAccessKey: testenv.SecretKey}, req, empty, "s3", "us-east-1", time.Now())
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	for _, tc := range []struct {
		method, path, code string
		status             int
	}{
		{"GET", "/" + b + "/missing", "NoSuchKey", 404},
		{"GET", "/nosuchbucket/x", "NoSuchBucket", 404},
		{"PUT", "/" + b + "?logging", "NotImplemented", 501},
		{"PUT", "/" + b + "?website", "MalformedXML", 400},
		{"GET", "/" + b + "/x?select&select-type=2", "NotImplemented", 501},
		{"PUT", "/Bad_Name", "InvalidBucketName", 400},
	} {
		resp := do(tc.method, tc.path)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status || !strings.Contains(string(body), "<Code>"+tc.code+"</Code>") ||
			!strings.Contains(string(body), "<RequestId>") || resp.Header.Get("X-Amz-Request-Id") == "" {
			t.Errorf("%s %s: %d %s", tc.method, tc.path, resp.StatusCode, body)
		}
	}
}

func TestRestartKeepsEverything(t *testing.T) {
	s, c, b := node(t, testenv.Options{Volumes: 2})
	c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: &b,
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
	big := randBytes(3<<20, 8)
	v1 := put(t, c, b, "k", big)
	put(t, c, b, "k", []byte("small"))
	cfg := s.Config()
	s.Close()
	n, err := server.Start(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	c2 := testenv.S3Client(n.URL(), testenv.AccessKey, testenv.SecretKey)
	got, _ := get(t, c2, &s3.GetObjectInput{Bucket: &b, Key: aws.String("k"), VersionId: v1.VersionId})
	if !bytes.Equal(got, big) {
		t.Fatal("old version lost across restart")
	}
	got, _ = get(t, c2, &s3.GetObjectInput{Bucket: &b, Key: aws.String("k")})
	if string(got) != "small" {
		t.Fatal("latest version lost across restart")
	}
}

func TestStaleUploadsAreAborted(t *testing.T) {
	s, c, b := node(t, testenv.Options{})
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &b, Key: aws.String("stale")})
	if err != nil {
		t.Fatal(err)
	}
	c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &b, Key: aws.String("stale"), UploadId: up.UploadId, PartNumber: aws.Int32(1), Body: strings.NewReader("p")})
	n, err := s.Objects.CleanUploads(ctx, time.Now().Add(time.Minute))
	if err != nil || n != 1 {
		t.Fatalf("cleaned %d uploads: %v", n, err)
	}
	_, err = c.ListParts(ctx, &s3.ListPartsInput{Bucket: &b, Key: aws.String("stale"), UploadId: up.UploadId})
	wantCode(t, err, "NoSuchUpload")
}
