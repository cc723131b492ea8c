package sftp

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/crypto/ssh"

	"github.com/strata-storage/strata/internal/strata"
)

// HostKeyFile is the host key's file name in the key folder (OpenSSH's
// name and format, so that ssh-keygen -lf shows its fingerprint).
const HostKeyFile = "ssh_host_ed25519_key"

// loadHostKey reads the host key from dir, generating it on first use.
// The key is what clients pin in known_hosts, so it is made once and
// kept (0600): a node that changed it at each restart would look like a
// man in the middle. Only ed25519: every current client has it, and an
// RSA key would cost seconds to make in every test node.
func loadHostKey(dir string) (ssh.Signer, error) {
	p := filepath.Join(dir, HostKeyFile)
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		b, err = newHostKey(dir, p)
	}
	if err != nil {
		return nil, strata.E("sftp.hostkey", strata.Internal, err)
	}
	s, err := ssh.ParsePrivateKey(b)
	if err != nil {
		return nil, strata.Errorf("sftp.hostkey", strata.Corrupt, "%s: %v", p, err)
	}
	return s, nil
}

// newHostKey writes a fresh ed25519 key in OpenSSH format, atomically:
// a crash leaves either no key or a whole one.
func newHostKey(dir, p string) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	blk, err := ssh.MarshalPrivateKey(priv, "strata sftp host key")
	if err != nil {
		return nil, err
	}
	b := pem.EncodeToMemory(blk)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(dir, HostKeyFile+".tmp*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	// CreateTemp made it 0600. Link, not rename: if another node process
	// on the same folder won the race, keep its key.
	if err := os.Link(tmp.Name(), p); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, err
	}
	return os.ReadFile(p)
}
