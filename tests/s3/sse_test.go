package s3test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// TestSSEModes: PUT, GET, HEAD and ranged GETs for each mode, at sizes
// that are inline, one package, and many packages with a ragged end.
func TestSSEModes(t *testing.T) {
	_, c, b := sseNode(t)
	for _, m := range sseModes() {
		for _, size := range []int{0, 100, 64 << 10, 1<<20 + 12345} {
			key := fmt.Sprintf("%s-%d", m.name, size)
			data := randBytes(size, int64(size))
			in := &s3.PutObjectInput{Bucket: &b, Key: &key, Body: bytes.NewReader(data)}
			m.put(in)
			pout, err := c.PutObject(ctx, in)
			if err != nil {
				t.Fatalf("%s: put: %v", key, err)
			}
			checkSSEOut(t, key, m.name, pout.ServerSideEncryption, pout.SSEKMSKeyId, pout.SSECustomerAlgorithm)
			if m.name == "SSE-S3" && aws.ToString(pout.ETag) != `"`+md5hex(data)+`"` {
				t.Fatalf("%s: ETag %s, want the MD5 of the plaintext", key, aws.ToString(pout.ETag))
			}
			gin := &s3.GetObjectInput{Bucket: &b, Key: &key}
			m.get(gin)
			got, gout := get(t, c, gin)
			if !bytes.Equal(got, data) {
				t.Fatalf("%s: GET returned %d bytes, not what was written", key, len(got))
			}
			checkSSEOut(t, key, m.name, gout.ServerSideEncryption, gout.SSEKMSKeyId, gout.SSECustomerAlgorithm)
			hin := &s3.HeadObjectInput{Bucket: &b, Key: &key}
			m.head(hin)
			hout, err := c.HeadObject(ctx, hin)
			if err != nil {
				t.Fatalf("%s: head: %v", key, err)
			}
			if aws.ToInt64(hout.ContentLength) != int64(size) {
				t.Fatalf("%s: HEAD Content-Length %d, want the plaintext size %d", key, aws.ToInt64(hout.ContentLength), size)
			}
			checkSSEOut(t, key, m.name, hout.ServerSideEncryption, hout.SSEKMSKeyId, hout.SSECustomerAlgorithm)
			if size == 0 {
				continue
			}
			for _, r := range [][2]int{{0, 0}, {size - 1, size - 1}, {size / 3, size / 2}, {65535, 65537}, {65536, 3 * 65536}, {1, size - 2}} {
				if r[1] >= size || r[0] > r[1] {
					continue
				}
				gin := &s3.GetObjectInput{Bucket: &b, Key: &key, Range: aws.String(fmt.Sprintf("bytes=%d-%d", r[0], r[1]))}
				m.get(gin)
				got, _ := get(t, c, gin)
				if !bytes.Equal(got, data[r[0]:r[1]+1]) {
					t.Fatalf("%s: range %v: wrong bytes (%d)", key, r, len(got))
				}
			}
		}
	}
	// The listing shows plaintext sizes.
	l, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &b})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range l.Contents {
		var mode string
		var size int64
		if _, err := fmt.Sscanf(aws.ToString(o.Key), "%6s-%d", &mode, &size); err == nil && aws.ToInt64(o.Size) != size {
			t.Fatalf("listing: %s has size %d", aws.ToString(o.Key), aws.ToInt64(o.Size))
		}
	}
}

func checkSSEOut(t *testing.T, key, mode string, sse types.ServerSideEncryption, kmsKey, custAlg *string) {
	t.Helper()
	switch mode {
	case "SSE-S3":
		if sse != types.ServerSideEncryptionAes256 {
			t.Fatalf("%s: x-amz-server-side-encryption %q", key, sse)
		}
	case "SSE-KMS":
		if sse != types.ServerSideEncryptionAwsKms || aws.ToString(kmsKey) != "testkey-1" {
			t.Fatalf("%s: SSE %q key %q", key, sse, aws.ToString(kmsKey))
		}
	case "SSE-C":
		if aws.ToString(custAlg) != "AES256" || sse != "" {
			t.Fatalf("%s: customer algorithm %q, sse %q", key, aws.ToString(custAlg), sse)
		}
	}
}

// TestSSECKeys: S3's rules on SSE-C keys.
func TestSSECKeys(t *testing.T) {
	_, c, b := sseNode(t)
	k, wrong := newSSEC(1), newSSEC(2)
	data := randBytes(200<<10, 3)
	key := "c"
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: &key, Body: bytes.NewReader(data),
		SSECustomerAlgorithm: k.alg, SSECustomerKey: k.key, SSECustomerKeyMD5: k.sum}); err != nil {
		t.Fatal(err)
	}
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key, SSECustomerAlgorithm: wrong.alg, SSECustomerKey: wrong.key, SSECustomerKeyMD5: wrong.sum})
	wantCode(t, err, "AccessDenied")
	_, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: &key, SSECustomerAlgorithm: wrong.alg, SSECustomerKey: wrong.key, SSECustomerKeyMD5: wrong.sum})
	wantStatus(t, err, 403)
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key})
	wantCode(t, err, "InvalidRequest")
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key, SSECustomerAlgorithm: k.alg, SSECustomerKey: k.key, SSECustomerKeyMD5: wrong.sum})
	wantCode(t, err, "InvalidArgument")
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("x"), Body: bytes.NewReader(data),
		SSECustomerAlgorithm: k.alg, SSECustomerKey: k.key, SSECustomerKeyMD5: wrong.sum})
	wantCode(t, err, "InvalidArgument")
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("x"), Body: bytes.NewReader(data),
		SSECustomerAlgorithm: aws.String("AES128"), SSECustomerKey: k.key, SSECustomerKeyMD5: k.sum})
	wantCode(t, err, "InvalidEncryptionAlgorithmError")
	// A plain object refuses SSE-C parameters.
	put(t, c, b, "plain", data)
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("plain"), SSECustomerAlgorithm: k.alg, SSECustomerKey: k.key, SSECustomerKeyMD5: k.sum})
	wantCode(t, err, "InvalidRequest")
	got, _ := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: &key, SSECustomerAlgorithm: k.alg, SSECustomerKey: k.key, SSECustomerKeyMD5: k.sum})
	if !bytes.Equal(got, data) {
		t.Fatal("right key: wrong data")
	}
}
