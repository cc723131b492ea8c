package kms

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/strata-storage/strata/internal/strata"
)

// MasterKeyEnv names the environment variable that may hold the master key.
const MasterKeyEnv = "STRATA_KMS_MASTER_KEY"

// ParseMasterKey reads a 32-byte key written in base64 or hex.
func ParseMasterKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if b, err := hex.DecodeString(s); err == nil && len(b) == 32 {
		return b, nil
	}
	if b, err := base64.StdEncoding.DecodeString(s); err == nil && len(b) == 32 {
		return b, nil
	}
	return nil, strata.Errorf("kms.MasterKey", strata.Invalid, "the master key must be 32 bytes in base64 or hex")
}

// LoadMasterKey finds the master key: in file if given, else in env (the
// value of MasterKeyEnv, passed in by cmd), else in dataDir/kms-master.key,
// which is created (mode 0600) with a random key on first start.
// generated reports that last case, for the caller to log.
func LoadMasterKey(file, env, dataDir string) (key []byte, generated bool, err error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, false, strata.E("kms.MasterKey", strata.Invalid, err)
		}
		key, err := ParseMasterKey(string(b))
		return key, false, err
	}
	if env != "" {
		key, err := ParseMasterKey(env)
		return key, false, err
	}
	path := filepath.Join(dataDir, "kms-master.key")
	if b, err := os.ReadFile(path); err == nil {
		key, err := ParseMasterKey(string(b))
		return key, false, err
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, false, strata.E("kms.MasterKey", strata.Internal, err)
	}
	key = make([]byte, 32)
	rand.Read(key)
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, false, strata.E("kms.MasterKey", strata.Internal, err)
	}
	// O_EXCL: two processes starting on one data dir must not both win.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return LoadMasterKey("", "", dataDir)
		}
		return nil, false, strata.E("kms.MasterKey", strata.Internal, err)
	}
	_, err = f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, false, strata.E("kms.MasterKey", strata.Internal, err)
	}
	return key, true, nil
}
