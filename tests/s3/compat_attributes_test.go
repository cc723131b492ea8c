package s3test

import (
	"bytes"
	"crypto/sha256"
	"hash/crc32"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/testenv"
)

var allAttributes = []types.ObjectAttributes{types.ObjectAttributesEtag, types.ObjectAttributesChecksum,
	types.ObjectAttributesObjectParts, types.ObjectAttributesStorageClass, types.ObjectAttributesObjectSize}

// TestGetObjectAttributes covers a single-part object with a checksum, a
// multipart object with part checksums (paged), a missing key and a
// version named by id.
func TestGetObjectAttributes(t *testing.T) {
	_, c, bucket := node(t, testenv.Options{})
	small := randBytes(1024, 1)
	sha := sha256.Sum256(small)
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: aws.String("one"), Body: bytes.NewReader(small),
		ChecksumSHA256: aws.String(b64(sha[:]))}); err != nil {
		t.Fatal(err)
	}
	a, err := c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: &bucket, Key: aws.String("one"), ObjectAttributes: allAttributes})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(a.ETag) != md5hex(small) || aws.ToInt64(a.ObjectSize) != 1024 || a.StorageClass != types.StorageClassStandard {
		t.Fatalf("ETag %q size %d class %q", aws.ToString(a.ETag), aws.ToInt64(a.ObjectSize), a.StorageClass)
	}
	if a.Checksum == nil || aws.ToString(a.Checksum.ChecksumSHA256) != b64(sha[:]) || a.Checksum.ChecksumType != types.ChecksumTypeFullObject {
		t.Fatalf("checksum %+v", a.Checksum)
	}
	if a.ObjectParts != nil {
		t.Fatalf("object parts on a single-part object: %+v", a.ObjectParts)
	}
	// Only what was asked for comes back.
	a, err = c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: &bucket, Key: aws.String("one"),
		ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesObjectSize}})
	if err != nil || a.ETag != nil || a.Checksum != nil || aws.ToInt64(a.ObjectSize) != 1024 {
		t.Fatalf("ObjectSize only: %v %+v", err, a)
	}

	// Multipart with CRC32 parts: composite checksum and the parts, paged.
	data := randBytes(12<<20, 2)
	id, parts, _ := mpuCRC32(t, c, bucket, "multi", data, 5<<20, "")
	done, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &bucket, Key: aws.String("multi"),
		UploadId: &id, MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}})
	if err != nil {
		t.Fatal(err)
	}
	a, err = c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: &bucket, Key: aws.String("multi"),
		ObjectAttributes: allAttributes, MaxParts: aws.Int32(2)})
	if err != nil {
		t.Fatal(err)
	}
	if a.Checksum == nil || aws.ToString(a.Checksum.ChecksumCRC32) != aws.ToString(done.ChecksumCRC32) || a.Checksum.ChecksumType != types.ChecksumTypeComposite {
		t.Fatalf("multipart checksum %+v, complete said %q", a.Checksum, aws.ToString(done.ChecksumCRC32))
	}
	op := a.ObjectParts
	if op == nil || aws.ToInt32(op.TotalPartsCount) != 3 || !aws.ToBool(op.IsTruncated) || len(op.Parts) != 2 ||
		aws.ToString(op.NextPartNumberMarker) != "2" {
		t.Fatalf("object parts %+v", op)
	}
	for i, p := range op.Parts {
		if aws.ToInt32(p.PartNumber) != int32(i+1) || aws.ToInt64(p.Size) != 5<<20 || aws.ToString(p.ChecksumCRC32) != aws.ToString(parts[i].ChecksumCRC32) {
			t.Fatalf("part %d: %+v", i, p)
		}
	}
	a, err = c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: &bucket, Key: aws.String("multi"),
		ObjectAttributes: allAttributes, MaxParts: aws.Int32(2), PartNumberMarker: op.NextPartNumberMarker})
	if err != nil {
		t.Fatal(err)
	}
	if op = a.ObjectParts; len(op.Parts) != 1 || aws.ToInt32(op.Parts[0].PartNumber) != 3 || aws.ToInt64(op.Parts[0].Size) != 2<<20 || aws.ToBool(op.IsTruncated) {
		t.Fatalf("second page %+v", op)
	}

	_, err = c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: &bucket, Key: aws.String("missing"), ObjectAttributes: allAttributes})
	wantCode(t, err, "NoSuchKey")

	// Versions.
	if _, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: &bucket,
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatal(err)
	}
	v1 := put(t, c, bucket, "v", []byte("first"))
	put(t, c, bucket, "v", []byte("second!"))
	a, err = c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: &bucket, Key: aws.String("v"),
		VersionId: v1.VersionId, ObjectAttributes: allAttributes})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToInt64(a.ObjectSize) != 5 || aws.ToString(a.VersionId) != aws.ToString(v1.VersionId) || aws.ToString(a.ETag) != md5hex([]byte("first")) {
		t.Fatalf("version: size %d id %q etag %q", aws.ToInt64(a.ObjectSize), aws.ToString(a.VersionId), aws.ToString(a.ETag))
	}
}

