package server

import (
	"context"
	"path/filepath"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/usage"
)

// nodeUsage is a gateway's usage accounting: its meter (spool and
// flusher) and, once the object service can measure buckets, the
// hourly stored sampler.
type nodeUsage struct {
	meter   *usage.Meter
	sampler *usage.Sampler
}

// startUsage opens the meter on DATA/usage and starts its flusher (which
// first replays what an earlier run spooled).
func (n *Node) startUsage(ctx, bg context.Context, dir *directory.Directory) error {
	cfg := usage.DefaultConfig()
	cfg.Dir, cfg.Logger = filepath.Join(n.cfg.DataDir, "usage"), n.log
	if n.cfg.UsageFlush > 0 {
		cfg.FlushEvery = n.cfg.UsageFlush
	}
	m, err := usage.Open(ctx, cfg, n.engine)
	if err != nil {
		return err
	}
	n.usage = &nodeUsage{meter: m}
	n.goLoop(func() { m.Run(bg) })
	if src := n.storedSource(); src != nil {
		n.usage.sampler = &usage.Sampler{Store: m.Store(), Buckets: dirBuckets{dir}, Source: src, Log: n.log}
		n.goLoop(func() { n.usage.sampler.Run(bg) })
	}
	return nil
}

// storedSource measures buckets for the stored samples.
func (n *Node) storedSource() usage.StoredSource { return objectUsage{n.Objects} }

// objectUsage adapts object.Service.BucketUsage to the sampler.
type objectUsage struct{ svc *object.Service }

func (o objectUsage) BucketUsage(ctx context.Context, bucket string) (usage.Stored, error) {
	u, err := o.svc.BucketUsage(ctx, bucket)
	return usage.Stored{Objects: u.Objects, LogicalBytes: u.LogicalBytes, RawBytes: u.RawBytes}, err
}

// usageSink is the S3 handler's sink: nil (not a nil *Meter) when off.
func (n *Node) usageSink() interface{ Count(usage.Request) } {
	if n.usage == nil {
		return nil
	}
	return n.usage.meter
}

// closeUsage flushes the spool; the S3 server has stopped by then.
func (n *Node) closeUsage() error {
	if n.usage == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return n.usage.meter.Close(ctx)
}

// dirBuckets lists every bucket through the directory.
type dirBuckets struct{ d *directory.Directory }

func (b dirBuckets) Buckets(ctx context.Context) ([]usage.Bucket, error) {
	var out []usage.Bucket
	for _, a := range b.d.Accounts(ctx) {
		cs, err := b.d.List(ctx, a)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			out = append(out, usage.Bucket{Account: a, Name: c.Name})
		}
	}
	return out, nil
}

// usageAPI is the gateway's usage accounting as the REST API serves it
// (internal/restapi/routes_usage.go); nil without the gateway role.
func (n *Node) usageAPI() restapi.Usage {
	if n.usage == nil {
		return nil
	}
	return apiUsage{n}
}

type apiUsage struct{ n *Node }

func (u apiUsage) Store() *usage.Store { return u.n.UsageStore() }

func (u apiUsage) Flush(ctx context.Context) (string, error) {
	return u.n.usage.meter.Gateway(), u.n.usage.meter.Flush(ctx)
}

func (u apiUsage) Sample(ctx context.Context, replace bool) (int, error) {
	return u.n.SampleUsage(ctx, replace)
}

// UsageStore reads the usage samples of the cluster.
func (n *Node) UsageStore() *usage.Store { return usage.NewStore(n.engine) }

// SampleUsage takes the stored sample of the current hour for every
// bucket that has none yet (the hourly sampler does it on the hour), or
// for every bucket, replacing this hour's, with replace.
func (n *Node) SampleUsage(ctx context.Context, replace bool) (int, error) {
	if n.usage == nil || n.usage.sampler == nil {
		return 0, strata.Errorf("usage.sample", strata.Invalid, "not a gateway")
	}
	h := usage.HourOf(time.Now())
	if replace {
		return n.usage.sampler.Resample(ctx, h)
	}
	return n.usage.sampler.Sample(ctx, h)
}
