package server

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/strata-storage/strata/internal/strata"
)

// RootAccount is the account that owns the root credentials.
const RootAccount = "root"

// User is one set of S3 credentials and the account it acts as.
type User struct {
	Account   string `json:"account"`
	AccessKey string `json:"access_key"`
	SecretKey string `json:"secret_key"`
}

// Keyring holds the credentials the gateway accepts. It implements
// auth.Credentials.
type Keyring struct {
	mu    sync.RWMutex
	users map[string]User
}

// NewKeyring returns a keyring holding users.
func NewKeyring(users ...User) *Keyring {
	k := &Keyring{users: make(map[string]User)}
	for _, u := range users {
		k.users[u.AccessKey] = u
	}
	return k
}

// Lookup returns the secret and account of an access key.
func (k *Keyring) Lookup(_ context.Context, accessKey string) (secret, account string, ok bool) {
	k.mu.RLock()
	defer k.mu.RUnlock()
	u, ok := k.users[accessKey]
	return u.SecretKey, u.Account, ok
}

// ParseUser parses "ACCOUNT:ACCESS:SECRET" as given to --user.
func ParseUser(s string) (User, error) {
	p := strings.SplitN(s, ":", 3)
	if len(p) != 3 || p[0] == "" || p[1] == "" || p[2] == "" {
		return User{}, strata.Errorf("server.ParseUser", strata.Invalid, "want ACCOUNT:ACCESS_KEY:SECRET_KEY, got %q", s)
	}
	return User{Account: p[0], AccessKey: p[1], SecretKey: p[2]}, nil
}

// RootCredentialsReadOnly is RootCredentials for commands that talk to a
// running server: it never creates the file.
func RootCredentialsReadOnly(dataDir, envAccess, envSecret string) (User, bool, error) {
	if envAccess == "" && envSecret == "" {
		if _, err := os.Stat(filepath.Join(dataDir, credentialsFile)); err != nil {
			return User{}, false, strata.Errorf("server.RootCredentials", strata.NotExist,
				"no credentials: set STRATA_ACCESS_KEY and STRATA_SECRET_KEY, or point --data at the server's data folder")
		}
	}
	return RootCredentials(dataDir, envAccess, envSecret)
}

// credentialsFile is where generated root credentials live, mode 0600.
const credentialsFile = "credentials.json"

// RootCredentials returns the root user: from the environment values if
// both are set, else from the data folder, else freshly generated and
// saved there (created reports that, so the caller prints them once).
func RootCredentials(dataDir, envAccess, envSecret string) (u User, created bool, err error) {
	const op = "server.RootCredentials"
	if envAccess != "" || envSecret != "" {
		if envAccess == "" || envSecret == "" {
			return u, false, strata.Errorf(op, strata.Invalid, "set both STRATA_ACCESS_KEY and STRATA_SECRET_KEY, or neither")
		}
		return User{Account: RootAccount, AccessKey: envAccess, SecretKey: envSecret}, false, nil
	}
	path := filepath.Join(dataDir, credentialsFile)
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := json.Unmarshal(b, &u); err != nil || u.AccessKey == "" || u.SecretKey == "" {
			return u, false, strata.Errorf(op, strata.Corrupt, "%s is not a valid credentials file", path)
		}
		return u, false, nil
	case !errors.Is(err, fs.ErrNotExist):
		return u, false, strata.E(op, strata.Internal, err)
	}
	u = User{Account: RootAccount, AccessKey: randomKey(20, upperAlnum), SecretKey: randomKey(40, keyAlphabet)}
	b, _ = json.MarshalIndent(u, "", "  ")
	if err := writeFileSync(path, b, 0o600); err != nil {
		return u, false, strata.E(op, strata.Internal, err)
	}
	return u, true, nil
}

const (
	upperAlnum  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	keyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
)

func randomKey(n int, alphabet string) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// writeFileSync writes a file atomically and durably: temp file, fsync,
// rename, fsync of the directory.
func writeFileSync(path string, data []byte, mode os.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
