package tieringtest

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// stored is what the test wrote for one key, to compare with later.
type stored struct {
	key, etag, version string
	size               int64
	sum                [32]byte
}

// TestTieringToArchive is issue 13's tiering demonstration: objects
// written in STANDARD (pool ssd) are moved by the node's lifecycle
// scanner to GLACIER (pool archive) under a one-day transition rule; the
// volume folders show where their chunks are; GET is refused until a
// restore and returns the same bytes after it; the mount lists them and
// refuses to read an unrestored one with the archive errno.
func TestTieringToArchive(t *testing.T) {
	n := startNode(t)
	c := n.S3()
	const bucket = "raw-data"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(bucket),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatal(err)
	}

	objs := writeObjects(t, c, bucket, objectCount(t))
	// Large raw data arrives in multipart uploads: their ETags ("-N")
	// must survive the transition too. Their chunks belong to the upload
	// until a rewrite gives them the key.
	owners := map[string]string{}
	for i := range 2 {
		o, upload := writeMultipart(t, c, bucket, fmt.Sprintf("raw/mpu-%d.bin", i), int64(10_000+i))
		objs = append(objs, o)
		owners["\x00mpu/"+upload] = o.key
	}
	var logical int64
	for _, o := range objs {
		logical += o.size
	}
	before := byKey(n.walkPools(t), owners)
	ssdBefore := checkPlacement(t, before, objs, "ssd", 2)

	// The rule: raw data goes to GLACIER after one (one-second) day. It
	// is set once every object is due (one day, plus the scanner's
	// settling delay: at most 1 s), so that the time to GLACIER is the
	// scanner's work.
	time.Sleep(day + time.Second)
	ruleSet := time.Now()
	_, err := c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(bucket),
		LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{{
			ID: aws.String("to-glacier"), Status: types.ExpirationStatusEnabled,
			Filter:      &types.LifecycleRuleFilter{Prefix: aws.String("raw/")},
			Transitions: []types.Transition{{Days: aws.Int32(1), StorageClass: types.TransitionStorageClassGlacier}},
		}}}})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Minute, "every object listed as GLACIER", func() bool {
		return countClass(t, c, bucket, types.ObjectStorageClassGlacier) == len(objs)
	})
	listed := time.Since(ruleSet)
	// The old chunks are deleted after each rewrite's commit.
	waitFor(t, time.Minute, "no chunk file left in pool ssd", func() bool {
		for _, pl := range n.walkPools(t) {
			if pl.files["ssd"] > 0 {
				return false
			}
		}
		return true
	})
	after := n.walkPools(t)
	archived := checkPlacement(t, after, objs, "archive", 3)
	t.Logf("tiering: %d objects (%s logical) transitioned STANDARD/ssd/TWOCOPIES -> GLACIER/archive/EC2+1 by the "+
		"background scanner in %.1f s from the rule (%.0f objects/s, %.1f MiB/s logical); chunk files: %s freed in ssd, "+
		"%s written in archive", len(objs), mib(logical), listed.Seconds(), float64(len(objs))/listed.Seconds(),
		float64(logical)/(1<<20)/listed.Seconds(), mib(ssdBefore), mib(archived))

	// HEAD: GLACIER, same ETag, version id and size. GET: refused.
	parallel(t, len(objs), 8, func(i int) error {
		o := objs[i]
		h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: &o.key})
		if err != nil {
			return fmt.Errorf("head %s: %w", o.key, err)
		}
		if h.StorageClass != types.StorageClassGlacier || aws.ToString(h.ETag) != o.etag ||
			aws.ToString(h.VersionId) != o.version || aws.ToInt64(h.ContentLength) != o.size {
			return fmt.Errorf("head %s: class %q ETag %s version %s size %d; want GLACIER %s %s %d", o.key, h.StorageClass,
				aws.ToString(h.ETag), aws.ToString(h.VersionId), aws.ToInt64(h.ContentLength), o.etag, o.version, o.size)
		}
		_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: &o.key})
		if code(err) != "InvalidObjectState" {
			return fmt.Errorf("get %s before a restore: %v, want InvalidObjectState", o.key, err)
		}
		return nil
	})

	// No version was added or removed: each key keeps its one version.
	versions := map[string]string{}
	vp := s3.NewListObjectVersionsPaginator(c, &s3.ListObjectVersionsInput{Bucket: aws.String(bucket)})
	for vp.HasMorePages() {
		page, err := vp.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range page.Versions {
			if _, dup := versions[aws.ToString(v.Key)]; dup {
				t.Fatalf("%s has more than one version after its transition", aws.ToString(v.Key))
			}
			versions[aws.ToString(v.Key)] = aws.ToString(v.VersionId)
		}
		if len(page.DeleteMarkers) > 0 {
			t.Fatalf("delete markers after the transitions: %d", len(page.DeleteMarkers))
		}
	}
	for _, o := range objs {
		if versions[o.key] != o.version {
			t.Fatalf("%s lists version %q, want %q", o.key, versions[o.key], o.version)
		}
	}

	t.Run("mount lists archived files", func(t *testing.T) { checkMountArchived(t, n, bucket, objs) })

	// Restore every object, then read it back.
	restoreStart := time.Now()
	parallel(t, len(objs), 8, func(i int) error {
		_, err := c.RestoreObject(ctx, &s3.RestoreObjectInput{Bucket: aws.String(bucket), Key: &objs[i].key,
			RestoreRequest: &types.RestoreRequest{Days: aws.Int32(365)}})
		if err != nil {
			return fmt.Errorf("restore %s: %w", objs[i].key, err)
		}
		return nil
	})
	for _, o := range objs {
		waitFor(t, 10*time.Minute, "restore of "+o.key, func() bool {
			h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: &o.key})
			if err != nil {
				t.Fatalf("head %s: %v", o.key, err)
			}
			return strings.HasPrefix(aws.ToString(h.Restore), `ongoing-request="false"`)
		})
	}
	restored := time.Since(restoreStart)
	// The orphan collector sees every chunk, the transitioned and the
	// restored ones, as referenced: it deletes nothing.
	gc, err := n.Objects.CollectOrphans(ctx, 0)
	if err != nil || gc.Deleted != 0 || gc.Errors != 0 || gc.Live == 0 {
		t.Fatalf("orphan collection after the restores: %+v %v, want every chunk live", gc, err)
	}
	parallel(t, len(objs), 8, func(i int) error {
		o := objs[i]
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: &o.key})
		if err != nil {
			return fmt.Errorf("get %s after its restore: %w", o.key, err)
		}
		defer out.Body.Close()
		h := sha256.New()
		if _, err := io.Copy(h, out.Body); err != nil {
			return fmt.Errorf("read %s: %w", o.key, err)
		}
		if got := h.Sum(nil); !bytes.Equal(got, o.sum[:]) || out.StorageClass != types.StorageClassGlacier {
			return fmt.Errorf("get %s after its restore: sha256 %x class %q, want %x GLACIER", o.key, got, out.StorageClass, o.sum)
		}
		return nil
	})
	// The archived data stays where it was; the restored copies are
	// placed as STANDARD writes (pool ssd).
	final := n.walkPools(t)
	var restoredBytes int64
	for _, o := range objs {
		pl := final[o.key]
		if pl == nil || pl.files["archive"] != after[o.key].files["archive"] {
			t.Fatalf("%s after its restore: placement %+v, want its archive fragments kept", o.key, pl)
		}
		restoredBytes += pl.bytes["ssd"]
	}
	t.Logf("tiering: %d restores (RestoreObject to x-amz-restore done) in %.1f s; restored copies: %s of chunk files in ssd",
		len(objs), restored.Seconds(), mib(restoredBytes))

	t.Run("mount reads restored files", func(t *testing.T) { checkMountRestored(t, n, bucket, objs) })
}

