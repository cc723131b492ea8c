package server

import (
	"context"
	"strings"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
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

// parseClassTiers reads --class CLASS=tier:TIER values.
func parseClassTiers(vals []string) (map[string]string, error) {
	out := map[string]string{}
	for _, v := range vals {
		class, t, ok := strings.Cut(v, "=")
		name, ok2 := strings.CutPrefix(t, "tier:")
		if !ok || !ok2 || class == "" || name == "" {
			return nil, strata.Errorf("server.ClassTiers", strata.Invalid, "want CLASS=tier:TIER, got %q", v)
		}
		out[strings.ToUpper(class)] = name
	}
	return out, nil
}

// nodeTiers is object.Tiers over the tier registry.
type nodeTiers struct {
	st      *tier.Store
	classes map[string]string // class -> tier (--class)
}

func (t nodeTiers) TierOf(_ context.Context, class string) string { return t.classes[class] }

func (t nodeTiers) Remote(ctx context.Context, name string) (object.TierRemote, error) {
	return t.st.Remote(ctx, name)
}
