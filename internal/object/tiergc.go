package object

import (
	"bytes"
	"context"
	"strings"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Remote objects whose delete failed (the tier was down) are queued in
// the root engine and deleted again by the archive worker:
//
//	tiergc/<tier>\x00<key> -> (empty)
const tierGCPrefix = "tiergc/"

func tierGCKey(r remoteRef) []byte { return []byte(tierGCPrefix + r.Tier + "\x00" + r.Key) }

// queueRemoteDelete records a remote object to delete later. If even
// that fails, the object is an orphan on the tier (logged).
func (s *Service) queueRemoteDelete(ctx context.Context, r remoteRef) {
	err := s.dir.Root().Update(context.WithoutCancel(ctx), func(tx meta.Txn) error { return tx.Set(tierGCKey(r), nil) })
	if err != nil {
		s.log.Error("remote tier object not queued for deletion; it stays on the tier", "tier", r.Tier, "key", r.Key, "err", err)
	}
}

// RetryRemoteDeletes deletes the queued remote objects; those whose tier
// is still down stay queued. It returns how many were deleted.
func (s *Service) RetryRemoteDeletes(ctx context.Context) (int, error) {
	root := s.dir.Root()
	var keys [][]byte
	err := root.View(ctx, func(r meta.Reader) error {
		var err error
		keys, err = keysUnder(r, []byte(tierGCPrefix), nil)
		return err
	})
	if err != nil {
		return 0, err
	}
	done := 0
	for _, k := range keys {
		tier, key, ok := strings.Cut(string(bytes.TrimPrefix(k, []byte(tierGCPrefix))), "\x00")
		if !ok {
			continue
		}
		r, err := s.remote(ctx, tier)
		if err == nil {
			err = r.Delete(ctx, key)
		}
		if err != nil && !strata.Is(err, strata.NotExist) {
			continue // still down: next pass
		}
		if err := root.Update(ctx, func(tx meta.Txn) error { return tx.Delete(k) }); err != nil {
			return done, err
		}
		done++
	}
	return done, nil
}
