package s3test

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// sseNode starts a node whose KMS has the keys ceph s3-tests names.
func sseNode(t *testing.T) (*testenv.Server, *s3.Client, string) {
	return node(t, testenv.Options{Edit: func(c *server.Config) { c.KMSKeys = []string{"testkey-1", "testkey-2"} }})
}

// ssec is an SSE-C key as the SDK sends it.
type ssec struct{ alg, key, sum *string }

func newSSEC(seed byte) ssec {
	k := bytes.Repeat([]byte{seed}, 32)
	s := md5.Sum(k)
	return ssec{aws.String("AES256"), aws.String(base64.StdEncoding.EncodeToString(k)), aws.String(base64.StdEncoding.EncodeToString(s[:]))}
}

// sseMode is one way to encrypt a PUT.
type sseMode struct {
	name string
	put  func(*s3.PutObjectInput)
	get  func(*s3.GetObjectInput)
	head func(*s3.HeadObjectInput)
}

func sseModes() []sseMode {
	k := newSSEC(7)
	return []sseMode{
		{name: "SSE-S3", put: func(in *s3.PutObjectInput) { in.ServerSideEncryption = types.ServerSideEncryptionAes256 },
			get: func(*s3.GetObjectInput) {}, head: func(*s3.HeadObjectInput) {}},
		{name: "SSE-KMS", put: func(in *s3.PutObjectInput) {
			in.ServerSideEncryption, in.SSEKMSKeyId = types.ServerSideEncryptionAwsKms, aws.String("testkey-1")
		}, get: func(*s3.GetObjectInput) {}, head: func(*s3.HeadObjectInput) {}},
		{name: "SSE-C", put: func(in *s3.PutObjectInput) {
			in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = k.alg, k.key, k.sum
		}, get: func(in *s3.GetObjectInput) {
			in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = k.alg, k.key, k.sum
		}, head: func(in *s3.HeadObjectInput) {
			in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = k.alg, k.key, k.sum
		}},
	}
}

// hashChunks hashes every file under the node's volumes.
func hashChunks(t *testing.T, s *testenv.Server) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, v := range s.Volumes {
		err := filepath.WalkDir(v, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			out[p] = hex.EncodeToString(sum[:])
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// volumesContain says whether any file under the node's volumes holds needle.
func volumesContain(t *testing.T, s *testenv.Server, needle []byte) (found bool, files int) {
	t.Helper()
	for _, v := range s.Volumes {
		err := filepath.WalkDir(v, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files++
			found = found || bytes.Contains(b, needle)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return found, files
}

// wantStatus checks the HTTP status of a failed call (HEAD answers carry
// no error code).
func wantStatus(t *testing.T, err error, status int) {
	t.Helper()
	var re interface{ HTTPStatusCode() int }
	if !errors.As(err, &re) || re.HTTPStatusCode() != status {
		t.Fatalf("got %v, want HTTP %d", err, status)
	}
}
