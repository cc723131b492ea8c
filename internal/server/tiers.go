package server

import (
	"context"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/tier"
)

// tierStore is the registry of remote tiers on the root engine (nil
// before IAM, whose sealer guards their secrets, is open). Each caller
// gets its own cache over the same records.
func (n *Node) tierStore() *tier.Store {
	if n.iam == nil {
		return nil
	}
	return tier.NewStore(n.engine, n.iam.Store().Sealer())
}

// nodeTiers is object.Tiers over the tier registry.
type nodeTiers struct{ st *tier.Store }

func (t nodeTiers) Remote(ctx context.Context, name string) (object.TierRemote, error) {
	return t.st.Remote(ctx, name)
}

// Names lists the tiers, for the orphan collector (object.TierNames).
func (t nodeTiers) Names(ctx context.Context) ([]string, error) {
	ts, err := t.st.List(ctx)
	names := make([]string, 0, len(ts))
	for _, x := range ts {
		names = append(names, x.Name)
	}
	return names, err
}
