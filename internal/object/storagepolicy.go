package object

import (
	"context"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/protect"
)

// SetStoragePolicy changes the storage policy a bucket's new objects get
// ("" for the cluster default). Objects already written keep theirs.
func (s *Service) SetStoragePolicy(ctx context.Context, bucket, policy string) error {
	if policy != "" {
		p, err := protect.ParsePolicy(policy)
		if err != nil {
			return err
		}
		if err := sitePolicyError(p, s.cfg.MinSites); err != nil {
			return err
		}
	}
	_, err := s.dir.Update(ctx, bucket, func(c *directory.Container) error {
		c.Policy = policy
		return nil
	})
	return err
}
