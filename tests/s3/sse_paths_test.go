package s3test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/kms"
	"github.com/strata-storage/strata/internal/testenv"
)

// multipartSSE uploads data in parts of the given sizes with an
// encryption set on create (and, for SSE-C, on each part).
func multipartSSE(t *testing.T, c *s3.Client, b, key string, data []byte, sizes []int, k *ssec, sse types.ServerSideEncryption) string {
	t.Helper()
	cin := &s3.CreateMultipartUploadInput{Bucket: &b, Key: &key, ServerSideEncryption: sse}
	if k != nil {
		cin.SSECustomerAlgorithm, cin.SSECustomerKey, cin.SSECustomerKeyMD5 = k.alg, k.key, k.sum
	}
	up, err := c.CreateMultipartUpload(ctx, cin)
	if err != nil {
		t.Fatal(err)
	}
	var parts []types.CompletedPart
	off := 0
	for i, n := range sizes {
		pin := &s3.UploadPartInput{Bucket: &b, Key: &key, UploadId: up.UploadId, PartNumber: aws.Int32(int32(i + 1)),
			Body: bytes.NewReader(data[off : off+n])}
		if k != nil {
			pin.SSECustomerAlgorithm, pin.SSECustomerKey, pin.SSECustomerKeyMD5 = k.alg, k.key, k.sum
		}
		p, err := c.UploadPart(ctx, pin)
		if err != nil {
			t.Fatalf("part %d: %v", i+1, err)
		}
		if p.ServerSideEncryption != sse || (k != nil) != (aws.ToString(p.SSECustomerAlgorithm) == "AES256") {
			t.Fatalf("part %d: answer SSE %q, SSE-C %q", i+1, p.ServerSideEncryption, aws.ToString(p.SSECustomerAlgorithm))
		}
		if aws.ToString(p.ETag) != `"`+md5hex(data[off:off+n])+`"` {
			t.Fatalf("part %d: ETag %s is not the MD5 of its plaintext", i+1, aws.ToString(p.ETag))
		}
		parts = append(parts, types.CompletedPart{ETag: p.ETag, PartNumber: aws.Int32(int32(i + 1))})
		off += n
	}
	done := &s3.CompleteMultipartUploadInput{Bucket: &b, Key: &key, UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}}
	if k != nil {
		// An SSE-C upload is completed with its key, as S3 requires.
		_, err := c.CompleteMultipartUpload(ctx, done)
		wantCode(t, err, "InvalidRequest")
		done.SSECustomerAlgorithm, done.SSECustomerKey, done.SSECustomerKeyMD5 = k.alg, k.key, k.sum
	}
	out, err := c.CompleteMultipartUpload(ctx, done)
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.ETag)
}

// TestSSEMultipart: each part is encrypted on its own; whole, ranged
// (across part boundaries) and per-part GETs decrypt across parts.
func TestSSEMultipart(t *testing.T) {
	_, c, b := sseNode(t)
	sizes := []int{5 << 20, 5<<20 + 100, 1<<20 + 7}
	total := 0
	for _, n := range sizes {
		total += n
	}
	data := randBytes(total, 11)
	k := newSSEC(9)
	for _, tc := range []struct {
		name string
		k    *ssec
		sse  types.ServerSideEncryption
	}{{"mp-s3", nil, types.ServerSideEncryptionAes256}, {"mp-c", &k, ""}, {"mp-kms", nil, types.ServerSideEncryptionAwsKms}} {
		multipartSSE(t, c, b, tc.name, data, sizes, tc.k, tc.sse)
		getIn := func(rng string, part int32) *s3.GetObjectInput {
			in := &s3.GetObjectInput{Bucket: &b, Key: aws.String(tc.name)}
			if rng != "" {
				in.Range = &rng
			}
			if part > 0 {
				in.PartNumber = &part
			}
			if tc.k != nil {
				in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = tc.k.alg, tc.k.key, tc.k.sum
			}
			return in
		}
		got, out := get(t, c, getIn("", 0))
		if !bytes.Equal(got, data) {
			t.Fatalf("%s: whole GET differs", tc.name)
		}
		if tc.sse != "" && out.ServerSideEncryption != tc.sse {
			t.Fatalf("%s: SSE header %q", tc.name, out.ServerSideEncryption)
		}
		b1 := sizes[0]
		for _, r := range [][2]int{{b1 - 10, b1 + 10}, {b1 - 70000, b1 + sizes[1] + 70000}, {total - 5, total - 1}, {0, total - 1}} {
			got, _ := get(t, c, getIn(fmt.Sprintf("bytes=%d-%d", r[0], r[1]), 0))
			if !bytes.Equal(got, data[r[0]:r[1]+1]) {
				t.Fatalf("%s: range %v differs", tc.name, r)
			}
		}
		got, _ = get(t, c, getIn("", 2))
		if !bytes.Equal(got, data[b1:b1+sizes[1]]) {
			t.Fatalf("%s: part 2 differs", tc.name)
		}
	}
	// A part of an SSE-C upload with another key is refused (400, as S3).
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &b, Key: aws.String("mp-x"),
		SSECustomerAlgorithm: k.alg, SSECustomerKey: k.key, SSECustomerKeyMD5: k.sum})
	if err != nil {
		t.Fatal(err)
	}
	w := newSSEC(10)
	_, err = c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &b, Key: aws.String("mp-x"), UploadId: up.UploadId, PartNumber: aws.Int32(1),
		Body: bytes.NewReader(data[:100]), SSECustomerAlgorithm: w.alg, SSECustomerKey: w.key, SSECustomerKeyMD5: w.sum})
	wantCode(t, err, "InvalidRequest")
}

