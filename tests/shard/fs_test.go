package sharding

import (
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestSplitFileTree reads the file tree of a split bucket across its
// ranges (readdir in pages, stat on both sides of a boundary).
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
}

// TestSplitFileNamespace changes the file namespace of a split bucket
// (docs/SHARDING.md): each operation runs in the range owning its path;
// unpublished writes move with their file when a split moves it; a
// rename across ranges fails with EXDEV and changes nothing; a parent in
// another range gets its new times; and S3 sees every change at once.
func TestSplitFileNamespace(t *testing.T) {
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.Shards.SplitObjects = 0 }})
	c := srv.S3()
	o := srv.Objects
	bucket := "tree"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		put(t, c, bucket, fmt.Sprintf("dir/f%02d", i))
	}
	if _, err := o.FSMkdir(ctx, bucket, "dir/e", object.FileAttr{Mode: 0o755}); err != nil {
		t.Fatal(err)
	}
	for _, at := range []string{"dir/e/m", "dir/f10", "dir/f20"} {
		if err := o.SplitRange(ctx, bucket, at, object.SplitOptions{}); err != nil {
			t.Fatal(err)
		}
	}

	// Create, write (pending) and read back in a middle range, then
	// publish: S3 reads it.
	if _, err := o.FSCreate(ctx, bucket, "dir/f15x", object.FileAttr{Mode: 0o644}, true); err != nil {
		t.Fatalf("create: %v", err)
	}
	fsWrite(t, o, bucket, "dir/f15x", "v:dir/f15x", false)
	fsRead(t, o, bucket, "dir/f15x", "v:dir/f15x")
	if _, err := o.FSPublish(ctx, bucket, "dir/f15x", 0); err != nil {
		t.Fatalf("publish: %v", err)
	}
	get(t, c, bucket, "dir/f15x")

	// A file's unpublished writes move with it when a split moves it.
	if _, err := o.FSCreate(ctx, bucket, "dir/g1", object.FileAttr{Mode: 0o644}, true); err != nil {
		t.Fatal(err)
	}
	fsWrite(t, o, bucket, "dir/g1", "v:dir/g1", false)
	if err := o.SplitRange(ctx, bucket, "dir/g", object.SplitOptions{}); err != nil {
		t.Fatal(err)
	}
	fsRead(t, o, bucket, "dir/g1", "v:dir/g1")
	if _, err := o.FSPublish(ctx, bucket, "dir/g1", 0); err != nil {
		t.Fatalf("publish after the split: %v", err)
	}
	get(t, c, bucket, "dir/g1")

	// mkdir, rename inside a range, unlink, in three ranges.
	if _, err := o.FSMkdir(ctx, bucket, "dir/new", object.FileAttr{Mode: 0o755}); err != nil {
		t.Fatalf("mkdir: %v", err)
	}
	if err := o.FSRename(ctx, bucket, "dir/f11", "dir/f12x", 0); err != nil {
		t.Fatalf("rename inside a range: %v", err)
	}
	head(t, c, bucket, "dir/f11", false)
	if err := o.FSUnlink(ctx, bucket, "dir/f21"); err != nil {
		t.Fatalf("unlink: %v", err)
	}
	head(t, c, bucket, "dir/f21", false)

	// Across ranges: EXDEV, and both names as they were.
	if err := o.FSRename(ctx, bucket, "dir/f01", "dir/f25x", 0); object.Errno(err) != syscall.EXDEV {
		t.Fatalf("rename across ranges: %v, want EXDEV", err)
	}
	get(t, c, bucket, "dir/f01")
	head(t, c, bucket, "dir/f25x", false)
	if _, err := o.FSLink(ctx, bucket, "dir/f02", "dir/f26x"); object.Errno(err) != syscall.EXDEV {
		t.Fatalf("hard link across ranges: %v, want EXDEV", err)
	}
	// A directory whose children are in other ranges is not empty.
	if err := o.FSRmdir(ctx, bucket, "dir"); object.Errno(err) != syscall.ENOTEMPTY {
		t.Fatalf("rmdir of a directory spanning ranges: %v, want ENOTEMPTY", err)
	}

	// Parents in another range than the new name get its times: dir/e/
	// is in range 0, dir/e/z in the next; the root is range 0's.
	for _, p := range []string{"dir/e/z", "zz"} {
		e, err := o.FSCreate(ctx, bucket, p, object.FileAttr{Mode: 0o644}, true)
		if err != nil {
			t.Fatalf("create %s: %v", p, err)
		}
		parent, _ := path.Split(p)
		pe, err := o.FSStat(ctx, bucket, strings.TrimSuffix(parent, "/"))
		if err != nil {
			t.Fatal(err)
		}
		if pe.Mtime != e.Ctime {
			t.Errorf("parent of %s: mtime %d, want the new name's ctime %d", p, pe.Mtime, e.Ctime)
		}
	}

	var names []string
	for after := ""; ; {
		es, next, err := o.FSList(ctx, bucket, "dir", after, 7)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			names = append(names, e.Name)
		}
		if after = next; next == "" {
			break
		}
	}
	want := []string{"e", "f00", "f01", "f02", "f03", "f04", "f05", "f06", "f07", "f08", "f09", "f10", "f12", "f12x",
		"f13", "f14", "f15", "f15x", "f16", "f17", "f18", "f19", "f20", "f22", "f23", "f24", "f25", "f26", "f27", "f28", "f29", "g1", "new"}
	if !slices.Equal(names, want) {
		t.Fatalf("readdir after the changes:\n got %q\nwant %q", names, want)
	}
}

