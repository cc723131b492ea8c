package object

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"

	"github.com/strata-storage/strata/internal/kms"
	"github.com/strata-storage/strata/internal/strata"
)

// Server-side encryption modes, as S3 names the first two.
const (
	SSEModeS3  = "AES256"  // SSE-S3: data key wrapped by the KMS's SSE-S3 key
	SSEModeKMS = "aws:kms" // SSE-KMS: data key wrapped by a named KMS key
	SSEModeC   = "SSE-C"   // SSE-C: data key derived from the customer's key, never stored
)

// SSE asks for server-side encryption on a write, or carries the
// customer's key on a read of an SSE-C object.
type SSE struct {
	Mode        string
	KeyID       string            // SSE-KMS key; "" = kms.SSES3Key
	Context     map[string]string // SSE-KMS encryption context from the client
	BucketKey   bool              // recorded and reported; every object still has its own data key
	CustomerKey []byte            // SSE-C: the 32-byte key (never stored)
}

// SSEInfo is how a version is encrypted, as the protocols report it.
type SSEInfo struct {
	Mode      string `json:"mode"`
	KeyID     string `json:"key_id,omitempty"`
	BucketKey bool   `json:"bucket_key,omitempty"`
}

// encMeta is the encryption of a version (or of an upload, whose parts
// it covers), kept in its record. Content holds DARE 2.0 ciphertext
// (github.com/minio/sio): each part is its own stream, under a key
// derived from the object key and the part number (a single PUT is part
// 1), so parts encrypted apart concatenate into one object.
type encMeta struct {
	Mode       string            `json:"m"`
	KeyID      string            `json:"k,omitempty"`
	KeyVersion int               `json:"v,omitempty"` // KMS key version that sealed the object key
	Sealed     []byte            `json:"s,omitempty"` // object key sealed by the KMS (SSE-S3, SSE-KMS)
	Context    map[string]string `json:"x,omitempty"` // client encryption context (SSE-KMS)
	BucketKey  bool              `json:"b,omitempty"`
	Salt       []byte            `json:"salt,omitempty"` // SSE-C: salt of the key derivation and check
	Check      []byte            `json:"chk,omitempty"`  // SSE-C: HMAC-SHA256(customer key, check label | salt)
}

func (e *encMeta) info() *SSEInfo {
	if e == nil {
		return nil
	}
	return &SSEInfo{Mode: e.Mode, KeyID: e.KeyID, BucketKey: e.BucketKey}
}

// SetKMS gives the service its KMS; without one, SSE-S3 and SSE-KMS
// writes are refused (SSE-C needs no KMS).
func (s *Service) SetKMS(k kms.KMS) { s.kms = k }

// KMS returns the service's KMS, or nil.
func (s *Service) KMS() kms.KMS { return s.kms }

// kmsContext binds a sealed key to its bucket (not its key: a rename
// through the mount keeps the record) and to the client's context.
func kmsContext(bucket string, client map[string]string) kms.Context {
	c := kms.Context{"aws:s3:arn": "arn:aws:s3:::" + bucket}
	for k, v := range client {
		if k != "aws:s3:arn" {
			c[k] = v
		}
	}
	return c
}

func mac(key []byte, label string, data []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(label))
	m.Write(data)
	return m.Sum(nil)
}

// partKey is the DARE key of part n (1-based) of an object.
func partKey(objKey []byte, n int) []byte {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], uint32(n))
	return mac(objKey, "strata-sse-part", b[:])
}

func (s *Service) needKMS(op string) error {
	if s.kms == nil {
		return strata.Errorf(op, strata.Invalid, "InvalidArgument: server-side encryption with a KMS is not configured on this server")
	}
	return nil
}

// newEnc makes the object key of a new encrypted version or upload.
func (s *Service) newEnc(ctx context.Context, bucket string, req *SSE) (*encMeta, []byte, error) {
	const op = "object.sse"
	if req == nil {
		return nil, nil, nil
	}
	switch req.Mode {
	case SSEModeC:
		if len(req.CustomerKey) != 32 {
			return nil, nil, strata.Errorf(op, strata.Invalid, "InvalidArgument: the SSE-C key must be 256 bits")
		}
		salt := make([]byte, 32)
		rand.Read(salt)
		e := &encMeta{Mode: SSEModeC, Salt: salt, Check: mac(req.CustomerKey, "strata-sse-c-check", salt)}
		return e, mac(req.CustomerKey, "strata-sse-c-key", salt), nil
	case SSEModeS3, SSEModeKMS:
		if err := s.needKMS(op); err != nil {
			return nil, nil, err
		}
		e := &encMeta{Mode: req.Mode, KeyID: kms.SSES3Key}
		if req.Mode == SSEModeKMS {
			if req.KeyID != "" {
				e.KeyID = req.KeyID
			}
			e.Context, e.BucketKey = req.Context, req.BucketKey
		}
		plain, sealed, err := s.kms.GenerateKey(ctx, e.KeyID, kmsContext(bucket, e.Context))
		if err != nil {
			return nil, nil, err
		}
		e.Sealed, e.KeyVersion = sealed, kms.VersionOf(sealed)
		return e, plain, nil
	}
	return nil, nil, strata.Errorf(op, strata.Invalid, "InvalidArgument: unknown server-side encryption %q", req.Mode)
}

// checkSSEC applies S3's rules on the customer key of a read (or of a
// part upload): required for SSE-C versions, refused for others, and it
// must be the key the version was written with.
func checkSSEC(e *encMeta, req *SSE) error {
	const op = "object.sse"
	hasKey := req != nil && req.Mode == SSEModeC
	switch {
	case e != nil && e.Mode == SSEModeC && !hasKey:
		return strata.Errorf(op, strata.Invalid, "InvalidRequest: The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.")
	case (e == nil || e.Mode != SSEModeC) && hasKey:
		return strata.Errorf(op, strata.Invalid, "InvalidRequest: The encryption parameters are not applicable to this object.")
	case hasKey && subtle.ConstantTimeCompare(mac(req.CustomerKey, "strata-sse-c-check", e.Salt), e.Check) != 1:
		return strata.Errorf(op, strata.Permission, "AccessDenied: the SSE-C key does not match the key the object was stored with")
	}
	return nil
}

// objectKey recovers the object key of an encrypted version or upload.
func (s *Service) objectKey(ctx context.Context, bucket string, e *encMeta, req *SSE) ([]byte, error) {
	if err := checkSSEC(e, req); err != nil {
		return nil, err
	}
	if e.Mode == SSEModeC {
		return mac(req.CustomerKey, "strata-sse-c-key", e.Salt), nil
	}
	if err := s.needKMS("object.sse"); err != nil {
		return nil, err
	}
	return s.kms.Unseal(ctx, e.KeyID, e.Sealed, kmsContext(bucket, e.Context))
}
