package sharding

import (
	"fmt"
	"slices"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestSplitFileTree reads the file tree of a split bucket across its
// ranges (readdir in pages, stat on both sides of a boundary), and checks
// that a change through the file namespace is refused with EROFS
// (docs/SHARDING.md: the namespace of a split bucket is read-only).
func TestSplitFileTree(t *testing.T) {
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.Shards.SplitObjects = 0 }})
	c := srv.S3()
	bucket := "tree"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		t.Fatal(err)
	}
	var names []string
	for i := range 30 {
		n := fmt.Sprintf("f%02d", i)
		put(t, c, bucket, "dir/"+n)
		names = append(names, n)
	}
	for _, at := range []string{"dir/f10", "dir/f20"} {
		if err := srv.Objects.SplitRange(ctx, bucket, at, object.SplitOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	after := ""
	for {
		es, next, err := srv.Objects.FSList(ctx, bucket, "dir", after, 7)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			got = append(got, e.Name)
		}
		if next == "" {
			break
		}
		after = next
	}
	if !slices.Equal(got, names) {
		t.Fatalf("readdir across ranges: %q", got)
	}
	for _, p := range []string{"dir/f09", "dir/f10", "dir/f29"} {
		if _, err := srv.Objects.FSStat(ctx, bucket, p); err != nil {
			t.Fatalf("stat %s: %v", p, err)
		}
	}
	if _, err := srv.Objects.FSMkdir(ctx, bucket, "dir/new", object.FileAttr{Mode: 0o755}); object.Errno(err) != syscall.EROFS {
		t.Fatalf("mkdir in a split bucket: %v", err)
	}
}
