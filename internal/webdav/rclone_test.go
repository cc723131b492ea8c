package webdav_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestRclone: rclone's webdav backend syncs a 500-file tree, rclone check
// finds 0 differences, and S3 lists the same tree.
func TestRclone(t *testing.T) {
	bin := testenv.RequireTool(t, "rclone")
	n, base := node(t, "dav")
	src := t.TempDir()
	want := map[string]int{}
	for i := range 500 {
		name := fmt.Sprintf("d%d/sub%d/file-%03d.bin", i%10, i%3, i)
		body := []byte(strings.Repeat(fmt.Sprintf("%d,", i), 1+i*7%2000))
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		want["tree/"+name] = len(body)
	}
	pass, err := exec.Command(bin, "obscure", testenv.SecretKey).Output()
	if err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_CA_BUNDLE=") { // rclone fails on it (TESTING.md)
			env = append(env, kv)
		}
	}
	env = append(env, "RCLONE_CONFIG="+filepath.Join(t.TempDir(), "rclone.conf"),
		"RCLONE_CONFIG_D_TYPE=webdav", "RCLONE_CONFIG_D_URL="+base, "RCLONE_CONFIG_D_VENDOR=other",
		"RCLONE_CONFIG_D_USER="+testenv.AccessKey, "RCLONE_CONFIG_D_PASS="+strings.TrimSpace(string(pass)))
	rclone := func(args ...string) string {
		t.Helper()
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("rclone %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	rclone("sync", "--transfers", "8", src, "d:dav/tree")
	out := rclone("check", src, "d:dav/tree")
	t.Logf("rclone check: %s", out)
	if !strings.Contains(out, "0 differences found") {
		t.Fatalf("rclone check: %s", out)
	}

	got := map[string]int{}
	p := s3.NewListObjectsV2Paginator(n.S3(), &s3.ListObjectsV2Input{Bucket: aws.String("dav")})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			if !strings.HasSuffix(*o.Key, "/") {
				got[*o.Key] = int(*o.Size)
			}
		}
	}
	if len(got) != len(want) {
		t.Fatalf("S3 lists %d objects, want %d", len(got), len(want))
	}
	var bad []string
	for k, size := range want {
		if got[k] != size {
			bad = append(bad, fmt.Sprintf("%s: %d, want %d", k, got[k], size))
		}
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		t.Fatalf("S3 differs: %v", bad[:min(5, len(bad))])
	}
}
