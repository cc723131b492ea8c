package s3test

import (
	"bytes"
	"encoding/base64"
	"hash/crc32"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/testenv"
)

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// mpuCRC32 uploads data in parts of partSize with CRC32 part checksums
// and returns the upload id, the completed parts and the raw part CRCs.
func mpuCRC32(t *testing.T, c *s3.Client, bucket, key string, data []byte, partSize int, typ types.ChecksumType) (string, []types.CompletedPart, [][]byte) {
	t.Helper()
	in := &s3.CreateMultipartUploadInput{Bucket: &bucket, Key: &key, ChecksumAlgorithm: types.ChecksumAlgorithmCrc32}
	if typ != "" {
		in.ChecksumType = typ
	}
	up, err := c.CreateMultipartUpload(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	var parts []types.CompletedPart
	var raw [][]byte
	for i, off := int32(1), 0; off < len(data); i, off = i+1, off+partSize {
		chunk := data[off:min(off+partSize, len(data))]
		h := crc32.NewIEEE()
		h.Write(chunk)
		out, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &bucket, Key: &key, UploadId: up.UploadId,
			PartNumber: aws.Int32(i), Body: bytes.NewReader(chunk), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32})
		if err != nil {
			t.Fatal(err)
		}
		if got := aws.ToString(out.ChecksumCRC32); got != b64(h.Sum(nil)) {
			t.Fatalf("part %d CRC32 %q, want %q", i, got, b64(h.Sum(nil)))
		}
		parts = append(parts, types.CompletedPart{PartNumber: aws.Int32(i), ETag: out.ETag, ChecksumCRC32: out.ChecksumCRC32})
		raw = append(raw, h.Sum(nil))
	}
	return *up.UploadId, parts, raw
}

// TestCompleteCompositeChecksum is what `mc pipe` and the SDKs do: the
// x-amz-checksum-crc32 header of CompleteMultipartUpload carries the
// whole object's checksum, which must be checked against the parts, not
// against the XML body.
func TestCompleteCompositeChecksum(t *testing.T) {
	_, c, bucket := node(t, testenv.Options{})
	data := randBytes(11<<20, 7)
	id, parts, raw := mpuCRC32(t, c, bucket, "comp", data, 5<<20, "")
	h := crc32.NewIEEE()
	for _, r := range raw {
		h.Write(r)
	}
	composite := b64(h.Sum(nil))
	wantSum := composite + "-" + strconv.Itoa(len(parts))

	// A wrong whole-object checksum is refused, and the upload stays.
	_, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &bucket, Key: aws.String("comp"),
		UploadId: &id, MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}, ChecksumCRC32: aws.String("AAAAAA==")})
	wantCode(t, err, "BadDigest")

	// A part checksum that differs from the stored one is InvalidPart.
	bad := append([]types.CompletedPart(nil), parts...)
	bad[0].ChecksumCRC32 = aws.String("AAAAAA==")
	_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &bucket, Key: aws.String("comp"),
		UploadId: &id, MultipartUpload: &types.CompletedMultipartUpload{Parts: bad}})
	wantCode(t, err, "InvalidPart")

	out, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &bucket, Key: aws.String("comp"),
		UploadId: &id, MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}, ChecksumCRC32: aws.String(composite)})
	if err != nil {
		t.Fatalf("complete with the composite checksum: %v", err)
	}
	if aws.ToString(out.ChecksumCRC32) != wantSum || out.ChecksumType != types.ChecksumTypeComposite {
		t.Fatalf("complete answered CRC32 %q type %q, want %q COMPOSITE", aws.ToString(out.ChecksumCRC32), out.ChecksumType, wantSum)
	}
	// A repeated Complete answers as the first one did.
	again, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &bucket, Key: aws.String("comp"),
		UploadId: &id, MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}, ChecksumCRC32: aws.String(composite)})
	if err != nil || aws.ToString(again.ETag) != aws.ToString(out.ETag) || aws.ToString(again.ChecksumCRC32) != wantSum {
		t.Fatalf("repeated complete: %v %+v", err, again)
	}
	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bucket, Key: aws.String("comp"), ChecksumMode: types.ChecksumModeEnabled})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(head.ChecksumCRC32) != wantSum || head.ChecksumType != types.ChecksumTypeComposite {
		t.Fatalf("head: CRC32 %q type %q", aws.ToString(head.ChecksumCRC32), head.ChecksumType)
	}
	// A part read by number reports its own checksum.
	for i, p := range parts {
		_, po := get(t, c, &s3.GetObjectInput{Bucket: &bucket, Key: aws.String("comp"), PartNumber: p.PartNumber, ChecksumMode: types.ChecksumModeEnabled})
		if aws.ToString(po.ChecksumCRC32) != aws.ToString(p.ChecksumCRC32) || po.ChecksumType != types.ChecksumTypeComposite {
			t.Fatalf("part %d: CRC32 %q type %q, want %q COMPOSITE", i+1, aws.ToString(po.ChecksumCRC32), po.ChecksumType, aws.ToString(p.ChecksumCRC32))
		}
	}
	got, _ := get(t, c, &s3.GetObjectInput{Bucket: &bucket, Key: aws.String("comp")})
	if !bytes.Equal(got, data) {
		t.Fatal("data differs")
	}
}

// TestCompleteFullObjectChecksum: with x-amz-checksum-type FULL_OBJECT
// the Complete header is the CRC32 of the whole object, combined from
// the parts' CRCs.
func TestCompleteFullObjectChecksum(t *testing.T) {
	_, c, bucket := node(t, testenv.Options{})
	data := randBytes(12<<20+77, 8)
	id, parts, _ := mpuCRC32(t, c, bucket, "full", data, 5<<20, types.ChecksumTypeFullObject)
	whole := crc32.NewIEEE()
	whole.Write(data)
	want := b64(whole.Sum(nil))
	_, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &bucket, Key: aws.String("full"),
		UploadId: &id, MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}, ChecksumCRC32: aws.String("AAAAAA=="),
		ChecksumType: types.ChecksumTypeFullObject})
	wantCode(t, err, "BadDigest")
	out, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &bucket, Key: aws.String("full"),
		UploadId: &id, MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}, ChecksumCRC32: aws.String(want),
		ChecksumType: types.ChecksumTypeFullObject})
	if err != nil {
		t.Fatalf("complete with the full-object CRC32: %v", err)
	}
	if aws.ToString(out.ChecksumCRC32) != want || out.ChecksumType != types.ChecksumTypeFullObject {
		t.Fatalf("complete answered CRC32 %q type %q, want %q FULL_OBJECT", aws.ToString(out.ChecksumCRC32), out.ChecksumType, want)
	}
	// SHA1 cannot be combined into a full-object checksum.
	_, err = c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &bucket, Key: aws.String("x"),
		ChecksumAlgorithm: types.ChecksumAlgorithmSha1, ChecksumType: types.ChecksumTypeFullObject})
	wantCode(t, err, "InvalidRequest")
}
