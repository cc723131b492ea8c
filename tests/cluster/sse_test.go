package cluster

import (
	"bytes"
	"context"
	"encoding/hex"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestKMSKeysSharedByGateways: KMS keys live in the root engine, so a key
// created through one gateway encrypts there and decrypts on the others
// (all given the same master key).
func TestKMSKeysSharedByGateways(t *testing.T) {
	master := hex.EncodeToString(bytes.Repeat([]byte{8}, 32))
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 3, Policy: "THREECOPIES", Edit: func(i int, cfg *server.Config) {
		cfg.KMSMasterKey = master
	}})
	ctx := context.Background()
	if _, err := testenv.Admin(ctx, c.Node(0).URL(), "POST", "/_strata/api/v1/kms/keys/shared", nil); err != nil {
		t.Fatal(err)
	}
	s0 := c.S3(0)
	bucket := "ssebucket"
	if _, err := s0.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte("cluster-sse "), 200_000)
	if _, err := s0.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: aws.String("k"), Body: bytes.NewReader(data),
		ServerSideEncryption: types.ServerSideEncryptionAwsKms, SSEKMSKeyId: aws.String("shared")}); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < 3; i++ {
		out, err := c.S3(i).GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: aws.String("k")})
		if err != nil {
			t.Fatalf("gateway %d: %v", i, err)
		}
		got, err := io.ReadAll(out.Body)
		out.Body.Close()
		if err != nil || !bytes.Equal(got, data) || aws.ToString(out.SSEKMSKeyId) != "shared" {
			t.Fatalf("gateway %d: read %d bytes, key %q, %v", i, len(got), aws.ToString(out.SSEKMSKeyId), err)
		}
	}
	list, err := testenv.Admin(ctx, c.Node(2).URL(), "GET", "/_strata/api/v1/kms/keys", nil)
	if err != nil || !bytes.Contains(list, []byte(`"shared"`)) {
		t.Fatalf("gateway 2 does not list the key: %s %v", list, err)
	}
}
