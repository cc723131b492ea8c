package tier

import (
	"bytes"
	"context"
	"testing"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/strata"
)

func TestValidate(t *testing.T) {
	good := Tier{Name: "cold", Endpoint: "https://s3.example.com:9000", Bucket: "b", AccessKey: "a", SecretKey: "s"}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, edit := range []func(*Tier){
		func(t *Tier) { t.Name = "" },
		func(t *Tier) { t.Name = "a/b" },
		func(t *Tier) { t.Endpoint = "ftp://x" },
		func(t *Tier) { t.Endpoint = "http://x/path" },
		func(t *Tier) { t.Bucket = "" },
		func(t *Tier) { t.SecretKey = "" },
		func(t *Tier) { t.Prefix = "/abs" },
	} {
		bad := good
		edit(&bad)
		if err := bad.Validate(); !strata.Is(err, strata.Invalid) {
			t.Errorf("%+v: got %v, want Invalid", bad, err)
		}
	}
}

// TestStoreSealsSecret: the secret is stored sealed (never in clear in
// the engine), never returned by Get or List, and opens for Remote.
func TestStoreSealsSecret(t *testing.T) {
	ctx := context.Background()
	eng, err := pebble.Open(t.TempDir(), pebble.Options{CacheSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	seal, err := iam.NewSealer(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	s := NewStore(eng, seal)
	const secret = "tier-secret-key-that-must-not-leak"
	if err := s.Put(ctx, Tier{Name: "cold", Endpoint: "http://127.0.0.1:1", Bucket: "b", AccessKey: "AK", SecretKey: secret}); err != nil {
		t.Fatal(err)
	}
	eng.View(ctx, func(r meta.Reader) error {
		b, err := r.Get([]byte("tier/cold"))
		if err != nil || bytes.Contains(b, []byte(secret)) {
			t.Errorf("stored record: %v, holds the secret in clear: %v", err, bytes.Contains(b, []byte(secret)))
		}
		return nil
	})
	got, err := s.Get(ctx, "cold")
	if err != nil || got.SecretKey != "" || got.AccessKey != "AK" {
		t.Fatalf("get: %v %+v", err, got)
	}
	all, err := s.List(ctx)
	if err != nil || len(all) != 1 || all[0].SecretKey != "" {
		t.Fatalf("list: %v %+v", err, all)
	}
	r, err := s.Remote(ctx, "cold")
	if err != nil || r.t.SecretKey != secret || r.Name() != "cold" {
		t.Fatalf("remote: %v", err)
	}
	if err := s.Delete(ctx, "cold"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Remote(ctx, "cold"); !strata.Is(err, strata.NotExist) {
		t.Fatalf("remote of a deleted tier: %v", err)
	}
	if err := s.Delete(ctx, "cold"); !strata.Is(err, strata.NotExist) {
		t.Fatalf("delete of a deleted tier: %v", err)
	}
}
