package s3test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/minio/minio-go/v7"

	"github.com/strata-storage/strata/internal/testenv"
)

// rawError sends a signed request as accessKey and returns the S3
// error code and message of the answer.
func rawError(t *testing.T, method, url, accessKey, secretKey string, hdr map[string]string) (string, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	const empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	req.Header.Set("X-Amz-Content-Sha256", empty)
	v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: accessKey, SecretAccessKey: secretKey}, req, empty, "s3", "us-east-1", time.Now())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e struct{ Code, Message string }
	b, _ := io.ReadAll(resp.Body)
	xml.Unmarshal(b, &e)
	return e.Code, e.Message
}

// TestAWSErrorMessages checks messages clients and suites compare word
// for word with AWS's.
func TestAWSErrorMessages(t *testing.T) {
	s, c, bucket := node(t, testenv.Options{})
	put(t, c, bucket, "k", []byte("x"))
	u := s.URL() + "/"
	ak, sk := testenv.AccessKey, testenv.SecretKey
	for _, tc := range []struct {
		method, path, ak, sk string
		hdr                  map[string]string
		code, msg            string
	}{
		{"GET", "nosuchbucket", ak, sk, nil, "NoSuchBucket", "The specified bucket does not exist"},
		{"GET", bucket + "/missing", ak, sk, nil, "NoSuchKey", "The specified key does not exist."},
		{"GET", bucket, testenv.AltAccessKey, testenv.AltSecretKey, nil, "AccessDenied", "Access Denied"},
		{"DELETE", bucket, ak, sk, nil, "BucketNotEmpty", "The bucket you tried to delete is not empty"},
		{"GET", bucket + "/k?uploadId=00", ak, sk, nil, "NoSuchUpload",
			"The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."},
		{"GET", bucket + "/k", ak, sk, map[string]string{"If-Match": `"0"`}, "PreconditionFailed",
			"At least one of the pre-conditions you specified did not hold"},
		{"PUT", bucket + "?logging", ak, sk, nil, "NotImplemented", "A header you provided implies functionality that is not implemented"},
	} {
		code, msg := rawError(t, tc.method, u+tc.path, tc.ak, tc.sk, tc.hdr)
		if code != tc.code || msg != tc.msg {
			t.Errorf("%s %s: %s %q, want %s %q", tc.method, tc.path, code, msg, tc.code, tc.msg)
		}
	}
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: aws.String("k"), Body: strings.NewReader("y"),
		ChecksumCRC32: aws.String("AAAAAA==")})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorMessage() != "The CRC32 you specified did not match the calculated checksum." {
		t.Fatalf("wrong CRC32: %v", err)
	}
}

// TestPostObjectLocation: a browser upload answers with an absolute
// Location (scheme and host of the request), in the header and in the
// 201 document.
func TestPostObjectLocation(t *testing.T) {
	s, _, bucket := node(t, testenv.Options{})
	mc := s.Minio(t)
	for _, status := range []string{"201", "204"} {
		p := minio.NewPostPolicy()
		p.SetBucket(bucket)
		p.SetKey("dir/up " + status)
		p.SetExpires(time.Now().Add(time.Hour))
		p.SetSuccessStatusAction(status)
		u, fields, err := mc.PresignedPostPolicy(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		for k, v := range fields {
			w.WriteField(k, v)
		}
		fw, _ := w.CreateFormFile("file", "f.txt")
		fw.Write([]byte("posted"))
		w.Close()
		resp, err := http.Post(u.String(), w.FormDataContentType(), &body)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		want := s.URL() + "/" + bucket + "/dir%2Fup%20" + status
		if resp.Header.Get("Location") != want {
			t.Fatalf("status %d Location %q, want %q (%s)", resp.StatusCode, resp.Header.Get("Location"), want, b)
		}
		if status == "201" {
			var doc struct{ Location string }
			if err := xml.Unmarshal(b, &doc); err != nil || doc.Location != want {
				t.Fatalf("201 document Location %q (%v), want %q", doc.Location, err, want)
			}
		}
	}
}

// TestListMultipartUploadsEncodingType: encoding-type=url is applied to
// the keys and echoed.
func TestListMultipartUploadsEncodingType(t *testing.T) {
	_, c, bucket := node(t, testenv.Options{})
	if _, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &bucket, Key: aws.String("a b+c")}); err != nil {
		t.Fatal(err)
	}
	out, err := c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: &bucket, EncodingType: types.EncodingTypeUrl})
	if err != nil {
		t.Fatal(err)
	}
	if out.EncodingType != types.EncodingTypeUrl || len(out.Uploads) != 1 || aws.ToString(out.Uploads[0].Key) != "a%20b%2Bc" {
		t.Fatalf("encoding type %q uploads %+v", out.EncodingType, out.Uploads)
	}
}

