package replication

import (
	"bytes"
	"context"
	"testing"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/meta"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/strata"
)

// TestTargetsSealed: a target's secret is stored sealed (never in clear),
// opens under the same cluster key only, and is absent from listings;
// ARNs resolve by name or by a unique destination bucket.
func TestTargetsSealed(t *testing.T) {
	ctx := context.Background()
	e, err := metapebble.Open(t.TempDir(), metapebble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	seal, _ := iam.NewSealer(bytes.Repeat([]byte{7}, 32))
	ts := NewTargets(e, seal)
	const secret = "very-secret-key-0123456789"
	for _, name := range []string{"b", "c"} {
		tg := Target{Name: name, Endpoint: "http://127.0.0.2:9000", Bucket: "dst-" + name, AccessKey: "AK", SecretKey: secret}
		if err := ts.Put(ctx, tg); err != nil {
			t.Fatal(err)
		}
	}
	e.View(ctx, func(r meta.Reader) error {
		b, err := r.Get(targetKey("b"))
		if err != nil || bytes.Contains(b, []byte(secret)) {
			t.Fatalf("stored target holds the secret in clear (%v): %s", err, b)
		}
		return nil
	})
	if got, err := ts.Get(ctx, "b"); err != nil || got.SecretKey != secret {
		t.Fatalf("Get: %+v %v", got, err)
	}
	list, _ := ts.List(ctx)
	if len(list) != 2 || list[0].SecretKey != "" || list[0].SealedSecret != nil {
		t.Fatalf("List shows secrets: %+v", list)
	}
	if got, err := ts.Resolve(ctx, "arn:aws:s3:::dst-c"); err != nil || got.Name != "c" {
		t.Fatalf("Resolve by bucket: %+v %v", got, err)
	}
	if _, err := ts.Resolve(ctx, "arn:strata:s3:::target/zz"); !strata.Is(err, strata.NotExist) {
		t.Fatalf("unknown target: %v", err)
	}
	other, _ := iam.NewSealer(bytes.Repeat([]byte{8}, 32))
	if _, err := NewTargets(e, other).Get(ctx, "b"); !strata.Is(err, strata.Corrupt) {
		t.Fatalf("secret opened under another cluster key: %v", err)
	}
	if err := ts.Put(ctx, Target{Name: "bad name", Endpoint: "http://x", Bucket: "b", AccessKey: "a", SecretKey: "s"}); !strata.Is(err, strata.Invalid) {
		t.Fatalf("bad name accepted: %v", err)
	}
}
