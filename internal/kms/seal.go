package kms

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"

	"github.com/strata-storage/strata/internal/strata"
)

// sealFormat is the first byte of a sealed data key:
// format(1) | key version(4, big endian) | nonce(12) | AES-256-GCM(data key).
const sealFormat = 1

func gcm(key []byte) cipher.AEAD {
	b, err := aes.NewCipher(key)
	if err != nil {
		panic(err) // keys are always 32 bytes here
	}
	a, err := cipher.NewGCM(b)
	if err != nil {
		panic(err)
	}
	return a
}

func aad(keyID string, c Context) []byte {
	return append(append([]byte(keyID), 0), c.bytes()...)
}

// seal wraps plain with a key version's material.
func seal(material []byte, version int, keyID string, c Context, plain []byte) []byte {
	out := make([]byte, 5, 5+12+len(plain)+16)
	out[0] = sealFormat
	binary.BigEndian.PutUint32(out[1:5], uint32(version))
	nonce := make([]byte, 12)
	rand.Read(nonce)
	out = append(out, nonce...)
	return gcm(material).Seal(out, nonce, plain, aad(keyID, c))
}

func splitSealed(sealed []byte) (int, []byte, error) {
	if len(sealed) < 5+12+16 || sealed[0] != sealFormat {
		return 0, nil, strata.Errorf("kms.Unseal", strata.Corrupt, "not a sealed data key")
	}
	return int(binary.BigEndian.Uint32(sealed[1:5])), sealed[5:], nil
}

// unseal reverses seal; body is sealed without its format and version.
func unseal(material []byte, keyID string, c Context, body []byte) ([]byte, error) {
	plain, err := gcm(material).Open(nil, body[:12], body[12:], aad(keyID, c))
	if err != nil {
		return nil, strata.Errorf("kms.Unseal", strata.Corrupt, "the data key does not authenticate under key %q", keyID)
	}
	return plain, nil
}
