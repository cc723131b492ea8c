package clitest

import (
	"bytes"
	"context"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestKMSCLI: keys from --kms-key, --kms-auto-create and `strata kms`,
// with the master key from STRATA_KMS_MASTER_KEY.
func TestKMSCLI(t *testing.T) {
	dir := t.TempDir()
	master := hex.EncodeToString(bytes.Repeat([]byte{5}, 32))
	p := testenv.StartProcess(t, testenv.ProcOptions{Dir: dir, Env: []string{"STRATA_KMS_MASTER_KEY=" + master},
		Args: []string{"--kms-key", "testkey-1", "--kms-key", "testkey-2", "--kms-auto-create"}})
	ep := p.URL()
	if _, err := os.Stat(filepath.Join(dir, "kms-master.key")); err == nil {
		t.Fatal("a master key file was generated although STRATA_KMS_MASTER_KEY was set")
	}
	mustCLI(t, ep, "kms", "create", "mykey")
	if out, err := strataCLI(t, ep, "kms", "create", "mykey"); err == nil {
		t.Fatalf("second create succeeded:\n%s", out)
	}
	if out := mustCLI(t, ep, "kms", "rotate", "mykey"); !strings.Contains(out, `"version": 2`) {
		t.Fatalf("rotate printed:\n%s", out)
	}
	mustCLI(t, ep, "kms", "disable", "testkey-2")
	c := testenv.S3Client(ep, testenv.AccessKey, testenv.SecretKey)
	ctx := context.Background()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("kmsbucket")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("kmsbucket"), Key: aws.String("o"), Body: strings.NewReader("x"),
		ServerSideEncryption: types.ServerSideEncryptionAwsKms, SSEKMSKeyId: aws.String("made-on-use")}); err != nil {
		t.Fatalf("auto-created key: %v", err)
	}
	out := mustCLI(t, ep, "kms", "list")
	for _, want := range []string{"mykey  ", "testkey-1", "made-on-use", "disabled"} {
		if !strings.Contains(out, want) {
			t.Fatalf("kms list lacks %q:\n%s", want, out)
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "mykey") && !strings.Contains(l, " 2 ") {
			t.Fatalf("mykey not at version 2: %q", l)
		}
	}
}
