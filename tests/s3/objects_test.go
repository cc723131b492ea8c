package s3test

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/minio/minio-go/v7"

	"github.com/strata-storage/strata/internal/testenv"
)

func TestPutGetSizes(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	for _, n := range []int{0, 1, 64 << 10, 64<<10 + 1, 3 << 20} {
		data := randBytes(n, int64(n))
		key := fmt.Sprintf("size/%d", n)
		out := put(t, c, b, key, data)
		if got := strings.Trim(aws.ToString(out.ETag), `"`); got != md5hex(data) {
			t.Fatalf("%d: etag %s, want md5 %s", n, got, md5hex(data))
		}
		got, _ := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: &key})
		if !bytes.Equal(got, data) {
			t.Fatalf("%d bytes: read back differs", n)
		}
	}
}

func TestMetadataAndHeaders(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("m"), Body: strings.NewReader("x"),
		ContentType: aws.String("text/plain"), ContentEncoding: aws.String("identity"), ContentDisposition: aws.String("attachment"),
		CacheControl: aws.String("no-cache"), ContentLanguage: aws.String("fr"), Metadata: map[string]string{"color": "blue", "Size": "L"}})
	if err != nil {
		t.Fatal(err)
	}
	h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("m")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(h.ContentType) != "text/plain" || aws.ToString(h.ContentDisposition) != "attachment" ||
		aws.ToString(h.CacheControl) != "no-cache" || aws.ToString(h.ContentLanguage) != "fr" ||
		h.Metadata["color"] != "blue" || h.Metadata["size"] != "L" {
		t.Fatalf("headers not kept: %+v %v", h, h.Metadata)
	}
}

func TestContentMD5(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	data := []byte("hello md5")
	sum := md5.Sum(data)
	good := base64.StdEncoding.EncodeToString(sum[:])
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("ok"), Body: bytes.NewReader(data), ContentMD5: &good}); err != nil {
		t.Fatal(err)
	}
	bad := base64.StdEncoding.EncodeToString(make([]byte, 16))
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("bad"), Body: bytes.NewReader(data), ContentMD5: &bad})
	wantCode(t, err, "BadDigest")
	_, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("bad")})
	if err == nil {
		t.Fatal("object with a bad digest is visible")
	}
}

func TestRanges(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	data := randBytes(200000, 3)
	put(t, c, b, "r", data)
	for rng, want := range map[string][]byte{"bytes=0-9": data[:10], "bytes=199990-": data[199990:], "bytes=-5": data[len(data)-5:], "bytes=100-199999999": data[100:]} {
		got, out := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: aws.String("r"), Range: aws.String(rng)})
		if !bytes.Equal(got, want) || out.ContentRange == nil {
			t.Fatalf("%s: wrong bytes or no Content-Range", rng)
		}
	}
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("r"), Range: aws.String("bytes=300000-")})
	wantCode(t, err, "InvalidRange")
}

func TestConditionalRequests(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	out := put(t, c, b, "c", []byte("v1"))
	etag := aws.ToString(out.ETag)
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("c"), IfMatch: aws.String(`"nope"`)})
	wantCode(t, err, "PreconditionFailed")
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("c"), IfNoneMatch: &etag})
	if err == nil || !strings.Contains(err.Error(), "304") {
		t.Fatalf("If-None-Match on the current ETag: %v, want 304", err)
	}
	past := time.Now().Add(-time.Hour)
	future := time.Now().Add(time.Hour)
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("c"), IfUnmodifiedSince: &past})
	wantCode(t, err, "PreconditionFailed")
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("c"), IfModifiedSince: &future})
	if err == nil || !strings.Contains(err.Error(), "304") {
		t.Fatalf("If-Modified-Since in the future: %v, want 304", err)
	}
	// Conditional create: exactly one of many racers wins.
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins, fails := 0, 0
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("race"), Body: strings.NewReader(fmt.Sprint(i)), IfNoneMatch: aws.String("*")})
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				wins++
			} else if code(err) == "PreconditionFailed" {
				fails++
			} else {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	if wins != 1 || fails != 7 {
		t.Fatalf("conditional create: %d wins, %d precondition failures", wins, fails)
	}
}

func TestDeleteObjects(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	var ids []types.ObjectIdentifier
	for i := 0; i < 10; i++ {
		k := fmt.Sprintf("d/%d", i)
		put(t, c, b, k, []byte(k))
		ids = append(ids, types.ObjectIdentifier{Key: aws.String(k)})
	}
	ids = append(ids, types.ObjectIdentifier{Key: aws.String("missing")})
	out, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: &b, Delete: &types.Delete{Objects: ids}})
	if err != nil || len(out.Deleted) != 11 || len(out.Errors) != 0 {
		t.Fatalf("delete objects: %v, %d deleted, %d errors", err, len(out.Deleted), len(out.Errors))
	}
	l, _ := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &b})
	if len(l.Contents) != 0 {
		t.Fatalf("%d objects left", len(l.Contents))
	}
}

