package object

import (
	"context"
	"crypto/rand"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/kms"
)

// sseState is the service's encryption machinery.
type sseState struct {
	kms kms.KMS

	mu         sync.Mutex
	bucketKeys map[[2]string]bucketKey // (bucket, KMS key) -> bucket key
}

// S3 Bucket Keys: with BucketKeyEnabled (and no client context), SSE-KMS
// writes to a bucket share a data key from the KMS for bucketKeyTTL, and
// each object's key is derived from it with a random salt. This saves a
// KMS call per object; a key disabled or rotated in the KMS stops being
// used for new writes within bucketKeyTTL (reads always ask the KMS).
const (
	bucketKeyTTL   = time.Minute
	bucketKeyLabel = "strata-bucket-key-object"
)

type bucketKey struct {
	plain, sealed []byte
	at            time.Time
}

// bucketKeyEnc fills e for a new object under the bucket's current
// bucket key.
func (s *Service) bucketKeyEnc(ctx context.Context, bucket string, e *encMeta) (*encMeta, []byte, error) {
	id := [2]string{bucket, e.KeyID}
	s.sse.mu.Lock()
	bk, ok := s.sse.bucketKeys[id]
	s.sse.mu.Unlock()
	if !ok || time.Since(bk.at) > bucketKeyTTL {
		plain, sealed, err := s.sse.kms.GenerateKey(ctx, e.KeyID, kmsContext(bucket, nil))
		if err != nil {
			return nil, nil, err
		}
		bk = bucketKey{plain: plain, sealed: sealed, at: time.Now()}
		s.sse.mu.Lock()
		if s.sse.bucketKeys == nil {
			s.sse.bucketKeys = map[[2]string]bucketKey{}
		}
		s.sse.bucketKeys[id] = bk
		s.sse.mu.Unlock()
	}
	salt := make([]byte, 32)
	rand.Read(salt)
	e.Sealed, e.KeyVersion, e.Salt = bk.sealed, kms.VersionOf(bk.sealed), salt
	return e, mac(bk.plain, bucketKeyLabel, salt), nil
}
