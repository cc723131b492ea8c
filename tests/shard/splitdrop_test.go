package sharding

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestSplitDropsMovedRecords: a split's cleanup deletes the moved records
// of the source as spans (one range deletion per kind of record), and the
// volume index entries of the moved objects that have chunks one by one:
// afterwards the index holds exactly the target's entries, every object
// reads back from its new range, and the source lists none of them.
func TestSplitDropsMovedRecords(t *testing.T) {
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.Shards.SplitObjects = 0 }})
	c := srv.S3()
	bucket := "drop"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		t.Fatal(err)
	}
	body := func(i int) []byte { return bytes.Repeat([]byte{byte('a' + i%26)}, 300<<10) }
	for i := range 40 {
		var b []byte
		if i%2 == 0 {
			b = body(i) // chunks, in the volume index
		} else {
			b = []byte("small") // inline in its record
		}
		key := fmt.Sprintf("k%02d", i)
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: bytes.NewReader(b)}); err != nil {
			t.Fatal(err)
		}
	}
	before, err := srv.Objects.CheckVolumeIndex(ctx)
	if err != nil || before.Missing+before.Stale != 0 || before.Expected == 0 {
		t.Fatalf("volume index before the split: %+v %v", before, err)
	}
	if err := srv.Objects.SplitRange(ctx, bucket, "k20", object.SplitOptions{}); err != nil {
		t.Fatal(err)
	}
	// The same entries, now half in the target: none left in the source
	// (stale), no moved record left there (expected twice).
	rep, err := srv.Objects.CheckVolumeIndex(ctx)
	if err != nil || rep.Missing+rep.Stale != 0 || rep.Expected != before.Expected || rep.Entries != before.Entries {
		t.Fatalf("volume index after the split: %+v, before %+v (%v)", rep, before, err)
	}
	for i := range 40 {
		key := fmt.Sprintf("k%02d", i)
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key})
		if err != nil {
			t.Fatalf("get %s: %v", key, err)
		}
		b, _ := io.ReadAll(out.Body)
		out.Body.Close()
		if want := body(i); i%2 == 1 && string(b) != "small" || i%2 == 0 && !bytes.Equal(b, want) {
			t.Fatalf("get %s: %d bytes, not what was put", key, len(b))
		}
	}
	rs, err := srv.Objects.BucketRanges(ctx, bucket)
	if err != nil || len(rs) != 2 || rs[0].Objects != 20 || rs[1].Objects != 20 {
		t.Fatalf("ranges after the split: %+v %v", rs, err)
	}
}