func TestCopyObject(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	data := randBytes(300000, 9)
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("src"), Body: bytes.NewReader(data), Metadata: map[string]string{"a": "1"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &b, Key: aws.String("dst"), CopySource: aws.String(b + "/src")}); err != nil {
		t.Fatal(err)
	}
	got, out := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: aws.String("dst")})
	if !bytes.Equal(got, data) || out.Metadata["a"] != "1" {
		t.Fatal("copy with COPY directive lost data or metadata")
	}
	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &b, Key: aws.String("dst2"), CopySource: aws.String(b + "/src"),
		MetadataDirective: types.MetadataDirectiveReplace, Metadata: map[string]string{"b": "2"}})
	if err != nil {
		t.Fatal(err)
	}
	h, _ := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("dst2")})
	if h.Metadata["b"] != "2" || h.Metadata["a"] != "" {
		t.Fatalf("REPLACE directive: %v", h.Metadata)
	}
	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &b, Key: aws.String("src"), CopySource: aws.String(b + "/src")})
	wantCode(t, err, "InvalidRequest")
}

func TestPresignedURL(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	put(t, c, b, "p", []byte("presigned body"))
	ps := s3.NewPresignClient(c)
	req, err := ps.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("p")}, s3.WithPresignExpires(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(req.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "presigned body" {
		t.Fatalf("presigned GET: %d %q", resp.StatusCode, body)
	}
	preq, _ := ps.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("pp")}, s3.WithPresignExpires(time.Minute))
	hreq, _ := http.NewRequest(http.MethodPut, preq.URL, strings.NewReader("via presigned put"))
	resp, err = http.DefaultClient.Do(hreq)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("presigned PUT: %v %v", err, resp.Status)
	}
	tampered := strings.Replace(req.URL, "X-Amz-Signature=", "X-Amz-Signature=0", 1)
	resp, _ = http.Get(tampered)
	if resp.StatusCode != 403 {
		t.Fatalf("tampered presigned URL: %d, want 403", resp.StatusCode)
	}
}

func TestAuthErrors(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	_, err := testenv.S3Client(s.URL(), testenv.AccessKey, "wrong-secret").ListBuckets(ctx, &s3.ListBucketsInput{})
	wantCode(t, err, "SignatureDoesNotMatch")
	_, err = testenv.S3Client(s.URL(), "NOSUCHKEY", "x").ListBuckets(ctx, &s3.ListBucketsInput{})
	wantCode(t, err, "InvalidAccessKeyId")
	resp, _ := http.Get(s.URL() + "/")
	if resp.StatusCode != 403 || resp.Header.Get("X-Amz-Request-Id") == "" {
		t.Fatalf("anonymous ListBuckets: %d", resp.StatusCode)
	}
}

func TestMinioStreamingUpload(t *testing.T) {
	s, c, b := node(t, testenv.Options{})
	mc := s.Minio(t)
	data := randBytes(5<<20+123, 4)
	// Known size over plain HTTP: minio-go signs every chunk (STREAMING-AWS4-HMAC-SHA256-PAYLOAD).
	if _, err := mc.PutObject(ctx, b, "stream", bytes.NewReader(data), int64(len(data)), minio.PutObjectOptions{DisableMultipart: true}); err != nil {
		t.Fatal(err)
	}
	got, _ := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: aws.String("stream")})
	if !bytes.Equal(got, data) {
		t.Fatal("streamed upload differs")
	}
	// Unknown size: multipart with streaming parts.
	big := randBytes(20<<20, 5)
	if _, err := mc.PutObject(ctx, b, "unknown", bytes.NewReader(big), -1, minio.PutObjectOptions{PartSize: 5 << 20}); err != nil {
		t.Fatal(err)
	}
	obj, err := mc.GetObject(ctx, b, "unknown", minio.GetObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	back, _ := io.ReadAll(obj)
	if !bytes.Equal(back, big) {
		t.Fatal("multipart streamed upload differs")
	}
}

func TestChecksums(t *testing.T) {
	_, c, b := node(t, testenv.Options{})
	for _, alg := range []types.ChecksumAlgorithm{types.ChecksumAlgorithmCrc32, types.ChecksumAlgorithmCrc32c, types.ChecksumAlgorithmSha256, types.ChecksumAlgorithmCrc64nvme, types.ChecksumAlgorithmSha1} {
		key := "ck-" + string(alg)
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: &key, Body: bytes.NewReader(randBytes(100000, 1)), ChecksumAlgorithm: alg})
		if err != nil {
			t.Fatalf("%s: %v", alg, err)
		}
		_, out := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: &key, ChecksumMode: types.ChecksumModeEnabled})
		if out.ChecksumCRC32 == nil && out.ChecksumCRC32C == nil && out.ChecksumSHA256 == nil && out.ChecksumCRC64NVME == nil && out.ChecksumSHA1 == nil {
			t.Fatalf("%s: checksum not returned", alg)
		}
	}
	// A wrong checksum header is refused.
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("badck"), Body: strings.NewReader("abc"),
		ChecksumCRC32: aws.String("AAAAAA==")})
	if code(err) != "BadDigest" && code(err) != "InvalidRequest" {
		t.Fatalf("wrong crc32: %v", err)
	}
}
