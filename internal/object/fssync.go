package object

import (
	"context"

	"github.com/strata-storage/strata/internal/meta"
)

// FSSync returns once the bucket's changes made under
// meta.WithDeferredSync are durable: a mount with deferred syncs sends it
// on fsync. It syncs each store holding a range of the bucket (a store
// with nothing pending costs nothing); a replicated store's commits are
// durable already.
func (s *Service) FSSync(ctx context.Context, bucket string) error {
	c, err := s.dir.Lookup(ctx, bucket)
	if err != nil {
		return err
	}
	shards := []string{c.Shard}
	for _, r := range c.RangeList() {
		shards = append(shards, r.Shard)
	}
	seen := map[string]bool{}
	for _, id := range shards {
		if seen[id] {
			continue
		}
		seen[id] = true
		e, err := s.dir.Shard(id)
		if err != nil {
			return err
		}
		if err := meta.Sync(ctx, e); err != nil {
			return err
		}
	}
	return nil
}