// TestCopyObjectChecksum: a copy carries full-object checksums of the
// source's algorithms, or of the one asked for, with its ChecksumType.
func TestCopyObjectChecksum(t *testing.T) {
	_, c, bucket := node(t, testenv.Options{})
	data := randBytes(11<<20, 3)
	id, parts, _ := mpuCRC32(t, c, bucket, "src", data, 5<<20, "")
	if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &bucket, Key: aws.String("src"),
		UploadId: &id, MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}}); err != nil {
		t.Fatal(err)
	}
	whole := crc32.ChecksumIEEE(data)
	want := b64([]byte{byte(whole >> 24), byte(whole >> 16), byte(whole >> 8), byte(whole)})
	out, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &bucket, Key: aws.String("dst"), CopySource: aws.String(bucket + "/src")})
	if err != nil {
		t.Fatal(err)
	}
	r := out.CopyObjectResult
	if aws.ToString(r.ChecksumCRC32) != want || r.ChecksumType != types.ChecksumTypeFullObject {
		t.Fatalf("copy: CRC32 %q type %q, want %q FULL_OBJECT", aws.ToString(r.ChecksumCRC32), r.ChecksumType, want)
	}
	sha := sha256.Sum256(data)
	out, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &bucket, Key: aws.String("dst2"), CopySource: aws.String(bucket + "/src"),
		ChecksumAlgorithm: types.ChecksumAlgorithmSha256})
	if err != nil {
		t.Fatal(err)
	}
	if r = out.CopyObjectResult; aws.ToString(r.ChecksumSHA256) != b64(sha[:]) || r.ChecksumType != types.ChecksumTypeFullObject {
		t.Fatalf("copy with SHA256: %q type %q", aws.ToString(r.ChecksumSHA256), r.ChecksumType)
	}
	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bucket, Key: aws.String("dst2"), ChecksumMode: types.ChecksumModeEnabled})
	if err != nil || aws.ToString(head.ChecksumSHA256) != b64(sha[:]) || head.ChecksumType != types.ChecksumTypeFullObject {
		t.Fatalf("head of the copy: %v %q %q", err, aws.ToString(head.ChecksumSHA256), head.ChecksumType)
	}
}

// TestSSECObjectAttributes: the attributes of an SSE-C object need its
// key, as a HEAD does: none is 400, a wrong one 403, the right one works.
func TestSSECObjectAttributes(t *testing.T) {
	_, c, bucket := sseNode(t)
	k, other := newSSEC(7), newSSEC(8)
	body := randBytes(1000, 3)
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: aws.String("enc"), Body: bytes.NewReader(body),
		SSECustomerAlgorithm: k.alg, SSECustomerKey: k.key, SSECustomerKeyMD5: k.sum}); err != nil {
		t.Fatal(err)
	}
	in := func(key ssec) *s3.GetObjectAttributesInput {
		return &s3.GetObjectAttributesInput{Bucket: &bucket, Key: aws.String("enc"), ObjectAttributes: allAttributes,
			SSECustomerAlgorithm: key.alg, SSECustomerKey: key.key, SSECustomerKeyMD5: key.sum}
	}
	_, err := c.GetObjectAttributes(ctx, in(ssec{}))
	wantStatus(t, err, 400)
	_, err = c.GetObjectAttributes(ctx, in(other))
	wantStatus(t, err, 403)
	a, err := c.GetObjectAttributes(ctx, in(k))
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToInt64(a.ObjectSize) != 1000 {
		t.Fatalf("size %d", aws.ToInt64(a.ObjectSize))
	}
}
