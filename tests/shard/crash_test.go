package sharding

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestSplitCrash stops a split after each of its steps, as a crash of the
// gateway running it would, and checks that every key stays readable and
// listed, that the next pass rolls the split back (before the fence) or
// finishes it (after), and that a write which met the fence completes on
// the new range.
func TestSplitCrash(t *testing.T) {
	// The test runs every pass itself: the job's would take a stopped
	// split before the test's pass does.
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.Shards.SplitObjects, c.Shards.SplitEvery = 0, time.Hour }})
	c := srv.S3()
	for _, step := range []string{"planned", "copied", "fenced", "synced", "published"} {
		t.Run(step, func(t *testing.T) {
			bucket := "crash-" + step
			keys := sixtyKeys(t, c, bucket)
			opts := object.SplitOptions{StopAfter: func(s string) bool { return s == step }}
			if err := srv.Objects.SplitRange(ctx, bucket, "k030", opts); !errors.Is(err, object.ErrSplitStopped) {
				t.Fatalf("split stopped after %s: %v", step, err)
			}
			if !splitting(t, srv.Node, bucket) {
				t.Fatal("no split in progress after the crash")
			}
			// The usage counts every key once while the split is stuck.
			if u, err := srv.Objects.BucketUsage(ctx, bucket); err != nil || u.Objects != int64(len(keys)) {
				t.Fatalf("usage mid-split %d objects, want %d (%v)", u.Objects, len(keys), err)
			}
			// Everything reads while the split is stuck.
			got, _ := listAll(t, c, bucket, "", "", 7)
			sameKeys(t, "list mid-split", got, keys)
			for _, k := range keys {
				get(t, c, bucket, k)
			}
			// A write of a moved key: after the fence it waits for the
			// next pass to finish the split.
			done := make(chan error, 1)
			go func() {
				k := "k045x"
				_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: &k, Body: stringsReader("v:" + k)})
				done <- err
			}()
			rep, err := srv.Objects.SplitBuckets(ctx, object.SplitOptions{})
			if err != nil || rep.Resumed != 1 {
				t.Fatalf("resume: %+v %v", rep, err)
			}
			if err := <-done; err != nil {
				t.Fatalf("write during the crashed split: %v", err)
			}
			keys = append(keys, "k045x")
			want := []string{"", "k030"}
			if step == "planned" || step == "copied" {
				want = want[:1] // rolled back
			}
			if got := ranges(t, srv.Node, bucket); !slices.Equal(got, want) {
				t.Fatalf("ranges after resume %q, want %q", got, want)
			}
			if splitting(t, srv.Node, bucket) {
				t.Fatal("split still in progress")
			}
			got, _ = listAll(t, c, bucket, "", "", 7)
			sameKeys(t, "list after resume", got, keys)
			for _, k := range keys {
				get(t, c, bucket, k)
			}
			// The state is consistent: the bucket splits again.
			if err := srv.Objects.SplitRange(ctx, bucket, "k015", object.SplitOptions{}); err != nil {
				t.Fatal(err)
			}
			got, _ = listAll(t, c, bucket, "", "", 1000)
			sameKeys(t, "list after a second split", got, keys)
			u, err := srv.Objects.BucketUsage(ctx, bucket)
			if err != nil || u.Objects != int64(len(keys)) {
				t.Fatalf("usage %d objects, want %d (%v)", u.Objects, len(keys), err)
			}
		})
	}
}

// sixtyKeys creates bucket and writes k000 … k059 to it.
func sixtyKeys(t *testing.T, c *s3.Client, bucket string) []string {
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for i := range 60 {
		k := fmt.Sprintf("k%03d", i)
		put(t, c, bucket, k)
		keys = append(keys, k)
	}
	return keys
}

// TestSplitPassLeavesRunningSplit: a splitting pass that runs while a
// split asked for is still copying leaves it alone (it used to take its
// journal for a crashed split's and roll it back, dropping the copy), and
// a second split asked for meanwhile waits for the first.
func TestSplitPassLeavesRunningSplit(t *testing.T) {
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.Shards.SplitObjects, c.Shards.SplitEvery = 0, time.Hour }})
	c := srv.S3()
	const bucket = "busy"
	keys := sixtyKeys(t, c, bucket)
	copied, release := make(chan struct{}), make(chan struct{})
	opts := object.SplitOptions{StopAfter: func(step string) bool {
		if step == "copied" {
			close(copied)
			<-release
		}
		return false
	}}
	first := make(chan error, 1)
	go func() { first <- srv.Objects.SplitRange(ctx, bucket, "k030", opts) }()
	<-copied
	rep, err := srv.Objects.SplitBuckets(ctx, object.SplitOptions{Objects: 10})
	if err != nil || rep != (object.SplitReport{}) {
		t.Fatalf("pass beside a running split: %+v %v, want nothing done", rep, err)
	}
	second := make(chan error, 1)
	go func() { second <- srv.Objects.SplitRange(ctx, bucket, "k015", object.SplitOptions{}) }()
	select {
	case err := <-second:
		t.Fatalf("second split ran beside the first: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if err := <-second; err != nil {
		t.Fatal(err)
	}
	if got, want := ranges(t, srv.Node, bucket), []string{"", "k015", "k030"}; !slices.Equal(got, want) {
		t.Fatalf("ranges %q, want %q", got, want)
	}
	got, _ := listAll(t, c, bucket, "", "", 7)
	sameKeys(t, "list", got, keys)
	for _, k := range keys {
		get(t, c, bucket, k)
	}
	if u, err := srv.Objects.BucketUsage(ctx, bucket); err != nil || u.Objects != int64(len(keys)) {
		t.Fatalf("usage %d objects, want %d (%v)", u.Objects, len(keys), err)
	}
}
