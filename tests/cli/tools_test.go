package clitest

import (
	"bytes"
	"crypto/md5"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/testenv"
)

func run(t *testing.T, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out.String())
	}
	return out.String()
}

// tree writes n files of assorted sizes and names under dir.
func tree(t *testing.T, dir string, n int) map[string][16]byte {
	t.Helper()
	rng := rand.New(rand.NewSource(42))
	sums := map[string][16]byte{}
	names := []string{"plain", "with space", "unicodé", "dash-and_underscore"}
	for i := 0; i < n; i++ {
		rel := filepath.Join(fmt.Sprintf("d%d", i%7), fmt.Sprintf("s%d", i%3), fmt.Sprintf("%s-%d.bin", names[i%len(names)], i))
		size := rng.Intn(64 << 10)
		if i%50 == 0 {
			size = 2<<20 + rng.Intn(1<<20)
		}
		if i%97 == 0 {
			size = 0
		}
		b := make([]byte, size)
		rng.Read(b)
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		sums[filepath.ToSlash(rel)] = md5.Sum(b)
	}
	return sums
}

func TestAWSCLI(t *testing.T) {
	aws := testenv.RequireTool(t, "aws", "/usr/bin/aws")
	p := testenv.StartProcess(t, testenv.ProcOptions{})
	env := []string{"AWS_ACCESS_KEY_ID=" + testenv.AccessKey, "AWS_SECRET_ACCESS_KEY=" + testenv.SecretKey,
		"AWS_DEFAULT_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true", "HOME=" + t.TempDir(), "AWS_CONFIG_FILE=/dev/null"}
	ep := []string{"--endpoint-url", p.URL()}
	a := func(args ...string) string { return run(t, env, aws, append(args, ep...)...) }
	a("s3", "mb", "s3://cli-aws")
	src := t.TempDir()
	sums := tree(t, src, 60)
	big := filepath.Join(t.TempDir(), "big")
	bigData := make([]byte, 40<<20)
	rand.New(rand.NewSource(1)).Read(bigData)
	os.WriteFile(big, bigData, 0o644)
	a("s3", "cp", big, "s3://cli-aws/big") // multipart
	a("s3", "sync", src, "s3://cli-aws/tree")
	ls := a("s3", "ls", "--recursive", "s3://cli-aws/tree/")
	if n := strings.Count(ls, "\n"); n != len(sums) {
		t.Fatalf("aws s3 ls lists %d objects, want %d", n, len(sums))
	}
	dst := t.TempDir()
	a("s3", "cp", "s3://cli-aws/big", filepath.Join(dst, "big"))
	back, _ := os.ReadFile(filepath.Join(dst, "big"))
	if !bytes.Equal(back, bigData) {
		t.Fatal("40 MiB multipart round trip differs")
	}
	a("s3", "sync", "s3://cli-aws/tree", filepath.Join(dst, "tree"))
	for rel, sum := range sums {
		b, err := os.ReadFile(filepath.Join(dst, "tree", rel))
		if err != nil || md5.Sum(b) != sum {
			t.Fatalf("%s differs after sync back: %v", rel, err)
		}
	}
	out := a("s3api", "head-object", "--bucket", "cli-aws", "--key", "big")
	if !strings.Contains(out, `"ContentLength": 41943040`) {
		t.Fatalf("head-object: %s", out)
	}
	a("s3", "rm", "--recursive", "s3://cli-aws/")
	a("s3", "rb", "s3://cli-aws")
}

func TestS3cmd(t *testing.T) {
	s3cmd := testenv.RequireTool(t, "s3cmd")
	p := testenv.StartProcess(t, testenv.ProcOptions{})
	host := strings.TrimPrefix(p.URL(), "http://")
	cfg := filepath.Join(t.TempDir(), "s3cfg")
	os.WriteFile(cfg, []byte(fmt.Sprintf("[default]\naccess_key = %s\nsecret_key = %s\nhost_base = %s\nhost_bucket = %s\nuse_https = False\nsignature_v2 = False\n",
		testenv.AccessKey, testenv.SecretKey, host, host)), 0o600)
	c := func(args ...string) string {
		return run(t, nil, s3cmd, append([]string{"-c", cfg, "--no-progress"}, args...)...)
	}
	c("mb", "s3://cli-s3cmd")
	src := t.TempDir()
	sums := tree(t, src, 40)
	c("sync", src+"/", "s3://cli-s3cmd/tree/")
	ls := c("ls", "--recursive", "s3://cli-s3cmd/tree/")
	if n := strings.Count(ls, "\n"); n != len(sums) {
		t.Fatalf("s3cmd ls lists %d, want %d:\n%s", n, len(sums), ls)
	}
	dst := t.TempDir()
	c("sync", "s3://cli-s3cmd/tree/", dst+"/")
	for rel, sum := range sums {
		b, err := os.ReadFile(filepath.Join(dst, rel))
		if err != nil || md5.Sum(b) != sum {
			t.Fatalf("%s differs: %v", rel, err)
		}
	}
	c("del", "--recursive", "--force", "s3://cli-s3cmd/tree/")
	c("rb", "s3://cli-s3cmd")
}

func TestRclone(t *testing.T) {
	rclone := testenv.RequireTool(t, "rclone")
	p := testenv.StartProcess(t, testenv.ProcOptions{})
	env := []string{"RCLONE_CONFIG_S_TYPE=s3", "RCLONE_CONFIG_S_PROVIDER=Other", "RCLONE_CONFIG_S_ENDPOINT=" + p.URL(),
		"RCLONE_CONFIG_S_ACCESS_KEY_ID=" + testenv.AccessKey, "RCLONE_CONFIG_S_SECRET_ACCESS_KEY=" + testenv.SecretKey,
		"RCLONE_CONFIG_S_REGION=us-east-1", "RCLONE_CONFIG=/dev/null", "AWS_CA_BUNDLE="}
	r := func(args ...string) string {
		return run(t, env, rclone, args...)
	}
	src := t.TempDir()
	tree(t, src, 500)
	r("mkdir", "s:cli-rclone")
	r("copy", src, "s:cli-rclone/tree")
	r("check", src, "s:cli-rclone/tree")
	// Change the source: delete, modify and add files, then sync and check.
	os.RemoveAll(filepath.Join(src, "d1"))
	os.WriteFile(filepath.Join(src, "d2", "new file.txt"), []byte("new"), 0o644)
	os.WriteFile(filepath.Join(src, "d3", "s0", "plain-3.bin"), []byte("modified"), 0o644)
	r("sync", src, "s:cli-rclone/tree")
	r("check", src, "s:cli-rclone/tree")
	r("purge", "s:cli-rclone")
}
