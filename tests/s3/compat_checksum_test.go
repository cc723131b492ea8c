package s3test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/testenv"
)

var checksumAlgs = []string{"CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"}

func checksumOf(alg string, b []byte) string {
	h := auth.NewChecksum(alg)
	h.Write(b)
	return base64.StdEncoding.EncodeToString(h.Sum(nil))
}

// wrongChecksum is a well-formed value of alg that is not b's.
func wrongChecksum(alg string, b []byte) string {
	raw, _ := base64.StdEncoding.DecodeString(checksumOf(alg, b))
	raw[0] ^= 0xff
	return base64.StdEncoding.EncodeToString(raw)
}

func hmacSHA(key []byte, s string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(s))
	return m.Sum(nil)
}

// trailerPut sends a PUT whose checksum comes as a trailer, in aws-chunked
// encoding: unsigned (STREAMING-UNSIGNED-PAYLOAD-TRAILER, as the AWS SDKs
// send it) or signed (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER). It
// returns the status and the S3 error code.
func trailerPut(t *testing.T, url string, data []byte, alg, value string, signed bool) (int, string) {
	t.Helper()
	return trailerPutAs(t, url, data, alg, value, signed, "")
}

// trailerPutAs is trailerPut declaring declared in x-amz-trailer ("" =
// the trailer sent).
func trailerPutAs(t *testing.T, url string, data []byte, alg, value string, signed bool, declared string) (int, string) {
	t.Helper()
	now := time.Now().UTC()
	amzDate, day := now.Format("20060102T150405Z"), now.Format("20060102")
	scope := day + "/us-east-1/s3/aws4_request"
	key := hmacSHA([]byte("AWS4"+testenv.SecretKey), day)
	for _, s := range []string{"us-east-1", "s3", "aws4_request"} {
		key = hmacSHA(key, s)
	}
	trailerName := "x-amz-checksum-" + strings.ToLower(alg)
	payload := "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
	if signed {
		payload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
	}
	req, _ := http.NewRequest(http.MethodPut, url, nil)
	req.Header.Set("X-Amz-Content-Sha256", payload)
	req.Header.Set("Content-Encoding", "aws-chunked")
	req.Header.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(len(data)))
	if declared == "" {
		declared = trailerName
	}
	req.Header.Set("X-Amz-Trailer", declared)
	creds := aws.Credentials{AccessKeyID: testenv.AccessKey, SecretAccessKey: testenv.SecretKey}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, payload, "s3", "us-east-1", now); err != nil {
		t.Fatal(err)
	}
	_, prev, _ := strings.Cut(req.Header.Get("Authorization"), "Signature=")
	var body bytes.Buffer
	chunk := func(b []byte) {
		if !signed {
			fmt.Fprintf(&body, "%x\r\n", len(b))
		} else {
			h := sha256.Sum256(b)
			sts := "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + prev + "\n" +
				"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n" + hex.EncodeToString(h[:])
			prev = hex.EncodeToString(hmacSHA(key, sts))
			fmt.Fprintf(&body, "%x;chunk-signature=%s\r\n", len(b), prev)
		}
		body.Write(b)
		if len(b) > 0 {
			body.WriteString("\r\n")
		}
	}
	for off := 0; off < len(data); off += 64 << 10 {
		chunk(data[off:min(off+64<<10, len(data))])
	}
	chunk(nil)
	line := trailerName + ":" + value
	body.WriteString(line + "\r\n")
	if signed {
		h := sha256.Sum256([]byte(line + "\n"))
		sts := "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + prev + "\n" + hex.EncodeToString(h[:])
		body.WriteString("x-amz-trailer-signature:" + hex.EncodeToString(hmacSHA(key, sts)) + "\r\n")
	}
	body.WriteString("\r\n")
	req.Body = io.NopCloser(bytes.NewReader(body.Bytes()))
	req.ContentLength = int64(body.Len())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e struct{ Code string }
	b, _ := io.ReadAll(resp.Body)
	xml.Unmarshal(b, &e)
	return resp.StatusCode, e.Code
}

