package archivetest

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/testenv"
)

const benchSize = 32 << 20

// BenchmarkRestore times a restore of a 32 MiB GLACIER object, from the
// request to x-amz-restore showing it done (the copy is local chunk to
// local chunk).
func BenchmarkRestore(b *testing.B) {
	s := testenv.Start(b, testenv.Options{})
	c := s.S3()
	bkt := "cold"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bkt}); err != nil {
		b.Fatal(err)
	}
	data := randBytes(benchSize, 1)
	b.SetBytes(benchSize)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		key := fmt.Sprint("k", i)
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bkt, Key: &key, Body: bytes.NewReader(data), StorageClass: types.StorageClassGlacier}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := c.RestoreObject(ctx, &s3.RestoreObjectInput{Bucket: &bkt, Key: &key, RestoreRequest: &types.RestoreRequest{Days: aws.Int32(1)}}); err != nil {
			b.Fatal(err)
		}
		for {
			out, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bkt, Key: &key})
			if err != nil {
				b.Fatal(err)
			}
			if strings.HasPrefix(aws.ToString(out.Restore), `ongoing-request="false"`) {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
}

// BenchmarkTier compares PUT and GET of 32 MiB objects in a local class
// with a class on a remote tier (a second in-process server).
func BenchmarkTier(b *testing.B) {
	remote := testenv.Start(b, testenv.Options{})
	if _, err := remote.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("tier-b")}); err != nil {
		b.Fatal(err)
	}
	s := testenv.Start(b, testenv.Options{})
	c := s.S3()
	body := fmt.Sprintf(`{"endpoint":%q,"bucket":"tier-b","access_key":%q,"secret_key":%q}`, remote.URL(), testenv.AccessKey, testenv.SecretKey)
	for _, call := range [][2]string{{"/_strata/api/v1/tiers/remote", body}, {"/_strata/api/v1/classes/GLACIER_IR", `{"tier":"remote"}`}} {
		if _, err := testenv.Admin(ctx, s.URL(), "PUT", call[0], []byte(call[1])); err != nil {
			b.Fatal(err)
		}
	}
	bkt := "warm"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bkt}); err != nil {
		b.Fatal(err)
	}
	data := randBytes(benchSize, 2)
	for _, class := range []types.StorageClass{types.StorageClassStandard, types.StorageClassGlacierIr} {
		key := "obj-" + string(class)
		b.Run("put/"+string(class), func(b *testing.B) {
			b.SetBytes(benchSize)
			for i := 0; i < b.N; i++ {
				if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bkt, Key: &key, Body: bytes.NewReader(data), StorageClass: class}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("get/"+string(class), func(b *testing.B) {
			b.SetBytes(benchSize)
			for i := 0; i < b.N; i++ {
				out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &bkt, Key: &key})
				if err != nil {
					b.Fatal(err)
				}
				n, _ := io.Copy(io.Discard, out.Body)
				out.Body.Close()
				if n != benchSize {
					b.Fatalf("read %d bytes", n)
				}
			}
		})
	}
}
