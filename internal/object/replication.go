package object

import (
	"context"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Replication statuses of a version (x-amz-replication-status).
const (
	ReplicationPending   = "PENDING"
	ReplicationCompleted = "COMPLETED"
	ReplicationFailed    = "FAILED"
	ReplicationReplica   = "REPLICA"
)

// Replicates reports whether a bucket's replication rules select a key
// with tags. It is called inside write transactions, so it must answer
// from memory (internal/replication keeps the configurations cached).
type Replicates func(bucket, key string, tags map[string]string) bool

// SetReplicates installs the bucket replication check: versions it
// selects are written PENDING, in their own commit.
func (s *Service) SetReplicates(f Replicates) { s.repl.Store(&f) }

type replicaKey struct{}

// WithReplica marks the writes and delete markers made with ctx as
// replicas from the cluster origin: they are recorded REPLICA and their
// events carry the origin, so they are not replicated back.
func WithReplica(ctx context.Context, origin string) context.Context {
	return context.WithValue(ctx, replicaKey{}, origin)
}

func replicaFrom(ctx context.Context) string {
	s, _ := ctx.Value(replicaKey{}).(string)
	return s
}

// markReplication sets a new version's replication status.
func (s *Service) markReplication(bucket string, info *ObjectInfo, replica string) {
	if replica != "" {
		info.Replication, info.ReplicaOf = ReplicationReplica, replica
		return
	}
	info.Replication, info.ReplicaOf = "", ""
	if f := s.repl.Load(); f != nil && (*f)(bucket, info.Key, info.Tags) {
		info.Replication = ReplicationPending
	}
}

// SetReplicationStatus records the outcome of replicating a version
// (COMPLETED or FAILED). It writes no event and no change: it is the
// replicator's bookkeeping, not a change of the object. A version gone
// meanwhile is not an error.
func (s *Service) SetReplicationStatus(ctx context.Context, bucket, key, versionID, status string) error {
	_, e, m2, err := s.bucketKey(ctx, bucket, key)
	if err != nil {
		return err
	}
	if versionID == "" {
		versionID = strata.NullVersion
	}
	return e.Update(ctx, func(tx meta.Txn) error {
		rec, k, err := findVersion(tx, m2, key, versionID)
		if strata.Is(err, strata.NotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if rec.Info.Replication == status || rec.Info.Replication == ReplicationReplica {
			return nil
		}
		rec.Info.Replication = status
		b := encodeRecord(rec)
		if err := tx.Set(k, b); err != nil {
			return err
		}
		if cur, err := getRecord(tx, m2.Current(key)); err == nil && cur.Nanos == rec.Nanos {
			return tx.Set(m2.Current(key), b)
		}
		return nil
	})
}