// TestSSECopy: CopyObject between encryption modes.
func TestSSECopy(t *testing.T) {
	_, c, b := sseNode(t)
	data := randBytes(300<<10+5, 21)
	put(t, c, b, "plain", data)
	out, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &b, Key: aws.String("to-s3"), CopySource: aws.String(b + "/plain"),
		ServerSideEncryption: types.ServerSideEncryptionAes256})
	if err != nil {
		t.Fatal(err)
	}
	if out.ServerSideEncryption != types.ServerSideEncryptionAes256 {
		t.Fatalf("copy answer SSE %q", out.ServerSideEncryption)
	}
	got, gout := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: aws.String("to-s3")})
	if !bytes.Equal(got, data) || gout.ServerSideEncryption != types.ServerSideEncryptionAes256 {
		t.Fatal("plain -> SSE-S3 copy differs")
	}
	k := newSSEC(5)
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("c"), Body: bytes.NewReader(data),
		SSECustomerAlgorithm: k.alg, SSECustomerKey: k.key, SSECustomerKeyMD5: k.sum}); err != nil {
		t.Fatal(err)
	}
	// Without the source key the copy is refused.
	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &b, Key: aws.String("to-kms"), CopySource: aws.String(b + "/c"),
		ServerSideEncryption: types.ServerSideEncryptionAwsKms, SSEKMSKeyId: aws.String("testkey-2")})
	wantCode(t, err, "InvalidRequest")
	out, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &b, Key: aws.String("to-kms"), CopySource: aws.String(b + "/c"),
		ServerSideEncryption: types.ServerSideEncryptionAwsKms, SSEKMSKeyId: aws.String("testkey-2"),
		CopySourceSSECustomerAlgorithm: k.alg, CopySourceSSECustomerKey: k.key, CopySourceSSECustomerKeyMD5: k.sum})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.SSEKMSKeyId) != "testkey-2" {
		t.Fatalf("copy answer KMS key %q", aws.ToString(out.SSEKMSKeyId))
	}
	got, gout = get(t, c, &s3.GetObjectInput{Bucket: &b, Key: aws.String("to-kms")})
	if !bytes.Equal(got, data) || aws.ToString(gout.SSEKMSKeyId) != "testkey-2" {
		t.Fatal("SSE-C -> SSE-KMS copy differs")
	}
	// An object copied onto itself with a new encryption is legal.
	if _, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &b, Key: aws.String("plain"), CopySource: aws.String(b + "/plain"),
		ServerSideEncryption: types.ServerSideEncryptionAes256}); err != nil {
		t.Fatal(err)
	}
}

// TestSSENoPlaintextOnDisk: a marker written through every mode and path
// never reaches a chunk file; the same marker written plainly does (so the
// scan can see it).
func TestSSENoPlaintextOnDisk(t *testing.T) {
	s, c, b := sseNode(t)
	marker := []byte("STRATA-PLAINTEXT-MARKER")
	data := bytes.Repeat(marker, (6<<20)/len(marker))
	for _, m := range sseModes() {
		in := &s3.PutObjectInput{Bucket: &b, Key: aws.String(m.name), Body: bytes.NewReader(data)}
		m.put(in)
		if _, err := c.PutObject(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	k := newSSEC(3)
	big := bytes.Repeat(marker, (11<<20)/len(marker))
	multipartSSE(t, c, b, "mp-s3", big, []int{5 << 20, len(big) - 5<<20}, nil, types.ServerSideEncryptionAes256)
	multipartSSE(t, c, b, "mp-c", big, []int{5 << 20, len(big) - 5<<20}, &k, "")
	if _, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &b, Key: aws.String("copy-kms"), CopySource: aws.String(b + "/SSE-S3"),
		ServerSideEncryption: types.ServerSideEncryptionAwsKms, SSEKMSKeyId: aws.String("testkey-2")}); err != nil {
		t.Fatal(err)
	}
	found, files := volumesContain(t, s, marker)
	if files == 0 {
		t.Fatal("no chunk files to scan")
	}
	if found {
		t.Fatalf("the plaintext marker is in a chunk file (%d files scanned)", files)
	}
	put(t, c, b, "plain", data)
	if found, _ := volumesContain(t, s, marker); !found {
		t.Fatal("control: the plainly written marker was not found by the scan")
	}
	t.Logf("scanned %d chunk files: no plaintext from SSE-S3, SSE-KMS, SSE-C, multipart or copy", files)
}

