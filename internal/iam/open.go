package iam

import (
	"context"
	"log/slog"

	"github.com/strata-storage/strata/internal/meta"
)

// Seed is an account root key from a node's configuration.
type Seed struct {
	Account, AccessKey, SecretKey string
}

// Open opens the IAM store on the root engine, stores the configured
// root keys (the first is the root account's) on first sight, and loads
// the cache.
func Open(ctx context.Context, eng meta.Engine, clusterKey []byte, seeds []Seed, log *slog.Logger) (*Cache, error) {
	seal, err := NewSealer(clusterKey)
	if err != nil {
		return nil, err
	}
	st := NewStore(eng, seal, log)
	for _, s := range seeds {
		if err := st.PutBootstrapKey(ctx, s.Account, s.AccessKey, s.SecretKey); err != nil {
			return nil, err
		}
	}
	return NewCache(ctx, st)
}