// TestCORSAllowCredentials: a rule naming its origins allows credentials
// (preflight and actual request), a "*" rule does not, as in S3.
func TestCORSAllowCredentials(t *testing.T) {
	s, c, bucket := node(t, testenv.Options{})
	_, err := c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: &bucket, CORSConfiguration: &types.CORSConfiguration{
		CORSRules: []types.CORSRule{
			{AllowedOrigins: []string{"http://app.example"}, AllowedMethods: []string{"GET", "PUT"}, AllowedHeaders: []string{"*"}},
			{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"HEAD"}},
		}}})
	if err != nil {
		t.Fatal(err)
	}
	put(t, c, bucket, "k", []byte("x"))
	preflight := func(origin, method string) http.Header {
		req, _ := http.NewRequest(http.MethodOptions, s.URL()+"/"+bucket+"/k", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", method)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("preflight %s %s: %d", origin, method, resp.StatusCode)
		}
		return resp.Header
	}
	if h := preflight("http://app.example", "PUT"); h.Get("Access-Control-Allow-Credentials") != "true" || h.Get("Access-Control-Allow-Origin") != "http://app.example" {
		t.Fatalf("named origin preflight: %v", h)
	}
	if h := preflight("http://other.example", "HEAD"); h.Get("Access-Control-Allow-Credentials") != "" || h.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("wildcard preflight: %v", h)
	}
	// The actual request carries the same headers.
	req, _ := http.NewRequest(http.MethodGet, s.URL()+"/"+bucket+"/k", nil)
	req.Header.Set("Origin", "http://app.example")
	const empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	req.Header.Set("X-Amz-Content-Sha256", empty)
	v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: testenv.AccessKey, SecretAccessKey: testenv.SecretKey}, req, empty, "s3", "us-east-1", time.Now())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Credentials") != "true" {
		t.Fatalf("GET with Origin: %d %v", resp.StatusCode, resp.Header)
	}
}

// TestExpectOtherThanContinue: AWS serves a request whose Expect header
// is not 100-continue (s3-tests sends "Expect: 200"); net/http alone
// answers 417 before any handler runs.
func TestExpectOtherThanContinue(t *testing.T) {
	s, c, bucket := node(t, testenv.Options{})
	for i, expect := range []string{"200", "nonsense", "100-continue"} {
		body := []byte(strings.Repeat("expect ", i+1))
		req, _ := http.NewRequest(http.MethodPut, s.URL()+"/"+bucket+"/k", bytes.NewReader(body))
		req.Header.Set("Expect", expect)
		req.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
		v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: testenv.AccessKey, SecretAccessKey: testenv.SecretKey},
			req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now())
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("PUT with Expect: %s: %d %s", expect, resp.StatusCode, msg)
		}
		if got, _ := get(t, c, &s3.GetObjectInput{Bucket: &bucket, Key: aws.String("k")}); !bytes.Equal(got, body) {
			t.Fatalf("after PUT with Expect: %s: read %q, want %q", expect, got, body)
		}
	}
}

// TestDeleteBucketWithUploads: as on AWS, multipart uploads in progress
// do not keep a bucket without objects from being deleted (they are
// aborted); a bucket with an object is not empty and keeps its uploads.
func TestDeleteBucketWithUploads(t *testing.T) {
	_, c, bucket := node(t, testenv.Options{})
	start := func(key string) string {
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &bucket, Key: aws.String(key)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &bucket, Key: aws.String(key), UploadId: up.UploadId,
			PartNumber: aws.Int32(1), Body: strings.NewReader("part")}); err != nil {
			t.Fatal(err)
		}
		return aws.ToString(up.UploadId)
	}
	start("a")
	put(t, c, bucket, "k", []byte("x"))
	_, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: &bucket})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "BucketNotEmpty" {
		t.Fatalf("delete with an object and an upload: %v", err)
	}
	ups, err := c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: &bucket})
	if err != nil || len(ups.Uploads) != 1 {
		t.Fatalf("uploads after a refused delete: %v %v", ups, err)
	}
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &bucket, Key: aws.String("k")}); err != nil {
		t.Fatal(err)
	}
	start("b")
	if _, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: &bucket}); err != nil {
		t.Fatalf("delete with uploads only: %v", err)
	}
	if _, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: &bucket}); err == nil {
		t.Fatal("bucket still there")
	}
}

// TestContentEncodingKept: aws-chunked is dropped from Content-Encoding
// (it describes the transfer), the other codings come back as a list in
// the usual "a, b" form.
func TestContentEncodingKept(t *testing.T) {
	_, c, bucket := node(t, testenv.Options{})
	for in, want := range map[string]string{"gzip": "gzip", "deflate, gzip": "deflate, gzip",
		"gzip, aws-chunked": "gzip", "aws-chunked,deflate,gzip": "deflate, gzip"} {
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: aws.String("e"), Body: strings.NewReader("x"),
			ContentEncoding: aws.String(in)}); err != nil {
			t.Fatal(err)
		}
		h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bucket, Key: aws.String("e")})
		if err != nil {
			t.Fatal(err)
		}
		if got := aws.ToString(h.ContentEncoding); got != want {
			t.Errorf("Content-Encoding %q: stored %q, want %q", in, got, want)
		}
	}
}
