package tier_test

import (
	"bytes"
	"context"
	"io"
	"math/rand"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/tier"
)

// TestRemoteAgainstStrata drives a tier client against a real server: a
// body of unknown length goes up as a multipart upload, ranges read back,
// and a missing object, bad credentials and a dead endpoint get their
// kinds (NotExist, Permission, Unavailable).
func TestRemoteAgainstStrata(t *testing.T) {
	ctx := context.Background()
	s := testenv.Start(t, testenv.Options{})
	if _, err := s.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("tier")}); err != nil {
		t.Fatal(err)
	}
	eng, err := pebble.Open(t.TempDir(), pebble.Options{CacheSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	seal, _ := iam.NewSealer(bytes.Repeat([]byte{1}, 32))
	st := tier.NewStore(eng, seal)
	put := func(name, endpoint, secret string) *tier.Remote {
		t.Helper()
		if err := st.Put(ctx, tier.Tier{Name: name, Endpoint: endpoint, Bucket: "tier", Prefix: "p/", AccessKey: testenv.AccessKey, SecretKey: secret}); err != nil {
			t.Fatal(err)
		}
		r, err := st.Remote(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := put("good", s.URL(), testenv.SecretKey)

	data := make([]byte, 20<<20)
	rand.New(rand.NewSource(1)).Read(data)
	n, err := r.Put(ctx, "a/b", struct{ io.Reader }{bytes.NewReader(data)}, -1) // unknown length: multipart
	if err != nil || n != int64(len(data)) {
		t.Fatalf("put: %d %v", n, err)
	}
	if _, err := s.S3().HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("tier"), Key: aws.String("p/a/b")}); err != nil {
		t.Fatalf("the object is not under the prefix: %v", err)
	}
	for _, rg := range [][2]int64{{0, 10}, {17 << 20, 1 << 20}, {int64(len(data)) - 5, 5}} {
		rc, err := r.Open(ctx, "a/b", rg[0], rg[1])
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(got, data[rg[0]:rg[0]+rg[1]]) {
			t.Fatalf("range %v: %v, %d bytes", rg, err, len(got))
		}
	}
	if err := r.Delete(ctx, "a/b"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Open(ctx, "a/b", 0, 1); !strata.Is(err, strata.NotExist) {
		t.Fatalf("open of a deleted object: %v", err)
	}
	if err := r.Delete(ctx, "a/b"); err != nil {
		t.Fatalf("delete of a deleted object: %v", err)
	}

	bad := put("bad", s.URL(), "not-the-secret")
	if _, err := bad.Put(ctx, "x", bytes.NewReader([]byte("x")), 1); !strata.Is(err, strata.Permission) {
		t.Fatalf("put with a wrong secret: %v", err)
	}
	dead := put("dead", "http://127.0.0.1:1", testenv.SecretKey)
	if _, err := dead.Open(ctx, "x", 0, 1); !strata.Is(err, strata.Unavailable) {
		t.Fatalf("open on a dead endpoint: %v", err)
	}
}
