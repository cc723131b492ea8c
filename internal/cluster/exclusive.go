package cluster

import (
	"context"
	"errors"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"

	"github.com/strata-storage/strata/internal/strata"
)

// ErrBusy is returned by RunExclusive when another node runs the job.
var ErrBusy = errors.New("another node is running this job")

// RunExclusive runs fn unless another node holds the job's lock (then it
// returns ErrBusy). The lock lives in a session: if this node dies while
// running, the lock lapses with its lease.
func RunExclusive(ctx context.Context, cli *clientv3.Client, job string, fn func(context.Context) error) error {
	return runLocked(ctx, cli, job, false, fn)
}

// RunLocked runs fn holding the job's lock, waiting (until ctx ends) for
// the node that holds it to finish: work asked for by a user, which must
// not run beside the job nor be dropped.
func RunLocked(ctx context.Context, cli *clientv3.Client, job string, fn func(context.Context) error) error {
	return runLocked(ctx, cli, job, true, fn)
}

func runLocked(ctx context.Context, cli *clientv3.Client, job string, wait bool, fn func(context.Context) error) error {
	op := "cluster.RunExclusive"
	if wait {
		op = "cluster.RunLocked"
	}
	sess, err := concurrency.NewSession(cli, concurrency.WithTTL(LeaseTTL), concurrency.WithContext(ctx))
	if err != nil {
		return strata.E(op, strata.Unavailable, err)
	}
	defer sess.Close()
	mu := concurrency.NewMutex(sess, "/strata/jobs/"+job)
	if wait {
		err = mu.Lock(ctx)
	} else {
		err = mu.TryLock(ctx)
	}
	if err != nil {
		if errors.Is(err, concurrency.ErrLocked) {
			return ErrBusy
		}
		return strata.E(op, strata.Unavailable, err)
	}
	defer mu.Unlock(context.WithoutCancel(ctx))
	return fn(ctx)
}
