package sharding

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

func strataCLI(t *testing.T, endpoint string, args ...string) string {
	t.Helper()
	cmd := exec.Command(testenv.Binary(t), args...)
	cmd.Env = append(os.Environ(), "STRATA_ENDPOINT="+endpoint,
		"STRATA_ACCESS_KEY="+testenv.AccessKey, "STRATA_SECRET_KEY="+testenv.SecretKey)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("strata %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	return out.String()
}

// TestShardCLI forces splits with strata bucket split (at a key, then at
// the fullest range's median) and reads the ranges with strata bucket
// shards, as a table and as JSON.
func TestShardCLI(t *testing.T) {
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.Shards.SplitObjects = 0 }})
	c := srv.S3()
	bucket := "cli"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for i := range 40 {
		k := fmt.Sprintf("k%03d", i)
		put(t, c, bucket, k)
		keys = append(keys, k)
	}
	ep := srv.URL()
	strataCLI(t, ep, "bucket", "split", bucket, "--at", "k010")
	out := strataCLI(t, ep, "bucket", "split", bucket) // the fullest: k010.. at its median
	if !strings.HasPrefix(out, "START") || !strings.Contains(out, "k010") {
		t.Fatalf("split:\n%s", out)
	}
	var rs []object.RangeInfo
	if err := json.Unmarshal([]byte(strataCLI(t, ep, "bucket", "shards", bucket, "--json")), &rs); err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 || rs[1].Start != "k010" || rs[0].Objects != 10 || rs[1].Objects+rs[2].Objects != 30 {
		t.Fatalf("shards: %+v", rs)
	}
	got, _ := listAll(t, c, bucket, "", "", 6)
	sameKeys(t, "list after CLI splits", got, keys)
}
