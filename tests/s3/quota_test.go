package s3test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/strata-storage/strata/internal/quota"
	"github.com/strata-storage/strata/internal/testenv"
)

// wantQuotaExceeded checks err is S3's QuotaExceeded with HTTP 403.
func wantQuotaExceeded(t *testing.T, what string, err error) {
	t.Helper()
	var re *smithyhttp.ResponseError
	if code(err) != "QuotaExceeded" || !errors.As(err, &re) || re.HTTPStatusCode() != 403 {
		t.Fatalf("%s: got %v, want QuotaExceeded 403", what, err)
	}
}

func TestUsageThroughS3(t *testing.T) {
	s, c, b := node(t, testenv.Options{Volumes: 3, Policy: "THREECOPIES"})
	big := randBytes(1<<20, 1)
	put(t, c, b, "a", big)
	if _, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &b, Key: aws.String("copy"), CopySource: aws.String(b + "/a")}); err != nil {
		t.Fatal(err)
	}
	put(t, c, b, "small", []byte("hello"))
	u, err := s.Objects.BucketUsage(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if u.Objects != 3 || u.LogicalBytes != 2<<20+5 || u.RawBytes["THREECOPIES"] != 6<<20 || u.RawBytes["INLINE"] != 5 {
		t.Fatalf("usage %+v", u)
	}
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &b, Key: aws.String("a")}); err != nil {
		t.Fatal(err)
	}
	if u, _ = s.Objects.BucketUsage(ctx, b); u.Objects != 2 || u.LogicalBytes != 1<<20+5 {
		t.Fatalf("after delete: %+v", u)
	}
}

func TestQuotaExceededS3(t *testing.T) {
	s, c, b := node(t, testenv.Options{})
	put(t, c, b, "one", randBytes(1<<20, 1))
	put(t, c, b, "two", randBytes(1<<20, 2))
	if err := s.Quotas().Set(ctx, quota.Quota{Scope: quota.Scope{Kind: quota.Bucket, Name: b},
		Limits: quota.Limits{MaxBytes: 8<<20 + 512<<10}}); err != nil {
		t.Fatal(err)
	}
	// CompleteMultipartUpload: each 5 MiB part fits in what is left
	// (6.5 MiB), the object does not.
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &b, Key: aws.String("mp")})
	if err != nil {
		t.Fatal(err)
	}
	var parts []types.CompletedPart
	for i := int32(1); i <= 2; i++ {
		p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &b, Key: aws.String("mp"), UploadId: up.UploadId,
			PartNumber: aws.Int32(i), Body: bytes.NewReader(randBytes(5<<20, int64(i)))})
		if err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
		parts = append(parts, types.CompletedPart{PartNumber: aws.Int32(i), ETag: p.ETag})
	}
	_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &b, Key: aws.String("mp"), UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}})
	wantQuotaExceeded(t, "complete", err)

	// Fill up to 8 MiB, then PUT, COPY and POST of 1 MiB are refused.
	for i := range 6 {
		put(t, c, b, fmt.Sprint("fill", i), randBytes(1<<20, int64(10+i)))
	}
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("over"), Body: bytes.NewReader(randBytes(1<<20, 3))})
	wantQuotaExceeded(t, "put", err)
	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &b, Key: aws.String("copy"), CopySource: aws.String(b + "/one")})
	wantQuotaExceeded(t, "copy", err)
	status, body := postRaw(t, s.URL(), b, "posted", randBytes(1<<20, 4))
	if status != 403 || !strings.Contains(body, "<Code>QuotaExceeded</Code>") {
		t.Fatalf("post: %d %s", status, body)
	}
	// What still fits is accepted, through each door.
	put(t, c, b, "fits", randBytes(100<<10, 5))
	if status, body := postRaw(t, s.URL(), b, "posted", randBytes(100<<10, 6)); status != 204 {
		t.Fatalf("post that fits: %d %s", status, body)
	}
	u, _ := s.Objects.BucketUsage(ctx, b)
	if u.LogicalBytes > 8<<20+512<<10 {
		t.Fatalf("usage %d beyond the quota", u.LogicalBytes)
	}
}

func TestAccountQuotaS3(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	alt := testenv.S3Client(s.URL(), testenv.AltAccessKey, testenv.AltSecretKey)
	if err := s.Quotas().Set(ctx, quota.Quota{Scope: quota.Scope{Kind: quota.Account, Name: "alt"},
		Limits: quota.Limits{MaxObjects: 2}}); err != nil {
		t.Fatal(err)
	}
	for _, b := range []string{"alt-a", "alt-b"} {
		if _, err := alt.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)}); err != nil {
			t.Fatal(err)
		}
	}
	put(t, alt, "alt-a", "1", []byte("x"))
	put(t, alt, "alt-b", "2", []byte("y"))
	_, err := alt.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("alt-b"), Key: aws.String("3"), Body: strings.NewReader("z")})
	wantQuotaExceeded(t, "third object of the account", err)
	// The root account has no quota.
	c := s.S3()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("rootb")}); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		put(t, c, "rootb", fmt.Sprint(i), []byte("r"))
	}
}

// postRaw sends a browser-form upload signed as the root user and
// returns the status and the response body.
func postRaw(t *testing.T, url, bucket, key string, data []byte) (int, string) {
	t.Helper()
	exp := time.Now().Add(time.Hour).UTC().Format("2006-01-02T15:04:05Z")
	policy := fmt.Sprintf(`{"expiration":%q,"conditions":[{"bucket":%q},["starts-with","$key",""]]}`, exp, bucket)
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for _, f := range signedPolicyFields(policy) {
		w.WriteField(f[0], f[1])
	}
	w.WriteField("key", key)
	fw, _ := w.CreateFormFile("file", "f")
	fw.Write(data)
	w.Close()
	resp, err := http.Post(url+"/"+bucket, w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// signedPolicyFields are the form fields signing policy with SigV2 as
// the root user.
func signedPolicyFields(policy string) [][2]string {
	p64 := base64.StdEncoding.EncodeToString([]byte(policy))
	m := hmac.New(sha1.New, []byte(testenv.SecretKey))
	m.Write([]byte(p64))
	return [][2]string{{"AWSAccessKeyId", testenv.AccessKey}, {"policy", p64},
		{"signature", base64.StdEncoding.EncodeToString(m.Sum(nil))}}
}
