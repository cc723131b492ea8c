package s3test

import (
	"bytes"
	"io"
	"net/url"
	"testing"

	"github.com/minio/minio-go/v7"
	miniocreds "github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/strata-storage/strata/internal/testenv"
)

// trailerClient is a minio-go client that sends checksums as signed
// trailers (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER), as mc does.
func trailerClient(t *testing.T, s *testenv.Server) *minio.Client {
	t.Helper()
	u, err := url.Parse(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	c, err := minio.New(u.Host, &minio.Options{
		Creds:           miniocreds.NewStaticV4(testenv.AccessKey, testenv.SecretKey, ""),
		Region:          "us-east-1",
		TrailingHeaders: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestMinioTrailingHeaders puts objects through minio-go with signed
// checksum trailers: single PUT and multipart, and reads them back.
func TestMinioTrailingHeaders(t *testing.T) {
	s, _, bucket := node(t, testenv.Options{})
	mc := trailerClient(t, s)
	for _, tc := range []struct {
		name string
		size int
		opts minio.PutObjectOptions
	}{
		{"small", 1000, minio.PutObjectOptions{}},
		{"small-crc32", 70 << 10, minio.PutObjectOptions{Checksum: minio.ChecksumCRC32}},
		{"small-sha256", 70 << 10, minio.PutObjectOptions{Checksum: minio.ChecksumSHA256}},
		{"5MiB", 5 << 20, minio.PutObjectOptions{PartSize: 5 << 20}},
		{"20MiB", 20 << 20, minio.PutObjectOptions{PartSize: 5 << 20}},
		{"20MiB-crc32", 20 << 20, minio.PutObjectOptions{PartSize: 5 << 20, Checksum: minio.ChecksumCRC32}},
		{"20MiB-unknown-size", -(20 << 20), minio.PutObjectOptions{PartSize: 5 << 20}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := tc.size
			size := int64(n)
			if n < 0 {
				n, size = -n, -1
			}
			data := randBytes(n, int64(n))
			if _, err := mc.PutObject(ctx, bucket, tc.name, bytes.NewReader(data), size, tc.opts); err != nil {
				t.Fatalf("put: %v", err)
			}
			o, err := mc.GetObject(ctx, bucket, tc.name, minio.GetObjectOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer o.Close()
			got, err := io.ReadAll(o)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, data) {
				t.Fatalf("read %d bytes back, differ from the %d put", len(got), len(data))
			}
		})
	}
}
