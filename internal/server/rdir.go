package server

import "context"

// Volume chunk index jobs (internal/object/rdir.go).

// backfillIndex indexes records written before the volume index, once
// per shard; afterwards each run costs one read per shard.
func (n *Node) backfillIndex(ctx context.Context) error {
	_, err := n.Objects.BackfillVolumeIndex(ctx)
	return err
}

func (n *Node) rdirBackfillJob(ctx context.Context, _ map[string]string, _ func(any)) (any, error) {
	return n.Objects.BackfillVolumeIndex(ctx)
}

// rdirCheckJob compares the volume index with a full scan of the records.
func (n *Node) rdirCheckJob(ctx context.Context, _ map[string]string, _ func(any)) (any, error) {
	return n.Objects.CheckVolumeIndex(ctx)
}
