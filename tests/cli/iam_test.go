package clitest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestIdentityCLI: the administrator makes an account, a user in it, a
// key and policies with `strata account|user|key|policy`; mistakes get
// clear messages.
func TestIdentityCLI(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	ep := s.URL()
	out := mustCLI(t, ep, "account", "create", "acme", "--email", "ops@acme.test")
	var acct restapi.CreatedAccount
	if err := json.Unmarshal([]byte(out), &acct); err != nil || acct.Account.Name != "acme" || acct.AccessKey.SecretKey == "" {
		t.Fatalf("account create: %v\n%s", err, out)
	}
	if out := mustCLI(t, ep, "account", "list"); !strings.Contains(out, "acme ") || !strings.Contains(out, "root ") || !strings.HasPrefix(out, "NAME") {
		t.Fatalf("account list:\n%s", out)
	}
	mustCLI(t, ep, "user", "create", "bob", "--account", "acme", "--path", "/eng/")
	out = mustCLI(t, ep, "key", "create", "--user", "bob", "--account", "acme")
	var key restapi.NewKey
	if err := json.Unmarshal([]byte(out), &key); err != nil || key.AccessKey == "" || key.SecretKey == "" {
		t.Fatalf("key create: %v\n%s", err, out)
	}
	doc := filepath.Join(t.TempDir(), "p.json")
	os.WriteFile(doc, []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`), 0o644)
	mustCLI(t, ep, "policy", "put", "list", "--user", "bob", "--file", doc, "--account", "acme")
	mustCLI(t, ep, "policy", "attach", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "--user", "bob", "--account", "acme")
	if out := mustCLI(t, ep, "policy", "attached", "--user", "bob", "--account", "acme"); !strings.Contains(out, "AmazonS3ReadOnlyAccess") {
		t.Fatalf("attached:\n%s", out)
	}
	if out := mustCLI(t, ep, "policy", "get-inline", "list", "--user", "bob", "--account", "acme"); !strings.Contains(out, `"s3:ListAllMyBuckets"`) {
		t.Fatalf("inline policy not decoded:\n%s", out)
	}
	if out := mustCLI(t, ep, "policy", "simulate", "s3:ListAllMyBuckets", "*", "--user", "bob", "--account", "acme"); !strings.HasPrefix(out, "ALLOWED") || !strings.Contains(out, "user bob inline policy list") {
		t.Fatalf("simulate:\n%s", out)
	}
	// Bob's key works for what his policies allow.
	bob := testenv.S3Client(ep, key.AccessKey, key.SecretKey)
	if _, err := bob.ListBuckets(t.Context(), nil); err != nil {
		t.Fatalf("bob lists buckets: %v", err)
	}
	if out := mustCLI(t, ep, "key", "list", "--user", "bob", "--account", "acme", "--json"); !strings.Contains(out, key.AccessKey) || strings.Contains(out, key.SecretKey) {
		t.Fatalf("key list --json:\n%s", out)
	}
	mustCLI(t, ep, "key", "disable", key.AccessKey, "--user", "bob", "--account", "acme")
	if _, err := bob.ListBuckets(t.Context(), nil); err == nil || !strings.Contains(err.Error(), "InvalidAccessKeyId") {
		t.Fatalf("disabled key: %v", err)
	}
	for args, want := range map[string]string{
		"user delete nobody --account acme":                            "NoSuchEntity: The user with name nobody cannot be found.",
		"user delete bob --account acme":                               "DeleteConflict",
		"account delete acme":                                          "DeleteConflict",
		"user create bad/name --account acme":                          "ValidationError",
		"policy attach arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess": "name a --user, --group or --role",
	} {
		out, err := strataCLI(t, ep, strings.Fields(args)...)
		if err == nil || !strings.Contains(out, want) {
			t.Errorf("strata %s: err %v, output %q, want %q", args, err, out, want)
		}
	}
}

// TestAwscliIAM: awscli's own iam and sts commands, unchanged, against
// the S3 endpoint.
func TestAwscliIAM(t *testing.T) {
	aws := testenv.RequireTool(t, "aws", "/usr/bin/aws")
	s := testenv.Start(t, testenv.Options{})
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(aws, append([]string{"--endpoint-url", s.URL(), "--output", "json"}, args...)...)
		cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID="+testenv.AccessKey, "AWS_SECRET_ACCESS_KEY="+testenv.SecretKey,
			"AWS_DEFAULT_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null")
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("aws %s: %v\n%s", strings.Join(args, " "), err, b)
		}
		return string(b)
	}
	run("iam", "create-user", "--user-name", "carla")
	run("iam", "create-group", "--group-name", "ops")
	run("iam", "add-user-to-group", "--group-name", "ops", "--user-name", "carla")
	pol := run("iam", "create-policy", "--policy-name", "ro", "--policy-document", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}`)
	var p struct{ Policy struct{ Arn string } }
	json.Unmarshal([]byte(pol), &p)
	run("iam", "attach-group-policy", "--group-name", "ops", "--policy-arn", p.Policy.Arn)
	if out := run("iam", "list-attached-group-policies", "--group-name", "ops"); !strings.Contains(out, p.Policy.Arn) {
		t.Fatalf("attached:\n%s", out)
	}
	if out := run("iam", "get-group", "--group-name", "ops"); !strings.Contains(out, "carla") {
		t.Fatalf("members:\n%s", out)
	}
	if out := run("sts", "get-caller-identity"); !strings.Contains(out, ":root") {
		t.Fatalf("caller:\n%s", out)
	}
	if out := run("iam", "list-policies", "--scope", "Local"); !strings.Contains(out, `"ro"`) {
		t.Fatalf("policies:\n%s", out)
	}
}