// writeObjects PUTs count objects raw/NNNN of 64 KiB to 128 KiB of
// random bytes (above the inline size, so each has chunks) in STANDARD.
func writeObjects(t *testing.T, c *s3.Client, bucket string, count int) []stored {
	t.Helper()
	objs := make([]stored, count)
	start := time.Now()
	parallel(t, count, 8, func(i int) error {
		r := rand.New(rand.NewSource(int64(i)))
		body := make([]byte, 64<<10+1+r.Intn(64<<10))
		r.Read(body)
		key := fmt.Sprintf("raw/%04d.bin", i)
		out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body)})
		if err != nil {
			return fmt.Errorf("put %s: %w", key, err)
		}
		objs[i] = stored{key: key, etag: aws.ToString(out.ETag), version: aws.ToString(out.VersionId),
			size: int64(len(body)), sum: sha256.Sum256(body)}
		return nil
	})
	t.Logf("tiering: wrote %d objects in %.1f s", count, time.Since(start).Seconds())
	return objs
}

// writeMultipart uploads key in two parts (5 MiB and 300 KiB) and
// returns it and its upload id.
func writeMultipart(t *testing.T, c *s3.Client, bucket, key string, seed int64) (stored, string) {
	t.Helper()
	body := make([]byte, 5<<20+300<<10)
	rand.New(rand.NewSource(seed)).Read(body)
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	var parts []types.CompletedPart
	for i, p := range [][]byte{body[:5<<20], body[5<<20:]} {
		out, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(bucket), Key: aws.String(key), UploadId: up.UploadId,
			PartNumber: aws.Int32(int32(i + 1)), Body: bytes.NewReader(p)})
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, types.CompletedPart{ETag: out.ETag, PartNumber: aws.Int32(int32(i + 1))})
	}
	out, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(bucket), Key: aws.String(key),
		UploadId: up.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(aws.ToString(out.ETag), `-2"`) {
		t.Fatalf("multipart ETag %s, want a -2 suffix", aws.ToString(out.ETag))
	}
	return stored{key: key, etag: aws.ToString(out.ETag), version: aws.ToString(out.VersionId),
		size: int64(len(body)), sum: sha256.Sum256(body)}, aws.ToString(up.UploadId)
}

