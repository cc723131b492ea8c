package restapi

import (
	"context"
	"time"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// The parts below are what the routes wrap. The server implements them
// over its own machinery; each method's errors carry a strata kind.

// Buckets is the part of the object service the bucket and object routes
// use; *object.Service implements it.
type Buckets interface {
	CreateBucket(ctx context.Context, b object.Bucket) error
	GetBucket(ctx context.Context, name string) (object.Bucket, error)
	DeleteBucket(ctx context.Context, name string) error
	ListBuckets(ctx context.Context, account string) ([]object.Bucket, error)
	SetVersioning(ctx context.Context, bucket, state string) error
	SetStoragePolicy(ctx context.Context, bucket, policy string) error
	PutLockConfig(ctx context.Context, bucket string, cfg object.LockConfig) error
	GetLockConfig(ctx context.Context, bucket string) (object.LockConfig, error)
	PutBucketConfig(ctx context.Context, bucket, name string, doc []byte) error
	GetBucketConfig(ctx context.Context, bucket, name string) ([]byte, error)
	DeleteBucketConfig(ctx context.Context, bucket, name string) error
	ListObjects(ctx context.Context, bucket string, opts object.ListOptions) (object.ListResult, error)
	ListVersions(ctx context.Context, bucket string, opts object.ListVersionsOptions) (object.ListVersionsResult, error)
	HeadObject(ctx context.Context, bucket, key string, opts object.GetOptions) (object.ObjectInfo, error)
}

var _ Buckets = (*object.Service)(nil)

// Cluster is the conscience as the operator sees it.
type Cluster interface {
	// Services lists the registered services of a type ("" for all),
	// with their scores and locks.
	Services(ctx context.Context, typ string) ([]strata.Service, error)
	// Lock pins a service's score (0 takes it out of placement).
	Lock(ctx context.Context, id string, score int) error
	Unlock(ctx context.Context, id string) error
	// Formula returns the score formula in force.
	Formula(ctx context.Context) (string, error)
	// SetFormula changes it cluster-wide (strata.Invalid if it does not
	// parse, strata.Unavailable where it is fixed by a flag).
	SetFormula(ctx context.Context, formula string) error
}

// Functions is the function registry and its invocations. Values are
// passed through to JSON as the fn package shapes them.
type Functions interface {
	List(ctx context.Context) (any, error)
	Get(ctx context.Context, name string) (any, error)
	// Deploy stores a manifest (JSON, the fn.Manifest shape) and its
	// module, on behalf of account.
	Deploy(ctx context.Context, manifest []byte, module []byte, account string) (any, error)
	Remove(ctx context.Context, name string) error
	Invoke(ctx context.Context, name string, payload []byte, account string) (any, error)
	// Logs returns the latest invocation records (id: one invocation).
	Logs(ctx context.Context, name, id string, limit int) (any, error)
	// Batch runs the function over a bucket's objects under prefix,
	// calling progress with the counts so far; it returns the last counts.
	Batch(ctx context.Context, name, bucket, prefix, account string, progress func(any)) (any, error)
}

// Events is the notification targets and the dead letters.
type Events interface {
	Targets(ctx context.Context) (any, error)
	// PutTarget stores a target (JSON, the events.TargetConfig shape) and
	// returns its ARN.
	PutTarget(ctx context.Context, name string, config []byte) (arn string, err error)
	DeleteTarget(ctx context.Context, name string) error
	// DeadLetters lists up to max dead letters ("" target: all).
	DeadLetters(ctx context.Context, targetARN string, max int) (any, error)
	Redrive(ctx context.Context, targetARN string) (int, error)
	// Replay publishes again the events committed since then (bucket ""
	// and target "": all).
	Replay(ctx context.Context, since time.Time, bucket, targetARN string) (int, error)
}

func unavailable(what string) error {
	return strata.Errorf("restapi", strata.Unavailable, "%s not served on this node", what)
}
