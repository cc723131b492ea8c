package sharding

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// splitLog keeps the "compared" figure of every published split, and
// what the bulk writer of each first copy pass ingested.
type splitLog struct {
	mu       sync.Mutex
	compared []int64
	bulk     []string
}

func (l *splitLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *splitLog) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *splitLog) WithGroup(string) slog.Handler            { return l }
func (l *splitLog) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch r.Message {
	case "key range split copied":
		if v, ok := attrOf(r, "bulk"); ok {
			l.bulk = append(l.bulk, v.String())
		}
	case "key range split published":
		if v, ok := attrOf(r, "compared"); ok {
			l.compared = append(l.compared, v.Int64())
		}
	}
	return nil
}

// attrOf returns the value of a log record's attribute.
func attrOf(r slog.Record, key string) (v slog.Value, found bool) {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == key {
			v, found = a.Value, true
		}
		return !found
	})
	return v, found
}

// TestSplitComparesNotedKeys: a split's fenced pass compares only the
// keys written since its first pass began, and those are every key that
// any write path wrote: writes made between the copy and the fence (an
// S3 PUT, overwrite and DELETE, a multipart part, a new upload, an
// aborted one (whose part the first pass copied), file
// creates, writes, a hard link and an unlink) all reach the new range,
// and a write outside the moved range stays where it was.
func TestSplitComparesNotedKeys(t *testing.T) {
	log := &splitLog{}
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.Shards.SplitObjects, c.Shards.SplitEvery = 0, time.Hour
		c.Logger = slog.New(log)
	}})
	c, o := srv.S3(), srv.Objects
	bucket := "noted"
	keys := sixtyKeys(t, c, bucket)
	mpuKey := "k050m"
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &bucket, Key: &mpuKey})
	if err != nil {
		t.Fatal(err)
	}
	part1 := bytes.Repeat([]byte("a"), 5<<20)
	p1, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &bucket, Key: &mpuKey, UploadId: up.UploadId,
		PartNumber: aws.Int32(1), Body: bytes.NewReader(part1)})
	if err != nil {
		t.Fatal(err)
	}
	aborted := "k052a"
	ab, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &bucket, Key: &aborted})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &bucket, Key: &aborted, UploadId: ab.UploadId,
		PartNumber: aws.Int32(1), Body: bytes.NewReader(part1)}); err != nil {
		t.Fatal(err)
	}
	fsCreate(t, o, bucket, "k041f")
	fsWrite(t, o, bucket, "k041f", "pending", false) // a file with a pending write (inode records)

	var p2 *s3.UploadPartOutput
	var late *s3.CreateMultipartUploadOutput
	hook := func(step string) bool {
		if step != "copied" {
			return false
		}
		// Between the copy and the fence: only the note carries these.
		putBody(t, c, bucket, "k031", "overwritten")
		put(t, c, bucket, "k045x")
		put(t, c, bucket, "k001x") // outside the moved range
		if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &bucket, Key: aws.String("k032")}); err != nil {
			t.Error(err)
		}
		var err error
		if p2, err = c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &bucket, Key: &mpuKey, UploadId: up.UploadId,
			PartNumber: aws.Int32(2), Body: stringsReader("tail")}); err != nil {
			t.Error(err)
		}
		if late, err = c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &bucket, Key: aws.String("k055u")}); err != nil {
			t.Error(err)
		}
		// Its part, copied by the first pass, leaves the moved set.
		if _, err := c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: &bucket, Key: &aborted, UploadId: ab.UploadId}); err != nil {
			t.Error(err)
		}
		fsWrite(t, o, bucket, "k041f", "pending, then more", false)
		fsCreate(t, o, bucket, "k046f")
		fsWrite(t, o, bucket, "k046f", "new file", true)
		if _, err := o.FSLink(ctx, bucket, "k046f", "k047l"); err != nil {
			t.Error(err)
		}
		if err := o.FSUnlink(ctx, bucket, "k033"); err != nil {
			t.Error(err)
		}
		return false
	}
	if err := o.SplitRange(ctx, bucket, "k030", object.SplitOptions{StopAfter: hook}); err != nil {
		t.Fatal(err)
	}
	if t.Failed() {
		return
	}
	if got := ranges(t, srv.Node, bucket); !slices.Equal(got, []string{"", "k030"}) {
		t.Fatalf("ranges %q", got)
	}
	log.mu.Lock()
	compared := slices.Clone(log.compared)
	bulk := slices.Clone(log.bulk)
	log.mu.Unlock()
	// The first pass wrote the target through the store's bulk writer,
	// so everything checked below went that way.
	if len(bulk) != 1 || !strings.HasSuffix(bulk[0], " in L0") || strings.HasPrefix(bulk[0], "0 ") {
		t.Fatalf("the first copy pass ingested %q: want some bytes", bulk)
	}
	t.Logf("the first copy pass ingested %s", bulk[0])
	// The noted keys: o/ v/ records of k031, k045x, k032, k033, k046f,
	// k047l, k041f, p/ of part 2, u/ of k055u, inode records. Not the
	// whole range (-1), nor nothing.
	t.Logf("the fenced pass compared %v keys", compared)
	if len(compared) != 1 || compared[0] < 8 {
		t.Fatalf("the fenced pass compared %v keys: want the noted ones", compared)
	}

	keys = slices.DeleteFunc(keys, func(k string) bool { return k == "k032" || k == "k033" })
	keys = append(keys, "k001x", "k041f", "k045x", "k046f", "k047l")
	slices.Sort(keys)
	got, _ := listAll(t, c, bucket, "", "", 7)
	sameKeys(t, "list after the split", got, keys)
	for _, k := range []string{"k001x", "k045x", "k030", "k059"} {
		get(t, c, bucket, k)
	}
	getBody(t, c, bucket, "k031", "overwritten")
	head(t, c, bucket, "k032", false)
	fsRead(t, o, bucket, "k041f", "pending, then more")
	fsRead(t, o, bucket, "k047l", "new file")

	lu, err := c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: &bucket})
	if err != nil {
		t.Fatal(err)
	}
	var ups []string
	for _, u := range lu.Uploads {
		ups = append(ups, *u.Key)
	}
	if !slices.Equal(ups, []string{mpuKey, "k055u"}) || late == nil {
		t.Fatalf("uploads after the split: %q", ups)
	}
	_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &bucket, Key: &mpuKey, UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{
			{PartNumber: aws.Int32(1), ETag: p1.ETag}, {PartNumber: aws.Int32(2), ETag: p2.ETag}}}})
	if err != nil {
		t.Fatalf("complete the upload whose part 2 came between copy and fence: %v", err)
	}
	h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bucket, Key: &mpuKey})
	if err != nil || aws.ToInt64(h.ContentLength) != int64(len(part1)+4) {
		t.Fatalf("multipart object: %v %v", err, h)
	}
	u, err := o.BucketUsage(ctx, bucket)
	if err != nil || u.Objects != int64(len(keys)+1) {
		t.Fatalf("usage %d objects, want %d (%v)", u.Objects, len(keys)+1, err)
	}
	// The target's usage was counted as the split wrote it (usageTally):
	// a recount from every version finds the same.
	recount, err := o.RecountUsage(ctx, bucket)
	if err != nil {
		t.Fatal(err)
	}
	if recount.Objects != u.Objects || recount.LogicalBytes != u.LogicalBytes || !maps.Equal(recount.RawBytes, u.RawBytes) {
		t.Fatalf("usage after the split %+v, recounted %+v", u, recount)
	}
	if rep, err := o.CheckVolumeIndex(ctx); err != nil || rep.Missing+rep.Stale != 0 || rep.Expected == 0 {
		t.Fatalf("volume index after the split: %+v %v", rep, err)
	}
}

func fsCreate(t *testing.T, o *object.Service, bucket, p string) {
	t.Helper()
	if _, err := o.FSCreate(ctx, bucket, p, object.FileAttr{Mode: 0o644}, false); err != nil {
		t.Fatalf("create %s: %v", p, err)
	}
}

func putBody(t *testing.T, c *s3.Client, bucket, key, body string) {
	t.Helper()
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: stringsReader(body)}); err != nil {
		t.Fatalf("put %s: %v", key, err)
	}
}

func getBody(t *testing.T, c *s3.Client, bucket, key, want string) {
	t.Helper()
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key})
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	b, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if string(b) != want {
		t.Fatalf("get %s: %q, want %q", key, b, want)
	}
}
