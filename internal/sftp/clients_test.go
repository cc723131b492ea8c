package sftp_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"fmt"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// allS3 lets a user do anything in S3 (and nothing in IAM).
const allS3 = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`

func run(t *testing.T, env []string, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = nil
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

func mustRun(t *testing.T, env []string, name string, args ...string) string {
	t.Helper()
	out, err := run(t, env, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

// TestOpenSSHClient: OpenSSH's sftp in batch mode, logged in with a key
// made by ssh-keygen and registered with `aws iam upload-ssh-public-key`;
// once the key is made inactive, the same command is refused.
func TestOpenSSHClient(t *testing.T) {
	sftpBin := testenv.RequireTool(t, "sftp")
	keygen := testenv.RequireTool(t, "ssh-keygen")
	awsBin := testenv.RequireTool(t, "aws", "/usr/bin/aws")
	n := start(t, "")
	ak, _ := n.CreateUser(t, "cliuser", allS3)
	_, port, _ := net.SplitHostPort(n.ProtocolAddr("sftp"))

	dir := t.TempDir()
	key := filepath.Join(dir, "id_ed25519")
	mustRun(t, nil, keygen, "-q", "-t", "ed25519", "-N", "", "-f", key)
	pub, err := os.ReadFile(key + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	awsEnv := []string{"AWS_ACCESS_KEY_ID=" + testenv.AccessKey, "AWS_SECRET_ACCESS_KEY=" + testenv.SecretKey,
		"AWS_DEFAULT_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true", "HOME=" + dir, "AWS_CONFIG_FILE=/dev/null"}
	iamCmd := func(args ...string) string {
		return mustRun(t, awsEnv, awsBin, append([]string{"--endpoint-url", n.URL(), "--output", "text", "iam"}, args...)...)
	}
	id := strings.TrimSpace(iamCmd("upload-ssh-public-key", "--user-name", "cliuser", "--ssh-public-key-body", string(pub),
		"--query", "SSHPublicKey.SSHPublicKeyId"))
	if !strings.HasPrefix(id, "APKA") {
		t.Fatalf("upload-ssh-public-key answered %q", id)
	}
	if out := iamCmd("list-ssh-public-keys", "--user-name", "cliuser"); !strings.Contains(out, id) || !strings.Contains(out, "Active") {
		t.Fatalf("list-ssh-public-keys: %s", out)
	}

	local := filepath.Join(dir, "local.bin")
	data := make([]byte, 3<<20+123)
	rand.New(rand.NewSource(1)).Read(data)
	if err := os.WriteFile(local, data, 0o644); err != nil {
		t.Fatal(err)
	}
	batch := filepath.Join(dir, "batch")
	os.WriteFile(batch, []byte(strings.Join([]string{
		"mkdir /openssh", "cd /openssh", "mkdir sub", "put " + local + " sub/file.bin", "ls -l sub",
		"rename sub/file.bin sub/moved.bin", "get sub/moved.bin " + filepath.Join(dir, "back.bin"),
		"put " + local + " gone.bin", "rm gone.bin", "mkdir empty", "rmdir empty", "ls -la /openssh",
	}, "\n")+"\n"), 0o600)
	sftpArgs := []string{"-b", batch, "-i", key, "-P", port, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
		"-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-F", "/dev/null", ak + "@127.0.0.1"}
	out := mustRun(t, []string{"HOME=" + dir}, sftpBin, sftpArgs...)
	t.Logf("sftp batch:\n%s", out)
	back, err := os.ReadFile(filepath.Join(dir, "back.bin"))
	if err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "sftp get of an sftp put", back, data)
	mustEqual(t, "s3 get of an sftp put", s3Get(t, n.S3(), "openssh", "sub/moved.bin"), data)
	if !strings.Contains(out, "moved.bin") && !strings.Contains(out, "sub") {
		t.Fatalf("listing missing from the batch output:\n%s", out)
	}

	iamCmd("update-ssh-public-key", "--user-name", "cliuser", "--ssh-public-key-id", id, "--status", "Inactive")
	if out, err := run(t, []string{"HOME=" + dir}, sftpBin, sftpArgs...); err == nil {
		t.Fatalf("sftp logged in with an inactive key:\n%s", out)
	}
}

// TestRclone: rclone's sftp backend syncs a 500-file tree, rclone check
// (comparing the bytes) finds no difference, and S3 lists the same tree.
func TestRclone(t *testing.T) {
	rclone := testenv.RequireTool(t, "rclone")
	n := start(t, "")
	ak, _ := n.CreateUser(t, "rcloneuser", allS3)
	host, port, _ := net.SplitHostPort(n.ProtocolAddr("sftp"))
	keyFile, _, pub := newKey(t)
	if _, err := n.IAMClient().UploadSSHPublicKey(context.Background(), &iam.UploadSSHPublicKeyInput{UserName: aws.String("rcloneuser"), SSHPublicKeyBody: &pub}); err != nil {
		t.Fatal(err)
	}
	if _, err := n.S3().CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String("rclone")}); err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	sums := tree(t, src, 500)
	env := []string{"RCLONE_CONFIG=/dev/null", "RCLONE_CONFIG_X_TYPE=sftp", "RCLONE_CONFIG_X_HOST=" + host,
		"RCLONE_CONFIG_X_PORT=" + port, "RCLONE_CONFIG_X_USER=" + ak, "RCLONE_CONFIG_X_KEY_FILE=" + keyFile,
		"RCLONE_CONFIG_X_SHELL_TYPE=none", "HOME=" + t.TempDir()}
	mustRun(t, env, rclone, "sync", src, "x:/rclone/tree")
	out := mustRun(t, env, rclone, "check", "--download", src, "x:/rclone/tree")
	if !strings.Contains(out, "0 differences found") || !strings.Contains(out, "500 matching files") {
		t.Fatalf("rclone check:\n%s", out)
	}

	// S3 lists the same tree, each object with the file's bytes.
	got := map[string]int64{}
	p := s3.NewListObjectsV2Paginator(n.S3(), &s3.ListObjectsV2Input{Bucket: aws.String("rclone"), Prefix: aws.String("tree/")})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			if strings.HasSuffix(*o.Key, "/") {
				continue // a folder's marker
			}
			got[strings.TrimPrefix(*o.Key, "tree/")] = *o.Size
		}
	}
	if len(got) != len(sums) {
		t.Fatalf("S3 lists %d objects under tree/, want %d", len(got), len(sums))
	}
	for rel, sum := range sums {
		size, ok := got[rel]
		if !ok {
			t.Fatalf("S3 does not list %s", rel)
		}
		if rel == firstLarge(sums) {
			b := s3Get(t, n.S3(), "rclone", "tree/"+rel)
			if md5.Sum(b) != sum || int64(len(b)) != size {
				t.Fatalf("S3 GET of %s differs from the file", rel)
			}
		}
	}
}

// tree writes n files of assorted sizes and names under dir (a few of
// several MiB, some empty) and returns their MD5 sums by path.
func tree(t *testing.T, dir string, n int) map[string][16]byte {
	t.Helper()
	rng := rand.New(rand.NewSource(42))
	sums := map[string][16]byte{}
	names := []string{"plain", "with space", "unicodé", "dash-and_underscore"}
	for i := range n {
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

// firstLarge names the tree's first multi-MiB file (i = 50).
func firstLarge(map[string][16]byte) string { return "d1/s2/dash-and_underscore-50.bin" }