// TestWrongChecksumRefused: a wrong x-amz-checksum-* value is refused
// with BadDigest for every algorithm, as a header and as a trailer
// (signed or not), for an empty, a small and a multi-chunk body; a
// malformed one is InvalidRequest; the right one is stored.
func TestWrongChecksumRefused(t *testing.T) {
	s, c, bucket := node(t, testenv.Options{})
	for _, alg := range checksumAlgs {
		for _, size := range []int{0, 1000, 1 << 20} {
			data := randBytes(size, int64(size))
			name := fmt.Sprintf("%s-%d", alg, size)
			t.Run(name+"-header", func(t *testing.T) {
				in := &s3.PutObjectInput{Bucket: &bucket, Key: aws.String(name), Body: bytes.NewReader(data)}
				setChecksum(in, alg, wrongChecksum(alg, data))
				_, err := c.PutObject(ctx, in)
				wantCode(t, err, "BadDigest")
				setChecksum(in, alg, "bm90LWEtY2hlY2tzdW0=")
				in.Body = bytes.NewReader(data)
				_, err = c.PutObject(ctx, in)
				wantCode(t, err, "BadDigest")
				setChecksum(in, alg, checksumOf(alg, data))
				in.Body = bytes.NewReader(data)
				if _, err := c.PutObject(ctx, in); err != nil {
					t.Fatalf("right checksum refused: %v", err)
				}
			})
			for _, signed := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s-trailer-signed=%v", name, signed), func(t *testing.T) {
					url := s.URL() + "/" + bucket + "/" + name
					if st, code := trailerPut(t, url, data, alg, wrongChecksum(alg, data), signed); st != 400 || code != "BadDigest" {
						t.Fatalf("wrong trailer: %d %s, want 400 BadDigest", st, code)
					}
					if st, code := trailerPut(t, url, data, alg, "bm90LWEtY2hlY2tzdW0=", signed); st != 400 || code != "InvalidRequest" {
						t.Fatalf("malformed trailer: %d %s, want 400 InvalidRequest", st, code)
					}
					// A checksum trailer other than the one declared cannot be checked.
					other := "x-amz-checksum-crc32"
					if alg == "CRC32" {
						other = "x-amz-checksum-sha1"
					}
					if st, code := trailerPutAs(t, url, data, alg, wrongChecksum(alg, data), signed, other); st != 400 || code != "InvalidRequest" {
						t.Fatalf("undeclared trailer: %d %s, want 400 InvalidRequest", st, code)
					}
					if st, code := trailerPut(t, url, data, alg, checksumOf(alg, data), signed); st != 200 {
						t.Fatalf("right trailer: %d %s", st, code)
					}
				})
			}
		}
	}
}

func setChecksum(in *s3.PutObjectInput, alg, v string) {
	in.ChecksumCRC32, in.ChecksumCRC32C, in.ChecksumCRC64NVME, in.ChecksumSHA1, in.ChecksumSHA256 = nil, nil, nil, nil, nil
	switch alg {
	case "CRC32":
		in.ChecksumCRC32 = &v
	case "CRC32C":
		in.ChecksumCRC32C = &v
	case "CRC64NVME":
		in.ChecksumCRC64NVME = &v
	case "SHA1":
		in.ChecksumSHA1 = &v
	case "SHA256":
		in.ChecksumSHA256 = &v
	}
}

// TestWrongPartChecksumRefused: UploadPart checks x-amz-checksum-* too.
func TestWrongPartChecksumRefused(t *testing.T) {
	_, c, bucket := node(t, testenv.Options{})
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &bucket, Key: aws.String("p")})
	if err != nil {
		t.Fatal(err)
	}
	data := randBytes(100<<10, 5)
	for _, alg := range checksumAlgs {
		in := &s3.UploadPartInput{Bucket: &bucket, Key: aws.String("p"), UploadId: up.UploadId, PartNumber: aws.Int32(1), Body: bytes.NewReader(data)}
		v := wrongChecksum(alg, data)
		switch alg {
		case "CRC32":
			in.ChecksumCRC32 = &v
		case "CRC32C":
			in.ChecksumCRC32C = &v
		case "CRC64NVME":
			in.ChecksumCRC64NVME = &v
		case "SHA1":
			in.ChecksumSHA1 = &v
		case "SHA256":
			in.ChecksumSHA256 = &v
		}
		_, err := c.UploadPart(ctx, in)
		wantCode(t, err, "BadDigest")
	}
}