// byKey files the chunk files of completed multipart uploads, whose back
// reference names the upload, under their object key.
func byKey(found map[string]*placement, owners map[string]string) map[string]*placement {
	for ref, key := range owners {
		if pl := found[ref]; pl != nil {
			delete(found, ref)
			found[key] = pl
		}
	}
	return found
}

// checkPlacement fails the test unless every object has chunk files in
// pool only, whole multiples of the class's policy width (frags), and no
// chunk file of any other owner is on the volumes. It returns the bytes
// of the objects' chunk files.
func checkPlacement(t *testing.T, found map[string]*placement, objs []stored, pool string, frags int) int64 {
	t.Helper()
	want := map[string]bool{}
	var total int64
	for _, o := range objs {
		want[o.key] = true
		pl := found[o.key]
		if pl == nil || pl.files[pool] == 0 || pl.files[pool]%frags != 0 || len(pl.files) != 1 ||
			(o.size < 1<<20 && pl.files[pool] != frags) {
			var got any
			if pl != nil {
				got = pl.files
			}
			t.Fatalf("%s: chunk files by pool %v, want a multiple of %d (%d for a small object) in %s only", o.key, got, frags, frags, pool)
		}
		total += pl.bytes[pool]
	}
	for key, pl := range found {
		if !want[key] {
			t.Fatalf("chunk files of an unexpected owner %q: %v", key, pl.files)
		}
	}
	return total
}

// countClass counts the bucket's objects listed with class.
func countClass(t *testing.T, c *s3.Client, bucket string, class types.ObjectStorageClass) int {
	t.Helper()
	n := 0
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			if o.StorageClass == class {
				n++
			}
		}
	}
	return n
}
