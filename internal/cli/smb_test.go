package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/strata-storage/strata/internal/smb"
)

// TestSMBUsers: the credentials file must not be readable by others, and
// --user keys come after its keys.
func TestSMBUsers(t *testing.T) {
	file := filepath.Join(t.TempDir(), "keys")
	if err := os.WriteFile(file, []byte("# served\nAK1:secret:1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := smbUsers(&adminFlags{}, file, nil); err == nil {
		t.Fatal("a credentials file of mode 0644 was accepted")
	}
	os.Chmod(file, 0o600)
	users, err := smbUsers(&adminFlags{}, file, []string{"AK2:s2"})
	if err != nil {
		t.Fatal(err)
	}
	want := []smb.User{{AccessKey: "AK1", SecretKey: "secret:1"}, {AccessKey: "AK2", SecretKey: "s2"}}
	if len(users) != 2 || users[0] != want[0] || users[1] != want[1] {
		t.Fatalf("users = %v, want %v", users, want)
	}
	if _, err := smbUsers(&adminFlags{}, "", []string{"no-colon"}); err == nil {
		t.Fatal("--user without a secret was accepted")
	}
}
