package cli

import (
	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/restapi"
)

// newBucketShardCmds: strata bucket shards NAME | split NAME [--at KEY]
// (container sharding, docs/SHARDING.md), administrator only.
func newBucketShardCmds() []*cobra.Command {
	table := columns("start", "end", "shard", "objects", "sub", "split")
	return []*cobra.Command{
		iamCmd("shards NAME", "Show a bucket's key ranges and their meta2 shards", 1,
			named("GET", "/buckets", "/shards"), table, nil),
		iamCmd("split NAME", "Split a bucket's key range online (default: the fullest range at its median key)", 1,
			func(args []string, c *cobra.Command) (call, error) {
				return call{"POST", "/buckets/" + esc(args[0]) + "/split", restapi.SplitRequest{At: flag(c, "at")}}, nil
			}, table, func(c *cobra.Command) {
				c.Flags().String("at", "", "split at this key: it starts the new range")
			}),
	}
}
