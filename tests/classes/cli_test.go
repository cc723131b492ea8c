package classestest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/testenv"
)

// strata runs the CLI against endpoint with the test root keys.
func runStrata(t *testing.T, endpoint string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(testenv.Binary(t), args...)
	cmd.Env = append(os.Environ(), "STRATA_ENDPOINT="+endpoint,
		"STRATA_ACCESS_KEY="+testenv.AccessKey, "STRATA_SECRET_KEY="+testenv.SecretKey)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// TestClassCLIAndS3: `strata class set|list|delete` over the REST API,
// an S3 PUT with x-amz-storage-class then lands in the class's pool;
// another account may not read or change classes; a bad policy is
// refused.
func TestClassCLIAndS3(t *testing.T) {
	p := startPooled(t, map[string]int{"ssd": 1, "hdd": 3})
	ep := p.URL()
	run := func(args ...string) string {
		t.Helper()
		out, err := runStrata(t, ep, args...)
		if err != nil {
			t.Fatalf("strata %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	run("class", "set", "standard_ia", "--pool", "hdd", "--policy", "EC2+1", "--small-policy", "THREECOPIES", "--ec-min-size", "1MiB")
	run("class", "set", "STANDARD", "--pool", "ssd", "--policy", "SINGLE", "--small-policy", "SINGLE")
	out := run("class", "list")
	if !strings.Contains(out, "STANDARD_IA  hdd   EC2+1") || !strings.Contains(out, "STANDARD     ssd   SINGLE") {
		t.Fatalf("class list:\n%s", out)
	}
	var list []object.StorageClass
	if err := json.Unmarshal([]byte(run("class", "list", "--json")), &list); err != nil || len(list) != 2 ||
		list[1] != (object.StorageClass{Name: "STANDARD_IA", Pool: "hdd", Policy: "EC2+1", SmallPolicy: "THREECOPIES", ECMinSize: 1 << 20}) {
		t.Fatalf("class list --json: %+v %v", list, err)
	}
	if out, err := runStrata(t, ep, "class", "set", "COLD", "--policy", "EC9"); err == nil {
		t.Fatalf("a bad policy was accepted: %s", out)
	}

	c := p.S3()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("cls")}); err != nil {
		t.Fatal(err)
	}
	big := body(2<<20, 9)
	for key, class := range map[string]types.StorageClass{"ia": types.StorageClassStandardIa, "std": ""} {
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("cls"), Key: aws.String(key),
			Body: bytes.NewReader(big), StorageClass: class}); err != nil {
			t.Fatalf("put %s: %v", key, err)
		}
	}
	if got := p.chunks(); got["hdd"] != 3 || got["ssd"] != 1 {
		t.Fatalf("after S3 PUTs: chunks by pool %v, want 3 on hdd (STANDARD_IA) and 1 on ssd (STANDARD)", got)
	}
	h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("cls"), Key: aws.String("ia")})
	if err != nil || h.StorageClass != types.StorageClassStandardIa {
		t.Fatalf("head: %v %v", h.StorageClass, err)
	}

	for _, m := range []string{"GET", "PUT", "DELETE"} {
		_, err := testenv.AdminAs(ctx, ep, testenv.AltAccessKey, testenv.AltSecretKey, m, "/_strata/api/v1/classes/STANDARD", []byte(`{"pool":"hdd"}`))
		if err == nil || !strings.Contains(err.Error(), "403") {
			t.Errorf("alt %s a class: %v, want 403", m, err)
		}
	}
	run("class", "delete", "standard_ia")
	if out := run("class", "list"); strings.Contains(out, "STANDARD_IA") {
		t.Fatalf("after delete:\n%s", out)
	}
	if out, err := runStrata(t, ep, "class", "delete", "STANDARD_IA"); err == nil || !strings.Contains(out, "no storage class") {
		t.Fatalf("deleting a missing class: %v %s", err, out)
	}
}
