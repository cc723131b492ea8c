package kms

import (
	"bytes"
	"context"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/strata"
)

var ctx = context.Background()

func newBuiltin(t *testing.T, master []byte) (*Builtin, func(master []byte) *Builtin) {
	t.Helper()
	eng, err := metapebble.Open(filepath.Join(t.TempDir(), "meta"), metapebble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	open := func(m []byte) *Builtin {
		k, err := NewBuiltin(eng, m)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	return open(master), open
}

func TestBuiltinLifecycle(t *testing.T) {
	master := bytes.Repeat([]byte{1}, 32)
	k, open := newBuiltin(t, master)
	c := Context{"aws:s3:arn": "arn:aws:s3:::b"}
	if _, _, err := k.GenerateKey(ctx, "k1", c); !strata.Is(err, strata.NotExist) {
		t.Fatalf("unknown key: %v", err)
	}
	if _, err := k.Create(ctx, "k1"); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Create(ctx, "k1"); !strata.Is(err, strata.Exist) {
		t.Fatalf("second create: %v", err)
	}
	plain, sealed, err := k.GenerateKey(ctx, "k1", c)
	if err != nil || len(plain) != 32 || VersionOf(sealed) != 1 {
		t.Fatalf("generate: %v, version %d", err, VersionOf(sealed))
	}
	if _, err := k.Unseal(ctx, "k1", sealed, Context{"aws:s3:arn": "arn:aws:s3:::other"}); !strata.Is(err, strata.Corrupt) {
		t.Fatalf("other context: %v", err)
	}
	if info, err := k.Rotate(ctx, "k1"); err != nil || info.Version != 2 || info.Versions != 2 {
		t.Fatalf("rotate: %+v %v", info, err)
	}
	_, sealed2, _ := k.GenerateKey(ctx, "k1", c)
	if VersionOf(sealed2) != 2 {
		t.Fatalf("after rotation, new keys are sealed by version %d", VersionOf(sealed2))
	}
	// Another gateway (own cache) with the same master key sees the key
	// and unseals both versions.
	other := open(master)
	for _, s := range [][]byte{sealed, sealed2} {
		if _, err := other.Unseal(ctx, "k1", s, c); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := other.Unseal(ctx, "k1", sealed, c); !bytes.Equal(got, plain) {
		t.Fatal("unsealed key differs")
	}
	if _, err := k.Disable(ctx, "k1"); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Unseal(ctx, "k1", sealed, c); !strata.Is(err, strata.Invalid) {
		t.Fatalf("disabled unseal: %v", err)
	}
	if _, _, err := k.GenerateKey(ctx, "k1", c); !strata.Is(err, strata.Invalid) {
		t.Fatalf("disabled generate: %v", err)
	}
	// A wrong master key cannot open the key material.
	wrong := open(bytes.Repeat([]byte{2}, 32))
	wrong.AutoCreate = true
	if _, err := wrong.Enable(ctx, "k1"); err != nil {
		t.Fatal(err)
	}
	if _, err := wrong.Unseal(ctx, "k1", sealed, c); !strata.Is(err, strata.Corrupt) {
		t.Fatalf("wrong master: %v", err)
	}
	list, err := k.List(ctx)
	if err != nil || len(list) != 1 || list[0].Name != "k1" {
		t.Fatalf("list: %+v %v", list, err)
	}
	// SSE-S3's key and, with AutoCreate, any key appear on first use.
	if _, _, err := k.GenerateKey(ctx, SSES3Key, c); err != nil {
		t.Fatal(err)
	}
	k.AutoCreate = true
	if _, _, err := k.GenerateKey(ctx, "testkey-1", c); err != nil {
		t.Fatal(err)
	}
}

func TestLoadMasterKey(t *testing.T) {
	dir := t.TempDir()
	k1, gen, err := LoadMasterKey("", "", dir)
	if err != nil || !gen || len(k1) != 32 {
		t.Fatalf("generate: %v %v", gen, err)
	}
	st, err := os.Stat(filepath.Join(dir, "kms-master.key"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", st.Mode(), err)
	}
	k2, gen, err := LoadMasterKey("", "", dir)
	if err != nil || gen || !bytes.Equal(k1, k2) {
		t.Fatal("second start does not read the same key")
	}
	hexKey := hex.EncodeToString(bytes.Repeat([]byte{7}, 32))
	if k, _, err := LoadMasterKey("", hexKey, dir); err != nil || k[0] != 7 {
		t.Fatalf("env hex: %v", err)
	}
	f := filepath.Join(dir, "m")
	os.WriteFile(f, []byte(hexKey+"\n"), 0o600)
	if k, _, err := LoadMasterKey(f, "", dir); err != nil || k[0] != 7 {
		t.Fatalf("file: %v", err)
	}
	if _, _, err := LoadMasterKey("", "short", dir); !strata.Is(err, strata.Invalid) {
		t.Fatalf("bad key: %v", err)
	}
}
