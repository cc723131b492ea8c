package clitest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestFirstStartCredentials checks that a server started without
// credentials in its environment generates them once, keeps them with
// mode 0600, stops cleanly on SIGTERM and keeps its data across restarts.
func TestFirstStartCredentials(t *testing.T) {
	bin := testenv.Binary(t)
	dir := t.TempDir()
	addr := testenv.FreeAddr(t)
	start := func() (*exec.Cmd, *bytes.Buffer) {
		cmd := exec.Command(bin, "server", "--data", dir, "--s3-addr", addr)
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 200 && !strings.Contains(out.String(), "s3 endpoint ready"); i++ {
			time.Sleep(50 * time.Millisecond)
		}
		return cmd, &out
	}
	stop := func(cmd *exec.Cmd) {
		cmd.Process.Signal(syscall.SIGTERM)
		if err := cmd.Wait(); err != nil {
			t.Fatalf("server did not exit cleanly on SIGTERM: %v", err)
		}
	}
	cmd, out := start()
	if !strings.Contains(out.String(), "STRATA_SECRET_KEY=") {
		stop(cmd)
		t.Fatalf("first start did not print the generated credentials:\n%s", out)
	}
	st, err := os.Stat(filepath.Join(dir, "credentials.json"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("credentials file: %v mode %v", err, st.Mode())
	}
	u, _, err := server.RootCredentials(dir, "", "")
	if err != nil {
		t.Fatal(err)
	}
	c := testenv.S3Client("http://"+addr, u.AccessKey, u.SecretKey)
	ctx := context.Background()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("kept")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("kept"), Key: aws.String("k"), Body: strings.NewReader("still here")}); err != nil {
		t.Fatal(err)
	}
	stop(cmd)
	cmd, out = start()
	defer stop(cmd)
	if strings.Contains(out.String(), "STRATA_SECRET_KEY=") {
		t.Fatal("second start printed the credentials again")
	}
	got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("kept"), Key: aws.String("k")})
	if err != nil {
		t.Fatalf("data lost across restart: %v", err)
	}
	got.Body.Close()
}
