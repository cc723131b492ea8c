package clitest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestAwscliIdentityOnTLSCluster is the awscli scenario, on a
// 3-node `strata cluster local --tls`: a user confined by
// ${aws:username}, a bucket-policy Deny over an identity Allow, a
// deactivated key refused by every gateway, and assume-role credentials
// with the requested lifetime.
func TestAwscliIdentityOnTLSCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("process cluster")
	}
	aws := testenv.RequireTool(t, "aws", "/usr/bin/aws")
	lc := testenv.StartLocalCluster(t, testenv.LocalOptions{Nodes: 3, TLS: true})
	ep := func(i int) string { return lc.File.Nodes[i].S3 }
	tmp := t.TempDir()
	awsAs := func(ak, sk, token string, node int, args ...string) (string, error) {
		cmd := exec.Command(aws, append([]string{"--endpoint-url", ep(node), "--output", "json"}, args...)...)
		cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID="+ak, "AWS_SECRET_ACCESS_KEY="+sk, "AWS_SESSION_TOKEN="+token,
			"AWS_CA_BUNDLE="+lc.File.CA, "AWS_DEFAULT_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true",
			"AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null")
		b, err := cmd.CombinedOutput()
		return string(b), err
	}
	root := func(args ...string) string {
		t.Helper()
		out, err := awsAs(lc.Root.AccessKey, lc.Root.SecretKey, "", 0, args...)
		if err != nil {
			t.Fatalf("aws %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	file := filepath.Join(tmp, "f.txt")
	os.WriteFile(file, []byte("hello"), 0o644)
	root("s3", "mb", "s3://bucket")
	for _, k := range []string{"team/alice/x.txt", "other/x.txt", "secret/x.txt"} {
		root("s3", "cp", file, "s3://bucket/"+k)
	}
	root("iam", "create-user", "--user-name", "alice")
	var key struct {
		AccessKey struct{ AccessKeyId, SecretAccessKey string }
	}
	json.Unmarshal([]byte(root("iam", "create-access-key", "--user-name", "alice")), &key)
	ak, sk := key.AccessKey.AccessKeyId, key.AccessKey.SecretAccessKey
	root("iam", "put-user-policy", "--user-name", "alice", "--policy-name", "own", "--policy-document",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/team/${aws:username}/*"}]}`)

	// 1. Alice reads her prefix, on every gateway, and nothing else.
	for node := 0; node < 3; node++ {
		if out, err := awsAs(ak, sk, "", node, "s3", "cp", "s3://bucket/team/alice/x.txt", "-"); err != nil || out != "hello" {
			t.Fatalf("node%d: alice reads her prefix: %v %q", node+1, err, out)
		}
	}
	if out, err := awsAs(ak, sk, "", 1, "s3api", "get-object", "--bucket", "bucket", "--key", "other/x.txt", filepath.Join(tmp, "o")); err == nil || !strings.Contains(out, "AccessDenied") {
		t.Fatalf("alice outside her prefix: %v %s", err, out)
	}

	// 2. A bucket-policy Deny wins over an identity Allow of s3:*.
	root("iam", "attach-user-policy", "--user-name", "alice", "--policy-arn", "arn:aws:iam::aws:policy/AmazonS3FullAccess")
	root("s3api", "put-bucket-policy", "--bucket", "bucket", "--policy",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::bucket/secret/*"}]}`)
	if out, err := awsAs(ak, sk, "", 2, "s3", "cp", file, "s3://bucket/team/alice/new.txt"); err != nil {
		t.Fatalf("identity allow: %v %s", err, out)
	}
	if out, err := awsAs(ak, sk, "", 2, "s3api", "get-object", "--bucket", "bucket", "--key", "secret/x.txt", filepath.Join(tmp, "s")); err == nil || !strings.Contains(out, "AccessDenied") {
		t.Fatalf("bucket deny: %v %s", err, out)
	}

	// 3. Assume-role credentials carry the lifetime asked for.
	var user struct{ User struct{ Arn string } }
	json.Unmarshal([]byte(root("iam", "get-user", "--user-name", "alice")), &user)
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + user.User.Arn + `"},"Action":"sts:AssumeRole"}]}`
	var role struct{ Role struct{ Arn string } }
	json.Unmarshal([]byte(root("iam", "create-role", "--role-name", "reader", "--assume-role-policy-document", trust)), &role)
	root("iam", "put-role-policy", "--role-name", "reader", "--policy-name", "r", "--policy-document",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/other/*"}]}`)
	asked := time.Now()
	out, err := awsAs(ak, sk, "", 1, "sts", "assume-role", "--role-arn", role.Role.Arn, "--role-session-name", "s1", "--duration-seconds", "900")
	if err != nil {
		t.Fatalf("assume-role: %v %s", err, out)
	}
	var cr struct {
		Credentials struct {
			AccessKeyId, SecretAccessKey, SessionToken string
			Expiration                                 time.Time
		}
	}
	if err := json.Unmarshal([]byte(out), &cr); err != nil {
		t.Fatal(err)
	}
	if d := cr.Credentials.Expiration.Sub(asked); d < 895*time.Second || d > 905*time.Second {
		t.Fatalf("session lasts %v, want 900 s", d)
	}
	c := cr.Credentials
	if out, err := awsAs(c.AccessKeyId, c.SecretAccessKey, c.SessionToken, 2, "s3", "cp", "s3://bucket/other/x.txt", "-"); err != nil || out != "hello" {
		t.Fatalf("role session on node3: %v %q", err, out)
	}

	// 4. A key deactivated through node1 is refused by every gateway.
	clients := make([]*s3.Client, 3)
	for i := range clients {
		clients[i] = testenv.S3ClientCA(ep(i), ak, sk, lc.Roots)
	}
	root("iam", "update-access-key", "--user-name", "alice", "--access-key-id", ak, "--status", "Inactive")
	changed := time.Now()
	for i, c := range clients {
		for {
			_, err := c.ListBuckets(t.Context(), &s3.ListBucketsInput{})
			if err != nil && strings.Contains(err.Error(), "InvalidAccessKeyId") {
				break
			}
			if time.Since(changed) > 10*time.Second {
				t.Fatalf("node%d still accepts the deactivated key: %v", i+1, err)
			}
			time.Sleep(5 * time.Millisecond)
		}
		t.Logf("node%d refuses the deactivated key %v after awscli returned", i+1, time.Since(changed))
	}
}
