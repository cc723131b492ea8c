package iam

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"

	"github.com/strata-storage/strata/internal/strata"
)

// Sealer seals secrets under the cluster key with AES-256-GCM. The
// access key id is the additional data, so a sealed secret cannot be
// moved to another key's record.
type Sealer struct {
	aead cipher.AEAD
}

// NewSealer derives the sealing key from the cluster key material with
// HKDF-SHA256, so that the same material can key other uses safely.
func NewSealer(clusterKey []byte) (*Sealer, error) {
	const op = "iam.NewSealer"
	if len(clusterKey) < 16 {
		return nil, strata.Errorf(op, strata.Invalid, "cluster key too short")
	}
	k, err := hkdf.Key(sha256.New, clusterKey, nil, "strata iam secrets v1", 32)
	if err != nil {
		return nil, strata.E(op, strata.Internal, err)
	}
	blk, err := aes.NewCipher(k)
	if err != nil {
		return nil, strata.E(op, strata.Internal, err)
	}
	aead, err := cipher.NewGCM(blk)
	if err != nil {
		return nil, strata.E(op, strata.Internal, err)
	}
	return &Sealer{aead: aead}, nil
}

// Seal encrypts secret for the record named id.
func (s *Sealer) Seal(id, secret string) []byte {
	nonce := make([]byte, s.aead.NonceSize())
	rand.Read(nonce)
	return s.aead.Seal(nonce, nonce, []byte(secret), []byte(id))
}

// Open decrypts what Seal returned for id.
func (s *Sealer) Open(id string, sealed []byte) (string, error) {
	n := s.aead.NonceSize()
	if len(sealed) < n {
		return "", strata.Errorf("iam.Open", strata.Corrupt, "sealed secret of %s is truncated", id)
	}
	p, err := s.aead.Open(nil, sealed[:n], sealed[n:], []byte(id))
	if err != nil {
		return "", strata.Errorf("iam.Open", strata.Corrupt, "sealed secret of %s does not open under this cluster key", id)
	}
	return string(p), nil
}
