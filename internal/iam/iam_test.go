package iam

import (
	"context"
	"errors"
	"testing"

	"github.com/strata-storage/strata/internal/iam/policy"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
)

var ctx = context.Background()

func openCache(t *testing.T) *Cache { return openCacheB(t) }

func openCacheB(t testing.TB) *Cache {
	t.Helper()
	eng, err := metapebble.Open(t.TempDir(), metapebble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	c, err := Open(ctx, eng, []byte("0123456789abcdef0123456789abcdef"), []Seed{{RootAccount, "ROOTKEY", "rootsecret"}, {"alt", "ALTKEY", "altsecret"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

func code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func TestSealer(t *testing.T) {
	s, _ := NewSealer([]byte("0123456789abcdef"))
	other, _ := NewSealer([]byte("fedcba9876543210"))
	sealed := s.Seal("AKID", "secret")
	if got, err := s.Open("AKID", sealed); err != nil || got != "secret" {
		t.Fatalf("open: %q %v", got, err)
	}
	if _, err := s.Open("OTHER", sealed); err == nil {
		t.Fatal("a secret moved to another key id opened")
	}
	if _, err := other.Open("AKID", sealed); err == nil {
		t.Fatal("opened under another cluster key")
	}
	if _, err := NewSealer([]byte("short")); err == nil {
		t.Fatal("a short cluster key was accepted")
	}
}

func TestBootstrapAndAuthenticate(t *testing.T) {
	c := openCache(t)
	p, secret, err := c.Authenticate(ctx, "ROOTKEY", "")
	if err != nil || secret != "rootsecret" || !p.IsAdmin() {
		t.Fatalf("root: %+v %q %v", p, secret, err)
	}
	p, _, err = c.Authenticate(ctx, "ALTKEY", "")
	if err != nil || p.Account.Name != "alt" || p.IsAdmin() || !p.IsAccountRoot() {
		t.Fatalf("alt: %+v %v", p, err)
	}
	if _, _, err := c.Authenticate(ctx, "NOPE", ""); err != ErrUnknownKey {
		t.Fatalf("unknown key: %v", err)
	}
	// Restarting with the same seeds changes nothing; a seed cannot take
	// another account's key.
	if err := c.Store().PutBootstrapKey(ctx, "alt", "ALTKEY", "altsecret"); err != nil {
		t.Fatal(err)
	}
	if err := c.Store().PutBootstrapKey(ctx, "third", "ALTKEY", "x"); code(err) != "EntityAlreadyExists" {
		t.Fatalf("stolen key: %v", err)
	}
	// A deactivated bootstrap key stays deactivated across restarts.
	if err := c.Store().UpdateAccessKey(ctx, "alt", "", "ALTKEY", KeyInactive); err != nil {
		t.Fatal(err)
	}
	c.Store().PutBootstrapKey(ctx, "alt", "ALTKEY", "altsecret")
	if _, _, err := c.Authenticate(ctx, "ALTKEY", ""); err != ErrUnknownKey {
		t.Fatalf("inactive key: %v", err)
	}
}

func TestStoreRules(t *testing.T) {
	c := openCache(t)
	st := c.Store()
	if _, err := st.CreateUser(ctx, "root", "u1", "", nil); err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"duplicate":      errOf(st.CreateUser(ctx, "root", "U1", "", nil)),
		"bad name":       errOf(st.CreateUser(ctx, "root", "a/b", "", nil)),
		"bad path":       errOf(st.CreateUser(ctx, "root", "u2", "nopath", nil)),
		"no account":     errOf(st.CreateUser(ctx, "ghost", "u2", "", nil)),
		"bad policy":     st.PutInlinePolicy(ctx, EntityUser, "root", "u1", "p", `{"Statement":[]}`),
		"no such policy": st.AttachPolicy(ctx, EntityUser, "root", "u1", "arn:aws:iam::000000000000:policy/none"),
	} {
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, _, err := st.CreateAccessKey(ctx, "root", "u1"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.CreateAccessKey(ctx, "root", "u1"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.CreateAccessKey(ctx, "root", "u1"); code(err) != "LimitExceeded" {
		t.Fatalf("third key: %v", err)
	}
	if err := st.DeleteUser(ctx, "root", "u1"); code(err) != "DeleteConflict" {
		t.Fatalf("delete user with keys: %v", err)
	}
	if err := st.DeleteAccount(ctx, RootAccount); code(err) != "DeleteConflict" {
		t.Fatalf("delete root account: %v", err)
	}
	if err := st.DeleteAccessKey(ctx, "root", "", "ROOTKEY"); code(err) != "DeleteConflict" {
		t.Fatalf("delete bootstrap key: %v", err)
	}
}

func errOf[T any](_ T, err error) error { return err }

// TestDecide is the evaluation logic, case by case.
func TestDecide(t *testing.T) {
	c := openCache(t)
	st := c.Store()
	st.CreateUser(ctx, "root", "u", "", nil)
	st.PutInlinePolicy(ctx, EntityUser, "root", "u", "p", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/deny/*"}]}`)
	st.CreateUser(ctx, "alt", "v", "", nil)
	st.PutInlinePolicy(ctx, EntityUser, "alt", "v", "p", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
	_, ks, _ := st.CreateAccessKey(ctx, "root", "u")
	_ = ks
	pu := principalOf(t, c, "root", "u")
	pv := principalOf(t, c, "alt", "v")
	rootP, _, _ := c.Authenticate(ctx, "ROOTKEY", "")
	altP, _, _ := c.Authenticate(ctx, "ALTKEY", "")
	altID := altP.Account.ID
	grantAlt, _ := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + altID + `"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`))
	denyAll, _ := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/x"}]}`))
	public, _ := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`))
	get := func(p *Principal, key string) *Check {
		return &Check{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/" + key, ResourceAccount: "root", Context: map[string][]string{}}
	}
	with := func(ck *Check, f func(*Check)) *Check { f(ck); return ck }
	for _, tc := range []struct {
		name string
		ck   *Check
		want bool
	}{
		{"owner root", get(rootP, "k"), true},
		{"user allowed", get(pu, "k"), true},
		{"user explicit deny", get(pu, "deny/k"), false},
		{"user other action", with(get(pu, "k"), func(c *Check) { c.Action = "s3:PutObject" }), false},
		{"bucket deny beats owner", with(get(rootP, "x"), func(c *Check) { c.ResourcePolicy = denyAll }), false},
		{"cross account without grant", get(pv, "k"), false},
		{"cross account with grant", with(get(pv, "k"), func(c *Check) { c.ResourcePolicy = grantAlt }), true},
		{"cross account root with grant", with(get(altP, "k"), func(c *Check) { c.ResourcePolicy = grantAlt }), true},
		{"anonymous", get(nil, "k"), false},
		{"anonymous public policy", with(get(nil, "k"), func(c *Check) { c.ResourcePolicy = public }), true},
		{"anonymous public restricted", with(get(nil, "k"), func(c *Check) { c.ResourcePolicy = public; c.RestrictPublic = true }), false},
		{"anonymous public ACL", with(get(nil, "k"), func(c *Check) { c.ACLPublic = true }), true},
		{"user with account ACL only", with(get(pu, "deny/k"), func(c *Check) { c.ACLAccount = true }), false},
		{"root with account ACL", with(get(altP, "k"), func(c *Check) { c.ACLAccount = true }), true},
	} {
		if got := c.Decide(tc.ck).Allowed; got != tc.want {
			t.Errorf("%s: allowed=%v, want %v", tc.name, got, tc.want)
		}
	}
}

func principalOf(t *testing.T, c *Cache, account, user string) *Principal {
	return principalOfB(t, c, account, user)
}

func principalOfB(t testing.TB, c *Cache, account, user string) *Principal {
	t.Helper()
	_, secret, err := c.Store().CreateAccessKey(ctx, account, user)
	if err != nil {
		t.Fatal(err)
	}
	ks, _ := c.Store().ListAccessKeys(ctx, account, user)
	for _, k := range ks {
		if s, _ := c.Store().Sealer().Open(k.ID, k.Sealed); s == secret {
			p, _, err := c.Authenticate(ctx, k.ID, "")
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
	}
	t.Fatal("key not found")
	return nil
}

// TestCacheApply: a second gateway's cache follows changes it is told of
// (the cluster watch), and forgets deleted records.
func TestCacheApply(t *testing.T) {
	c := openCache(t)
	other, err := NewCache(ctx, c.Store())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(other.Close)
	c.Store().notify = c.refresh // NewCache took it over: keep the first cache local
	st := c.Store()
	k, _, err := st.CreateAccessKey(ctx, "alt", "")
	if err != nil {
		t.Fatal(err)
	}
	rec, _ := st.GetAccessKey(ctx, k.ID)
	rec.Status = KeyInactive
	b := mustJSON(rec)
	other.Apply(accessKeyKey(k.ID), b)
	if _, _, err := other.Authenticate(ctx, k.ID, ""); err != ErrUnknownKey {
		t.Fatalf("applied deactivation: %v", err)
	}
	other.Apply(accessKeyKey(k.ID), nil)
	// Forgotten: the cache falls back to the engine, where it is active.
	if _, _, err := other.Authenticate(ctx, k.ID, ""); err != nil {
		t.Fatalf("after delete event, engine fallback: %v", err)
	}
}

func mustJSON(v any) []byte {
	b, err := jsonMarshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
