package archivetest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestRestoreAWSCLI: the archive cycle as awscli users see it: s3 cp with
// --storage-class GLACIER, get-object refused with InvalidObjectState,
// restore-object, head-object showing Restore, then the download.
func TestRestoreAWSCLI(t *testing.T) {
	aws := testenv.RequireTool(t, "aws", "/usr/bin/aws")
	s := testenv.Start(t, testenv.Options{})
	env := append(os.Environ(), "AWS_ACCESS_KEY_ID="+testenv.AccessKey, "AWS_SECRET_ACCESS_KEY="+testenv.SecretKey,
		"AWS_DEFAULT_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true", "HOME="+t.TempDir(), "AWS_CONFIG_FILE=/dev/null")
	run := func(args ...string) (string, error) {
		cmd := exec.Command(aws, append(args, "--endpoint-url", s.URL())...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(args ...string) string {
		t.Helper()
		out, err := run(args...)
		if err != nil {
			t.Fatalf("aws %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	data := randBytes(150<<10, 8)
	os.WriteFile(src, data, 0o644)
	must("s3", "mb", "s3://frozen")
	must("s3", "cp", "--storage-class", "GLACIER", src, "s3://frozen/f")
	if out := must("s3api", "head-object", "--bucket", "frozen", "--key", "f"); !strings.Contains(out, `"StorageClass": "GLACIER"`) {
		t.Fatalf("head-object: %s", out)
	}
	dst := filepath.Join(dir, "dst")
	if out, err := run("s3api", "get-object", "--bucket", "frozen", "--key", "f", dst); err == nil || !strings.Contains(out, "InvalidObjectState") {
		t.Fatalf("get-object of an archived object: %v\n%s", err, out)
	}
	must("s3api", "restore-object", "--bucket", "frozen", "--key", "f", "--restore-request", "Days=1,GlacierJobParameters={Tier=Standard}")
	waitFor(t, 60*time.Second, "restore done", func() bool {
		return strings.Contains(must("s3api", "head-object", "--bucket", "frozen", "--key", "f"), `ongoing-request=\"false\", expiry-date=`)
	})
	must("s3api", "get-object", "--bucket", "frozen", "--key", "f", dst)
	if got, _ := os.ReadFile(dst); !bytes.Equal(got, data) {
		t.Fatal("downloaded bytes differ")
	}
}
