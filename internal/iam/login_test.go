package iam

import (
	"strings"
	"testing"
)

const goodPassword = "Correct-Horse-9"

func TestPasswordPolicy(t *testing.T) {
	for _, tc := range []struct {
		pw   string
		ok   bool
		name string
	}{
		{"Sh0rt!", false, ""},
		{"alllowercase", false, ""},
		{"lower-and-symbols", false, ""}, // two classes
		{"Lower-and-symbols", true, ""},
		{"Passw0rdX", true, ""},
		{"Tab\there1", false, ""},
		{strings.Repeat("Aa1", 43), false, ""},
		{"Alice-Smith", false, "alice-smith"},
	} {
		err := DefaultPasswordPolicy.Check(tc.pw, tc.name)
		if (err == nil) != tc.ok {
			t.Errorf("Check(%q) = %v, want ok=%v", tc.pw, err, tc.ok)
		}
		if err != nil && code(err) != "PasswordPolicyViolation" {
			t.Errorf("Check(%q) code %q", tc.pw, code(err))
		}
	}
}

func TestPasswordHash(t *testing.T) {
	h := hashPassword(goodPassword)
	if !h.matches(goodPassword) || h.matches(goodPassword+"x") || h.matches("") {
		t.Fatal("hash matches the wrong passwords")
	}
	if h2 := hashPassword(goodPassword); string(h2.Salt) == string(h.Salt) || string(h2.Key) == string(h.Key) {
		t.Fatal("two hashes of one password share salt or key")
	}
	bad := h
	bad.Memory = 1 << 30
	if bad.matches(goodPassword) {
		t.Fatal("a hash with absurd parameters matched")
	}
}

