package tieringtest

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestTieringAcrossNodes is the tiering scenario on a 3-node cluster
// whose nodes each have an ssd and an archive volume, driven in part by
// awscli: every node runs the lifecycle scanner (one pass at a time
// cluster-wide), objects written on one gateway move to the archive
// volumes of all three nodes (EC2+1: one fragment per node), reads are
// refused on every gateway, and a restore asked on one gateway is read on
// another.
func TestTieringAcrossNodes(t *testing.T) {
	awsBin := testenv.RequireTool(t, "aws", "/usr/bin/aws")
	cl := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 3, Edit: func(i int, cfg *server.Config) {
		cfg.LifecycleDay = day
		cfg.Volumes = []string{
			filepath.Join(cfg.DataDir, "volumes", "ssd") + ":pool=ssd",
			filepath.Join(cfg.DataDir, "volumes", "archive") + ":pool=archive",
		}
	}})
	n := &node{pools: map[string][]string{}} // only its volume folders: the nodes are cl's
	for i := range cl.Nodes {
		for _, d := range cl.VolumeDirs(i) {
			n.pools[filepath.Base(d)] = append(n.pools[filepath.Base(d)], d)
		}
	}
	for _, c := range classes {
		if _, err := cl.Node(0).Objects.Classes().Put(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	url := func(i int) string { return cl.Node(i).URL() }
	env := append(os.Environ(), "AWS_ACCESS_KEY_ID="+testenv.AccessKey, "AWS_SECRET_ACCESS_KEY="+testenv.SecretKey,
		"AWS_DEFAULT_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true", "HOME="+t.TempDir(), "AWS_CONFIG_FILE=/dev/null")
	awscli := func(node int, args ...string) (string, error) {
		cmd := exec.Command(awsBin, append(args, "--endpoint-url", url(node))...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(node int, args ...string) string {
		t.Helper()
		out, err := awscli(node, args...)
		if err != nil {
			t.Fatalf("aws %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}

	const bucket = "raw-data"
	must(0, "s3api", "create-bucket", "--bucket", bucket)
	must(0, "s3api", "put-bucket-versioning", "--bucket", bucket, "--versioning-configuration", "Status=Enabled")
	objs := writeObjects(t, cl.S3(0), bucket, 100)
	written := time.Now()
	checkPlacement(t, n.walkPools(t), objs, "ssd", 2)

	must(1, "s3api", "put-bucket-lifecycle-configuration", "--bucket", bucket, "--lifecycle-configuration",
		`{"Rules":[{"ID":"to-glacier","Status":"Enabled","Filter":{"Prefix":"raw/"},"Transitions":[{"Days":1,"StorageClass":"GLACIER"}]}]}`)
	waitFor(t, 5*time.Minute, "every object listed as GLACIER", func() bool {
		return countClass(t, cl.S3(2), bucket, types.ObjectStorageClassGlacier) == len(objs)
	})
	listed := time.Since(written)
	waitFor(t, time.Minute, "no chunk file left in pool ssd", func() bool {
		for _, pl := range n.walkPools(t) {
			if pl.files["ssd"] > 0 {
				return false
			}
		}
		return true
	})
	archived := checkPlacement(t, n.walkPools(t), objs, "archive", 3)
	t.Logf("tiering: 3 nodes: %d objects all in GLACIER %.1f s after the last PUT (each is due one day + a quarter day of settling after its PUT); %s of chunk files in archive",
		len(objs), listed.Seconds(), mib(archived))
	// One fragment per node: each archive volume holds one per object.
	for _, d := range n.pools["archive"] {
		one := &node{pools: map[string][]string{"archive": {d}}}
		for key, pl := range one.walkPools(t) {
			if pl.files["archive"] != 1 {
				t.Fatalf("%s: %d fragments on %s, want one per node", key, pl.files["archive"], d)
			}
		}
	}

	// awscli on each gateway: HEAD shows GLACIER, GET is refused.
	first := objs[0]
	dst := filepath.Join(t.TempDir(), "dst")
	for i := range cl.Nodes {
		if out := must(i, "s3api", "head-object", "--bucket", bucket, "--key", first.key); !strings.Contains(out, `"StorageClass": "GLACIER"`) ||
			!strings.Contains(out, first.version) {
			t.Fatalf("head-object on node%d: %s", i+1, out)
		}
		if out, err := awscli(i, "s3api", "get-object", "--bucket", bucket, "--key", first.key, dst); err == nil ||
			!strings.Contains(out, "InvalidObjectState") {
			t.Fatalf("get-object of an archived object on node%d: %v\n%s", i+1, err, out)
		}
	}

	// Restores asked on one gateway (awscli for the first), read on the next.
	restoreStart := time.Now()
	must(1, "s3api", "restore-object", "--bucket", bucket, "--key", first.key, "--restore-request", "Days=365")
	parallel(t, len(objs)-1, 4, func(i int) error {
		o := objs[i+1]
		_, err := cl.S3((i+1)%3).RestoreObject(ctx, &s3.RestoreObjectInput{Bucket: aws.String(bucket), Key: &o.key,
			RestoreRequest: &types.RestoreRequest{Days: aws.Int32(365)}})
		return err
	})
	for i, o := range objs {
		c := cl.S3((i + 1) % 3)
		waitFor(t, 5*time.Minute, "restore of "+o.key, func() bool {
			h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: &o.key})
			return err == nil && strings.HasPrefix(aws.ToString(h.Restore), `ongoing-request="false"`)
		})
	}
	t.Logf("tiering: 3 nodes: %d restores asked on the three gateways done in %.1f s", len(objs), time.Since(restoreStart).Seconds())
	must(2, "s3api", "get-object", "--bucket", bucket, "--key", first.key, dst)
	if got, err := os.ReadFile(dst); err != nil || sha256.Sum256(got) != first.sum {
		t.Fatalf("awscli download of the restored %s: %v, other bytes", first.key, err)
	}
	parallel(t, len(objs), 4, func(i int) error {
		o := objs[i]
		out, err := cl.S3((i+2)%3).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: &o.key})
		if err != nil {
			return fmt.Errorf("get %s after its restore: %w", o.key, err)
		}
		defer out.Body.Close()
		b, err := io.ReadAll(out.Body)
		if err != nil || !bytes.Equal(sha(b), o.sum[:]) {
			return fmt.Errorf("get %s after its restore: %v, other bytes", o.key, err)
		}
		return nil
	})
}

func sha(b []byte) []byte { s := sha256.Sum256(b); return s[:] }
