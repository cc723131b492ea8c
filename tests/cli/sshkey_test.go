package clitest

import (
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestUserSSHKeyCLI: `strata user ssh-key add` registers a key that logs
// the user in to SFTP; `disable` makes the SFTP server refuse it, `rm`
// removes it.
func TestUserSSHKeyCLI(t *testing.T) {
	s := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.SFTPAddr = "127.0.0.1:0" }})
	ep := s.URL()
	ak, _ := s.CreateUser(t, "erin", "")
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	pubFile := filepath.Join(t.TempDir(), "id.pub")
	os.WriteFile(pubFile, ssh.MarshalAuthorizedKey(signer.PublicKey()), 0o644)

	out := mustCLI(t, ep, "user", "ssh-key", "add", "erin", "--file", pubFile)
	if !strings.Contains(out, `"status": "Active"`) || !strings.Contains(out, ssh.FingerprintLegacyMD5(signer.PublicKey())) {
		t.Fatalf("ssh-key add:\n%s", out)
	}
	list := mustCLI(t, ep, "user", "ssh-key", "list", "erin")
	fields := strings.Fields(strings.Split(strings.TrimSpace(list), "\n")[1])
	if len(fields) < 3 || !strings.HasPrefix(fields[0], "APKA") || fields[2] != "Active" {
		t.Fatalf("ssh-key list:\n%s", list)
	}
	id := fields[0]
	login := func() error {
		c, err := ssh.Dial("tcp", s.ProtocolAddr("sftp"), &ssh.ClientConfig{User: ak, Auth: []ssh.AuthMethod{ssh.PublicKeys(signer)},
			HostKeyCallback: ssh.InsecureIgnoreHostKey()})
		if err == nil {
			c.Close()
		}
		return err
	}
	if err := login(); err != nil {
		t.Fatalf("SFTP login with the added key: %v", err)
	}
	mustCLI(t, ep, "user", "ssh-key", "disable", "erin", id)
	if err := login(); err == nil {
		t.Fatal("SFTP login with a disabled key succeeded")
	}
	mustCLI(t, ep, "user", "ssh-key", "rm", "erin", id)
	if out := mustCLI(t, ep, "user", "ssh-key", "list", "erin"); strings.Contains(out, id) {
		t.Fatalf("ssh-key list after rm:\n%s", out)
	}
}