func TestLoginProfileLifecycle(t *testing.T) {
	c := openCache(t)
	s := c.Store()
	if _, err := s.CreateUser(ctx, "alt", "Alice", "/", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateLoginProfile(ctx, "alt", "nobody", goodPassword, false); code(err) != "NoSuchEntity" {
		t.Fatalf("profile of a missing user: %v", err)
	}
	if _, err := s.CreateLoginProfile(ctx, "alt", "alice", "weak", false); code(err) != "PasswordPolicyViolation" {
		t.Fatalf("weak password: %v", err)
	}
	if _, err := s.GetLoginProfile(ctx, "alt", "alice"); code(err) != "NoSuchEntity" {
		t.Fatalf("get before create: %v", err)
	}
	if _, err := s.CreateLoginProfile(ctx, "alt", "alice", goodPassword, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateLoginProfile(ctx, "alt", "ALICE", goodPassword, false); code(err) != "EntityAlreadyExists" {
		t.Fatalf("second profile: %v", err)
	}
	lp, err := s.GetLoginProfile(ctx, "alt", "alice")
	if err != nil || !lp.ResetRequired || lp.User != "alice" && lp.User != "Alice" {
		t.Fatalf("get: %+v %v", lp, err)
	}
	// The clear password is stored nowhere in the record.
	if strings.Contains(string(mustJSON(lp)), goodPassword) {
		t.Fatal("the record holds the password in clear")
	}
	if err := s.DeleteUser(ctx, "alt", "alice"); code(err) != "DeleteConflict" {
		t.Fatalf("delete a user with a password: %v", err)
	}
	np, no := "New-Secret-77", false
	if err := s.UpdateLoginProfile(ctx, "alt", "alice", &np, &no); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CheckPassword(ctx, "alt", "alice", goodPassword); err != ErrBadLogin {
		t.Fatalf("old password after update: %v", err)
	}
	if lp, err := s.CheckPassword(ctx, "alt", "alice", np); err != nil || lp.ResetRequired {
		t.Fatalf("new password: %+v %v", lp, err)
	}
	// A rename carries the password along.
	if err := s.UpdateUser(ctx, "alt", "alice", "alicia", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CheckPassword(ctx, "alt", "alicia", np); err != nil {
		t.Fatalf("password after rename: %v", err)
	}
	if _, err := s.CheckPassword(ctx, "alt", "alice", np); err != ErrBadLogin {
		t.Fatalf("old name after rename: %v", err)
	}
	if err := s.DeleteLoginProfile(ctx, "alt", "alicia"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteLoginProfile(ctx, "alt", "alicia"); code(err) != "NoSuchEntity" {
		t.Fatalf("second delete: %v", err)
	}
	if err := s.DeleteUser(ctx, "alt", "alicia"); err != nil {
		t.Fatal(err)
	}
}

func TestRootPasswords(t *testing.T) {
	c := openCache(t)
	s := c.Store()
	if _, err := s.CreateLoginProfile(ctx, RootAccount, "", goodPassword, false); code(err) != "InvalidInput" {
		t.Fatalf("administrator password: %v", err)
	}
	if _, err := s.CreateLoginProfile(ctx, "alt", "", goodPassword, false); err != nil {
		t.Fatal(err)
	}
	l, err := c.LoginWithPassword(ctx, "alt", "", goodPassword, MinSessionSeconds)
	if err != nil {
		t.Fatal(err)
	}
	p, _, err := c.Authenticate(ctx, l.Credentials.AccessKeyID, l.Credentials.SessionToken)
	if err != nil || !p.IsAccountRoot() || p.Account.Name != "alt" || p.Session == nil {
		t.Fatalf("root session: %+v %v", p, err)
	}
}

func TestLoginWithPassword(t *testing.T) {
	c := openCache(t)
	s := c.Store()
	if _, err := s.CreateUser(ctx, "alt", "bob", "/", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateUser(ctx, "alt", "carol", "/", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateLoginProfile(ctx, "alt", "bob", goodPassword, false); err != nil {
		t.Fatal(err)
	}
	// Wrong password, unknown user, user without a password, unknown
	// account and malformed names: one and the same error.
	for _, in := range [][3]string{
		{"alt", "bob", "Wrong-Horse-9"},
		{"alt", "nobody", goodPassword},
		{"alt", "carol", goodPassword},
		{"nowhere", "bob", goodPassword},
		{"alt", "../k/ROOTKEY", goodPassword},
		{"", "", ""},
	} {
		if _, err := c.LoginWithPassword(ctx, in[0], in[1], in[2], 900); err != ErrBadLogin {
			t.Errorf("login %q: %v, want ErrBadLogin", in, err)
		}
	}
	l, err := c.LoginWithPassword(ctx, "alt", "BOB", goodPassword, 900)
	if err != nil {
		t.Fatal(err)
	}
	p, secret, err := c.Authenticate(ctx, l.Credentials.AccessKeyID, l.Credentials.SessionToken)
	if err != nil || secret != l.Credentials.SecretAccessKey || p.User == nil || p.User.Name != "bob" || p.Session == nil {
		t.Fatalf("session principal: %+v %v", p, err)
	}
	if _, _, err := c.Authenticate(ctx, l.Credentials.AccessKeyID, "forged"); err == nil {
		t.Fatal("a session key without its token authenticated")
	}
	if _, err := c.LoginWithPassword(ctx, "alt", "bob", goodPassword, 60); code(err) != "ValidationError" {
		t.Fatalf("a 60 s session: %v", err)
	}
}

// A password session renews into a fresh session of the same holder;
// other keys do not renew.
func TestRenewLogin(t *testing.T) {
	c := openCache(t)
	s := c.Store()
	if _, err := s.CreateUser(ctx, "alt", "bob", "/", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateLoginProfile(ctx, "alt", "bob", goodPassword, false); err != nil {
		t.Fatal(err)
	}
	l, err := c.LoginWithPassword(ctx, "alt", "bob", goodPassword, 900)
	if err != nil {
		t.Fatal(err)
	}
	cr, err := c.RenewLogin(ctx, l.Credentials.AccessKeyID, l.Credentials.SessionToken, 1800)
	if err != nil || cr.AccessKeyID == l.Credentials.AccessKeyID || !cr.Expiration.After(l.Credentials.Expiration) {
		t.Fatalf("renew: %+v %v", cr, err)
	}
	p, _, err := c.Authenticate(ctx, cr.AccessKeyID, cr.SessionToken)
	if err != nil || p.User == nil || p.User.Name != "bob" {
		t.Fatalf("renewed principal: %+v %v", p, err)
	}
	if _, err := c.RenewLogin(ctx, "ALTKEY", "", 900); code(err) != "AccessDenied" {
		t.Fatalf("renewing a long-term key: %v", err)
	}
	if _, err := c.RenewLogin(ctx, l.Credentials.AccessKeyID, "wrong-token", 900); err == nil {
		t.Fatal("renewed without the session's token")
	}
}

func TestChangePassword(t *testing.T) {
	c := openCache(t)
	s := c.Store()
	if _, err := s.CreateUser(ctx, "alt", "bob", "/", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateLoginProfile(ctx, "alt", "bob", goodPassword, true); err != nil {
		t.Fatal(err)
	}
	if err := s.ChangePassword(ctx, "alt", "bob", "Wrong-Horse-9", "Fresh-Horse-9"); code(err) != "AccessDenied" {
		t.Fatalf("wrong old password: %v", err)
	}
	if err := s.ChangePassword(ctx, "alt", "bob", goodPassword, goodPassword); code(err) != "PasswordPolicyViolation" {
		t.Fatalf("same password: %v", err)
	}
	if err := s.ChangePassword(ctx, "alt", "bob", goodPassword, "Fresh-Horse-9"); err != nil {
		t.Fatal(err)
	}
	if lp, err := s.CheckPassword(ctx, "alt", "bob", "Fresh-Horse-9"); err != nil || lp.ResetRequired {
		t.Fatalf("after change: %+v %v", lp, err)
	}
}

// BenchmarkCheckPassword measures one password check (the argon2id cost
// a login pays, right or wrong).
func BenchmarkCheckPassword(b *testing.B) {
	c := openCacheB(b)
	s := c.Store()
	if _, err := s.CreateUser(ctx, "alt", "bob", "/", nil); err != nil {
		b.Fatal(err)
	}
	if _, err := s.CreateLoginProfile(ctx, "alt", "bob", goodPassword, false); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s.CheckPassword(ctx, "alt", "bob", "Wrong-Horse-9")
	}
}

func TestEndLogin(t *testing.T) {
	c := openCache(t)
	if _, err := c.Store().CreateLoginProfile(ctx, "alt", "", goodPassword, false); err != nil {
		t.Fatal(err)
	}
	l, err := c.LoginWithPassword(ctx, "alt", "", goodPassword, 900)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.EndLogin(ctx, "ALTKEY", ""); code(err) != "AccessDenied" {
		t.Fatalf("ending a long-term key: %v", err)
	}
	if err := c.EndLogin(ctx, l.Credentials.AccessKeyID, l.Credentials.SessionToken); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Authenticate(ctx, l.Credentials.AccessKeyID, l.Credentials.SessionToken); err == nil {
		t.Fatal("the session key works after EndLogin")
	}
	if _, _, err := c.Authenticate(ctx, "ALTKEY", ""); err != nil {
		t.Fatalf("the root's own key after EndLogin: %v", err)
	}
}
