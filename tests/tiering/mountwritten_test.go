package tieringtest

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestMountWrittenFilesTier: raw data dropped into a FUSE mount is tiered
// like S3 objects. The transition rewrites the files' data into the
// archive pool (their old chunks, which hard links could share, go to the
// orphan collector), a new mount lists them and refuses their data with
// the archive errno, and after a restore the mount reads the bytes
// written.
func TestMountWrittenFilesTier(t *testing.T) {
	testenv.RequireFUSE(t)
	n := startNode(t)
	c := n.S3()
	const bucket, count = "drop", 20
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	sums := map[string][32]byte{}
	func() {
		dir := testenv.Mount(t, n.URL(), bucket, fuse.Options{})
		if err := os.Mkdir(filepath.Join(dir, "raw"), 0o755); err != nil {
			t.Fatal(err)
		}
		for i := range count {
			b := make([]byte, 100<<10)
			rand.New(rand.NewSource(int64(i))).Read(b)
			name := fmt.Sprintf("raw/f%02d", i)
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
			sums[name] = sha256.Sum256(b)
		}
	}()
	// The folder is an object too ("raw/", empty), which the rule's
	// prefix also selects.
	waitFor(t, time.Minute, "the files published as objects", func() bool {
		return countClass(t, c, bucket, types.ObjectStorageClassStandard) == count+1
	})
	lifecycle(t, c, bucket, types.LifecycleRule{ID: aws.String("archive"), Status: types.ExpirationStatusEnabled,
		Filter:      &types.LifecycleRuleFilter{Prefix: aws.String("raw/")},
		Transitions: []types.Transition{{Days: aws.Int32(1), StorageClass: types.TransitionStorageClassGlacier}}})
	waitFor(t, 2*time.Minute, "every file in GLACIER", func() bool {
		return countClass(t, c, bucket, types.ObjectStorageClassGlacier) == count+1
	})
	gc, err := n.Objects.CollectOrphans(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := n.walkPools(t)
	for name := range sums {
		if pl := found[name]; pl == nil || pl.files["archive"] != 3 || pl.files["ssd"] != 0 {
			t.Fatalf("%s after the transition and an orphan collection (%+v): chunk files %+v, want 3 in archive only", name, gc, pl)
		}
	}
	for key, pl := range found {
		if pl.files["ssd"] != 0 {
			t.Fatalf("chunk files of %q left in ssd after the orphan collection: %v", key, pl.files)
		}
	}
	t.Logf("tiering: mount-written files: the orphan collector freed %d old chunks (%s) after their transition", gc.Deleted, mib(gc.Bytes))

	dir := testenv.Mount(t, n.URL(), bucket, fuse.Options{})
	ents, err := os.ReadDir(filepath.Join(dir, "raw"))
	if err != nil || len(ents) != count {
		t.Fatalf("the mount lists %d files (%v), want %d", len(ents), err, count)
	}
	if _, err := os.ReadFile(filepath.Join(dir, "raw/f00")); !errors.Is(err, object.ErrnoArchived) {
		t.Fatalf("read of an archived file: %v, want %v", err, object.ErrnoArchived)
	}
	for name := range sums {
		if _, err := c.RestoreObject(ctx, &s3.RestoreObjectInput{Bucket: aws.String(bucket), Key: aws.String(name),
			RestoreRequest: &types.RestoreRequest{Days: aws.Int32(365)}}); err != nil {
			t.Fatal(err)
		}
	}
	for name := range sums {
		waitFor(t, time.Minute, "restore of "+name, func() bool {
			h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(name)})
			return err == nil && strings.HasPrefix(aws.ToString(h.Restore), `ongoing-request="false"`)
		})
	}
	dir = testenv.Mount(t, n.URL(), bucket, fuse.Options{})
	for name, sum := range sums {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || sha256.Sum256(b) != sum {
			t.Fatalf("read of the restored %s through a mount: %v (%d bytes, same %v)", name, err, len(b), sha256.Sum256(b) == sum)
		}
	}
}
