package archivetest

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestRemoteTier: server A keeps class GLACIER_IR (strata class set
// GLACIER_IR --tier remote) on a remote tier that is a bucket of server B. A PUT of that class lands as one object in B's
// bucket (a large one by multipart upload), GET and ranged GET through A
// read it back, and deleting the version on A deletes it on B. The tier's
// secret is never listed.
func TestRemoteTier(t *testing.T) {
	remote := testenv.Start(t, testenv.Options{})
	remoteTier(t, remote.S3(), remote.URL(), testenv.AccessKey, testenv.SecretKey)
}

// remoteTier runs TestRemoteTier's steps against the S3 endpoint behind
// rc (its URL and keys as the tier is given them).
func remoteTier(t *testing.T, rc *s3.Client, endpoint, accessKey, secretKey string) {
	if _, err := rc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("tier-b")}); err != nil {
		t.Fatal(err)
	}
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	if _, err := testenv.Admin(ctx, s.URL(), "PUT", "/_strata/api/v1/classes/GLACIER_IR", []byte(`{"tier":"remote"}`)); err != nil {
		t.Fatal(err)
	}
	b := "warm"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	// The class names a tier that does not exist yet.
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("early"), Body: bytes.NewReader(randBytes(100<<10, 9)),
		StorageClass: types.StorageClassGlacierIr})
	wantCode(t, err, "InvalidStorageClass")
	body, _ := json.Marshal(map[string]string{"endpoint": endpoint, "bucket": "tier-b", "prefix": "from-a",
		"access_key": accessKey, "secret_key": secretKey})
	if _, err := testenv.Admin(ctx, s.URL(), "PUT", "/_strata/api/v1/tiers/remote", body); err != nil {
		t.Fatal(err)
	}
	list, err := testenv.Admin(ctx, s.URL(), "GET", "/_strata/api/v1/tiers", nil)
	if err != nil || !strings.Contains(string(list), `"remote"`) || strings.Contains(string(list), secretKey) {
		t.Fatalf("tier list: %v %s", err, list)
	}

	small := randBytes(200<<10, 4)
	large := randBytes(20<<20, 5) // above the tier's 16 MiB part size
	for key, data := range map[string][]byte{"small": small, "large": large} {
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String(key), Body: bytes.NewReader(data),
			StorageClass: types.StorageClassGlacierIr}); err != nil {
			t.Fatalf("put %s: %v", key, err)
		}
	}
	objs := remoteKeys(t, rc, "tier-b")
	if len(objs) != 2 {
		t.Fatalf("remote bucket holds %v, want 2 objects", objs)
	}
	for k, n := range objs {
		if !strings.HasPrefix(k, "from-a/warm/") || (n != int64(len(small)) && n != int64(len(large))) {
			t.Fatalf("remote object %s (%d bytes) is not a tiered version", k, n)
		}
	}

	for key, data := range map[string][]byte{"small": small, "large": large} {
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String(key)})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(out.Body)
		out.Body.Close()
		if !bytes.Equal(got, data) || out.StorageClass != types.StorageClassGlacierIr {
			t.Fatalf("GET %s through the tier: %d bytes, equal %v, class %q", key, len(got), bytes.Equal(got, data), out.StorageClass)
		}
	}
	rng, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("large"), Range: aws.String("bytes=17000000-17999999")})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rng.Body)
	rng.Body.Close()
	if !bytes.Equal(got, large[17000000:18000000]) {
		t.Fatal("ranged GET through the tier returned other bytes")
	}

	for _, key := range []string{"small", "large"} {
		if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &b, Key: aws.String(key)}); err != nil {
			t.Fatal(err)
		}
	}
	if objs := remoteKeys(t, rc, "tier-b"); len(objs) != 0 {
		t.Fatalf("remote objects left after the deletes: %v", objs)
	}
}

func remoteKeys(t *testing.T, c *s3.Client, bucket string) map[string]int64 {
	t.Helper()
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &bucket})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]int64{}
	for _, o := range out.Contents {
		m[aws.ToString(o.Key)] = aws.ToInt64(o.Size)
	}
	return m
}

