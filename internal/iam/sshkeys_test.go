package iam

import (
	"crypto/ed25519"
	"crypto/rand"
	"testing"

	"golang.org/x/crypto/ssh"
)

func testSSHKey(t *testing.T) ssh.PublicKey {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestSSHKeys: a key uploaded on a user authorizes that user's access
// keys (not another user's) while it and the access key are active; a
// second gateway's cache follows through Apply; user renames and
// deletes respect the keys.
func TestSSHKeys(t *testing.T) {
	c := openCache(t)
	st := c.Store()
	if _, err := st.CreateUser(ctx, "alt", "sam", "", nil); err != nil {
		t.Fatal(err)
	}
	ak, _, err := st.CreateAccessKey(ctx, "alt", "sam")
	if err != nil {
		t.Fatal(err)
	}
	pub := testSSHKey(t)
	line := string(ssh.MarshalAuthorizedKey(pub))
	if _, err := st.UploadSSHPublicKey(ctx, "alt", "sam", "not a key"); code(err) != "UnrecognizedPublicKeyEncoding" {
		t.Fatalf("garbage key: %v", err)
	}
	k, err := st.UploadSSHPublicKey(ctx, "alt", "sam", line+" comment")
	if err != nil || k.Fingerprint != ssh.FingerprintLegacyMD5(pub) || k.Status != KeyActive {
		t.Fatalf("upload: %+v %v", k, err)
	}
	if _, err := st.UploadSSHPublicKey(ctx, "alt", "sam", line); code(err) != "DuplicateSSHPublicKey" {
		t.Fatalf("duplicate: %v", err)
	}
	if _, err := st.UploadSSHPublicKey(ctx, "alt", "nobody", line); code(err) != "NoSuchEntity" {
		t.Fatalf("unknown user: %v", err)
	}
	if !c.SSHKeyAuthorized(ak.ID, pub.Marshal()) {
		t.Fatal("uploaded key does not authorize its user's access key")
	}
	if c.SSHKeyAuthorized("ALTKEY", pub.Marshal()) || c.SSHKeyAuthorized(ak.ID, testSSHKey(t).Marshal()) {
		t.Fatal("a key authorized another holder, or another key authorized the user")
	}
	if err := st.UpdateAccessKey(ctx, "alt", "sam", ak.ID, KeyInactive); err != nil {
		t.Fatal(err)
	}
	if c.SSHKeyAuthorized(ak.ID, pub.Marshal()) {
		t.Fatal("an SSH key logged in under an inactive access key")
	}
	st.UpdateAccessKey(ctx, "alt", "sam", ak.ID, KeyActive)

	// Another gateway learns of the change from the watch.
	other, err := NewCache(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(other.Close)
	st.notify = c.refresh
	if !other.SSHKeyAuthorized(ak.ID, pub.Marshal()) {
		t.Fatal("a loaded cache does not know the key")
	}
	if err := st.UpdateSSHPublicKey(ctx, "alt", "sam", k.ID, KeyInactive); err != nil {
		t.Fatal(err)
	}
	if c.SSHKeyAuthorized(ak.ID, pub.Marshal()) {
		t.Fatal("an inactive SSH key authorized")
	}
	rec, err := st.GetSSHPublicKey(ctx, "alt", "sam", k.ID)
	if err != nil {
		t.Fatal(err)
	}
	other.Apply(sshKeyKey(k.ID), mustJSON(rec))
	if other.SSHKeyAuthorized(ak.ID, pub.Marshal()) {
		t.Fatal("the second cache did not apply the deactivation")
	}

	// Renames carry the keys; a user with keys cannot be deleted.
	st.UpdateSSHPublicKey(ctx, "alt", "sam", k.ID, KeyActive)
	if err := st.UpdateUser(ctx, "alt", "sam", "samuel", ""); err != nil {
		t.Fatal(err)
	}
	if ks, err := st.ListSSHPublicKeys(ctx, "alt", "samuel"); err != nil || len(ks) != 1 || ks[0].User != "samuel" {
		t.Fatalf("keys after rename: %+v %v", ks, err)
	}
	if !c.SSHKeyAuthorized(ak.ID, pub.Marshal()) {
		t.Fatal("the key stopped working after a rename")
	}
	st.DeleteAccessKey(ctx, "alt", "samuel", ak.ID)
	if err := st.DeleteUser(ctx, "alt", "samuel"); code(err) != "DeleteConflict" {
		t.Fatalf("delete a user with SSH keys: %v", err)
	}
	if err := st.DeleteSSHPublicKey(ctx, "alt", "samuel", k.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteSSHPublicKey(ctx, "alt", "samuel", k.ID); code(err) != "NoSuchEntity" {
		t.Fatalf("delete twice: %v", err)
	}
	if err := st.DeleteUser(ctx, "alt", "samuel"); err != nil {
		t.Fatal(err)
	}
}

// FuzzSSHKeyBody: any uploaded body either is refused or parses to a key
// whose stored form parses again to the same key (what the cache does).
func FuzzSSHKeyBody(f *testing.F) {
	f.Add("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGz8uV9bV8pA2T9lZ4sKpN2m3mYVgk0kQm2iGQdD4zYx test")
	f.Add("ssh-rsa AAAA")
	f.Add("")
	f.Fuzz(func(t *testing.T, body string) {
		pub, err := parseSSHKey(body)
		if err != nil {
			return
		}
		again, err := parseSSHKey(string(ssh.MarshalAuthorizedKey(pub)))
		if err != nil || string(again.Marshal()) != string(pub.Marshal()) {
			t.Fatalf("stored form of %q does not parse back: %v", body, err)
		}
	})
}