func kmsAdmin(t *testing.T, s *testenv.Server, op, name string) kms.KeyInfo {
	t.Helper()
	body, err := testenv.Admin(ctx, s.URL(), "POST", "/_strata/api/v1/kms/keys/"+name+op, nil)
	if err != nil {
		t.Fatal(err)
	}
	var k kms.KeyInfo
	if err := json.Unmarshal(body, &k); err != nil {
		t.Fatal(err)
	}
	return k
}

// TestKMSRotateDisable: rotation rewrites no chunk and old objects still
// decrypt; a disabled key refuses writes and reads.
func TestKMSRotateDisable(t *testing.T) {
	s, c, b := sseNode(t)
	data := randBytes(2<<20, 31)
	kmsPut := func(key string) error {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: &key, Body: bytes.NewReader(data),
			ServerSideEncryption: types.ServerSideEncryptionAwsKms, SSEKMSKeyId: aws.String("testkey-1")})
		return err
	}
	if err := kmsPut("old"); err != nil {
		t.Fatal(err)
	}
	before := hashChunks(t, s)
	if k := kmsAdmin(t, s, "/rotate", "testkey-1"); k.Version != 2 {
		t.Fatalf("rotated key is at version %d", k.Version)
	}
	after := hashChunks(t, s)
	if len(before) == 0 || fmt.Sprint(before) != fmt.Sprint(after) {
		t.Fatalf("rotation changed chunk files (%d before, %d after)", len(before), len(after))
	}
	got, _ := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: aws.String("old")})
	if !bytes.Equal(got, data) {
		t.Fatal("old object after rotation differs")
	}
	if err := kmsPut("new"); err != nil {
		t.Fatal(err)
	}
	kmsAdmin(t, s, "/disable", "testkey-1")
	wantCode(t, kmsPut("refused"), "KMS.DisabledException")
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("old")})
	wantCode(t, err, "KMS.DisabledException")
	kmsAdmin(t, s, "/enable", "testkey-1")
	for _, key := range []string{"old", "new"} {
		if got, _ := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: &key}); !bytes.Equal(got, data) {
			t.Fatalf("%s after enable differs", key)
		}
	}
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("x"), Body: bytes.NewReader(data),
		ServerSideEncryption: types.ServerSideEncryptionAwsKms, SSEKMSKeyId: aws.String("no-such-key")})
	wantCode(t, err, "KMS.NotFoundException")
	list, err := testenv.Admin(ctx, s.URL(), "GET", "/_strata/api/v1/kms/keys", nil)
	if err != nil || !bytes.Contains(list, []byte(`"testkey-2"`)) {
		t.Fatalf("key list: %s %v", list, err)
	}
}

// TestSSEBucketDefault: default bucket encryption applies to writes
// without SSE headers.
func TestSSEBucketDefault(t *testing.T) {
	_, c, b := sseNode(t)
	if _, err := c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: &b,
		ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAwsKms, KMSMasterKeyID: aws.String("testkey-2")},
			BucketKeyEnabled:                   aws.Bool(true)}}}}); err != nil {
		t.Fatal(err)
	}
	enc, err := c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: &b})
	if err != nil || aws.ToString(enc.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.KMSMasterKeyID) != "testkey-2" {
		t.Fatalf("get encryption: %v", err)
	}
	out := put(t, c, b, "k", randBytes(1000, 1))
	if out.ServerSideEncryption != types.ServerSideEncryptionAwsKms || aws.ToString(out.SSEKMSKeyId) != "testkey-2" || !aws.ToBool(out.BucketKeyEnabled) {
		t.Fatalf("default encryption not applied: %q %q", out.ServerSideEncryption, aws.ToString(out.SSEKMSKeyId))
	}
	// Explicit headers win over the default.
	o2, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("s3"), Body: bytes.NewReader([]byte("x")), ServerSideEncryption: types.ServerSideEncryptionAes256})
	if err != nil || o2.ServerSideEncryption != types.ServerSideEncryptionAes256 {
		t.Fatalf("explicit SSE-S3 under a KMS default: %v %q", err, o2.ServerSideEncryption)
	}
	if _, err := c.DeleteBucketEncryption(ctx, &s3.DeleteBucketEncryptionInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: &b})
	wantCode(t, err, "ServerSideEncryptionConfigurationNotFoundError")
	if out := put(t, c, b, "k2", []byte("x")); out.ServerSideEncryption != "" {
		t.Fatalf("deleted default still applies: %q", out.ServerSideEncryption)
	}
}