func fsWrite(t *testing.T, o *object.Service, bucket, p, body string, publish bool) {
	t.Helper()
	if _, err := o.FSWrite(ctx, bucket, p, []object.Run{{Off: 0, Len: int64(len(body))}}, strings.NewReader(body), publish, 0); err != nil {
		t.Fatalf("write %s: %v", p, err)
	}
}

func fsRead(t *testing.T, o *object.Service, bucket, p, want string) {
	t.Helper()
	rc, _, err := o.FSRead(ctx, bucket, p, 0, 1<<20)
	if err != nil {
		t.Fatalf("read %s: %v", p, err)
	}
	defer rc.Close()
	b, _ := io.ReadAll(rc)
	if string(b) != want {
		t.Fatalf("read %s: %q, want %q", p, b, want)
	}
}

// head checks whether a key exists through S3.
func head(t *testing.T, c *s3.Client, bucket, key string, exists bool) {
	t.Helper()
	_, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bucket, Key: &key})
	if (err == nil) != exists {
		t.Fatalf("head %s: %v, want exists=%v", key, err, exists)
	}
}

// TestSplitDefaultRetention: a bucket's default retention, kept in its
// own range, reaches every write of a split bucket, in whatever range
// the key lives (a write in a moved range used to look for it there and
// find none).
func TestSplitDefaultRetention(t *testing.T) {
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.Shards.SplitObjects = 0 }})
	c := srv.S3()
	bucket := "locked"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket, ObjectLockEnabledForBucket: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	_, err := c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: &bucket,
		ObjectLockConfiguration: &types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled,
			Rule: &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{Mode: types.ObjectLockRetentionModeGovernance, Days: aws.Int32(1)}}}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		put(t, c, bucket, fmt.Sprintf("k%02d", i))
	}
	if err := srv.Objects.SplitRange(ctx, bucket, "k05", object.SplitOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"k02", "k07", "k99"} {
		put(t, c, bucket, key)
		out, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bucket, Key: &key})
		if err != nil {
			t.Fatal(err)
		}
		if out.ObjectLockMode != types.ObjectLockModeGovernance || out.ObjectLockRetainUntilDate == nil {
			t.Errorf("%s: lock mode %q until %v, want the bucket's default retention", key, out.ObjectLockMode, out.ObjectLockRetainUntilDate)
		}
	}
}

// TestSplitUnderFileWrites splits a bucket while file operations go on
// in it: creates, unpublished writes, appends and publishes of files on
// both sides of the split key. Every file ends with everything written to
// it, through the file API and through S3: no pending write is left
// behind in the old range.
func TestSplitUnderFileWrites(t *testing.T) {
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.Shards.SplitObjects = 0 }})
	c := srv.S3()
	o := srv.Objects
	bucket := "busy"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		put(t, c, bucket, fmt.Sprintf("pre/%03d", i))
	}
	for _, d := range []string{"b", "p", "y"} {
		if _, err := o.FSMkdir(ctx, bucket, d, object.FileAttr{Mode: 0o755}); err != nil {
			t.Fatal(err)
		}
	}
	const workers, files = 4, 12
	stop := make(chan struct{})
	done := make(chan error, workers)
	bodies := make([]map[string]string, workers)
	for w := range workers {
		bodies[w] = map[string]string{}
		go func() {
			var err error
			defer func() { done <- err }()
			for round := 0; ; round++ {
				select {
				case <-stop:
					return
				default:
				}
				p := fmt.Sprintf("%c/w%d-%02d", "bpy"[round%3], w, round%files)
				if _, err = o.FSCreate(ctx, bucket, p, object.FileAttr{Mode: 0o644}, false); err != nil {
					err = fmt.Errorf("create %s: %w", p, err)
					return
				}
				piece := fmt.Sprintf("[%d]", round)
				off := int64(len(bodies[w][p]))
				_, err = o.FSWrite(ctx, bucket, p, []object.Run{{Off: off, Len: int64(len(piece))}}, strings.NewReader(piece), false, 0)
				if err != nil {
					err = fmt.Errorf("write %s: %w", p, err)
					return
				}
				bodies[w][p] += piece
				if round%2 == 0 {
					if _, err = o.FSPublish(ctx, bucket, p, 0); err != nil {
						err = fmt.Errorf("publish %s: %w", p, err)
						return
					}
				}
			}
		}()
	}
	for _, at := range []string{"p", "pre/100"} {
		if err := o.SplitRange(ctx, bucket, at, object.SplitOptions{}); err != nil {
			t.Fatalf("split at %s: %v", at, err)
		}
	}
	close(stop)
	for range workers {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for w := range workers {
		for p, body := range bodies[w] {
			fsRead(t, o, bucket, p, body)
			if _, err := o.FSPublish(ctx, bucket, p, 0); err != nil {
				t.Fatalf("publish %s: %v", p, err)
			}
			getBody(t, c, bucket, p, body)
			n++
		}
	}
	if ranges, err := o.BucketRanges(ctx, bucket); err != nil || len(ranges) != 3 {
		t.Fatalf("ranges: %v, %v", ranges, err)
	}
	t.Logf("%d files checked", n)
}