// TestRemoteTierDownDelete: deleting a version while its tier is down
// succeeds and queues the remote delete; once the tier is back (here at a
// new address, given with a tier update) the archive worker deletes the
// remote object.
func TestRemoteTierDownDelete(t *testing.T) {
	dirB := t.TempDir()
	remote := testenv.Start(t, testenv.Options{Dir: dirB})
	if _, err := remote.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("tier-b")}); err != nil {
		t.Fatal(err)
	}
	s := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.RestoreDay = time.Second // archive passes every 125 ms
	}})
	c := s.S3()
	if _, err := testenv.Admin(ctx, s.URL(), "PUT", "/_strata/api/v1/classes/GLACIER_IR", []byte(`{"tier":"remote"}`)); err != nil {
		t.Fatal(err)
	}
	putTier := func(endpoint string) {
		body, _ := json.Marshal(map[string]string{"endpoint": endpoint, "bucket": "tier-b",
			"access_key": testenv.AccessKey, "secret_key": testenv.SecretKey})
		if _, err := testenv.Admin(ctx, s.URL(), "PUT", "/_strata/api/v1/tiers/remote", body); err != nil {
			t.Fatal(err)
		}
	}
	putTier(remote.URL())
	b := "warm"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("k"), Body: bytes.NewReader(randBytes(100<<10, 6)),
		StorageClass: types.StorageClassGlacierIr}); err != nil {
		t.Fatal(err)
	}
	remote.Close()
	if _, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("k")}); code(err) != "ServiceUnavailable" {
		t.Fatalf("GET with the tier down: %v, want ServiceUnavailable", err)
	}
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &b, Key: aws.String("k")}); err != nil {
		t.Fatalf("delete with the tier down: %v", err)
	}

	remote = testenv.Start(t, testenv.Options{Dir: dirB})
	rc := remote.S3()
	if objs := remoteKeys(t, rc, "tier-b"); len(objs) != 1 {
		t.Fatalf("remote bucket holds %v, want the one orphan", objs)
	}
	putTier(remote.URL())
	waitFor(t, 30*time.Second, "queued remote delete", func() bool { return len(remoteKeys(t, rc, "tier-b")) == 0 })
}

// TestTierConvergence: objects written to a class before it had a tier
// move to the tier in the improver's class pass (as a lifecycle
// transition to a tiered class does, through Rewrite), keeping their
// ETag, and read back the same.
func TestTierConvergence(t *testing.T) {
	remote := testenv.Start(t, testenv.Options{})
	rc := remote.S3()
	if _, err := rc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("tier-b")}); err != nil {
		t.Fatal(err)
	}
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	b := "warm"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	if _, err := testenv.Admin(ctx, s.URL(), "PUT", "/_strata/api/v1/classes/STANDARD_IA", []byte(`{"policy":"SINGLE"}`)); err != nil {
		t.Fatal(err)
	}
	data := randBytes(500<<10, 10)
	put, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("k"), Body: bytes.NewReader(data),
		StorageClass: types.StorageClassStandardIa})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(map[string]string{"endpoint": remote.URL(), "bucket": "tier-b",
		"access_key": testenv.AccessKey, "secret_key": testenv.SecretKey})
	if _, err := testenv.Admin(ctx, s.URL(), "PUT", "/_strata/api/v1/tiers/remote", body); err != nil {
		t.Fatal(err)
	}
	if _, err := testenv.Admin(ctx, s.URL(), "PUT", "/_strata/api/v1/classes/STANDARD_IA", []byte(`{"tier":"remote"}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Objects.Improve(ctx); err != nil {
		t.Fatal(err)
	}
	if objs := remoteKeys(t, rc, "tier-b"); len(objs) != 1 {
		t.Fatalf("remote bucket after convergence: %v", objs)
	}
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if !bytes.Equal(got, data) || aws.ToString(out.ETag) != aws.ToString(put.ETag) {
		t.Fatalf("after convergence: equal %v, ETag %s (was %s)", bytes.Equal(got, data), aws.ToString(out.ETag), aws.ToString(put.ETag))
	}
}

// TestArchiveOnTier: GLACIER kept on a remote tier is refused to reads
// like any archived object, and a restore copies it from the tier to
// local chunks, readable while the tier is down.
func TestArchiveOnTier(t *testing.T) {
	remote := testenv.Start(t, testenv.Options{})
	if _, err := remote.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("tier-b")}); err != nil {
		t.Fatal(err)
	}
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	body, _ := json.Marshal(map[string]string{"endpoint": remote.URL(), "bucket": "tier-b",
		"access_key": testenv.AccessKey, "secret_key": testenv.SecretKey})
	for _, call := range [][2]string{{"/_strata/api/v1/tiers/remote", string(body)}, {"/_strata/api/v1/classes/GLACIER", `{"tier":"remote"}`}} {
		if _, err := testenv.Admin(ctx, s.URL(), "PUT", call[0], []byte(call[1])); err != nil {
			t.Fatal(err)
		}
	}
	b := "cold"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	data := randBytes(3<<20, 12)
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("k"), Body: bytes.NewReader(data),
		StorageClass: types.StorageClassGlacier}); err != nil {
		t.Fatal(err)
	}
	if n := len(remoteKeys(t, remote.S3(), "tier-b")); n != 1 {
		t.Fatalf("%d objects on the tier, want 1", n)
	}
	assertArchived(t, c, b, "k")
	if _, err := c.RestoreObject(ctx, &s3.RestoreObjectInput{Bucket: &b, Key: aws.String("k"),
		RestoreRequest: &types.RestoreRequest{Days: aws.Int32(1)}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "restore from the tier", func() bool {
		_, r := headRestore(t, c, b, "k")
		return strings.HasPrefix(r, `ongoing-request="false"`)
	})
	remote.Close() // the restored copy is local
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if !bytes.Equal(got, data) {
		t.Fatal("restored copy of a tiered object reads other bytes")
	}
}
