package usage

import (
	"context"
	"log/slog"
	"time"
)

// Retention is how long hourly samples are kept.
const Retention = 400 * 24 * time.Hour

// Bucket names a bucket and the account that owns it.
type Bucket struct {
	Account string
	Name    string
}

// Buckets lists every bucket of the cluster (the directory does).
type Buckets interface {
	Buckets(ctx context.Context) ([]Bucket, error)
}

// StoredSource measures what a bucket stores (object.Service.BucketUsage,
// through an adapter).
type StoredSource interface {
	BucketUsage(ctx context.Context, bucket string) (Stored, error)
}

// Sampler takes the hourly stored samples and expires old samples. Every
// gateway may run one: a bucket's sample of an hour is written once, by
// the first gateway to take it, and later ones skip it.
type Sampler struct {
	Store   *Store
	Buckets Buckets
	Source  StoredSource
	Log     *slog.Logger
	Now     func() time.Time // nil: time.Now
}

func (s *Sampler) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Sample takes the stored sample of hour h for every bucket that has
// none yet, and returns how many it wrote. A bucket that fails is
// logged and skipped (the next gateway, or the next run, retries it);
// the error returned is the first such failure.
func (s *Sampler) Sample(ctx context.Context, h Hour) (int, error) { return s.sample(ctx, h, false) }

// Resample is Sample that replaces the samples already taken in hour h
// with what buckets store now (an operator's "measure again").
func (s *Sampler) Resample(ctx context.Context, h Hour) (int, error) { return s.sample(ctx, h, true) }

func (s *Sampler) sample(ctx context.Context, h Hour, replace bool) (int, error) {
	bs, err := s.Buckets.Buckets(ctx)
	if err != nil {
		return 0, err
	}
	var first error
	n := 0
	for _, b := range bs {
		if !replace {
			if ok, err := s.Store.hasStored(ctx, h, b.Account, b.Name); err != nil || ok {
				if err != nil && first == nil {
					first = err
				}
				continue
			}
		}
		st, err := s.Source.BucketUsage(ctx, b.Name)
		if err != nil {
			s.Log.Warn("usage: stored sample failed", "bucket", b.Name, "err", err)
			if first == nil {
				first = err
			}
			continue
		}
		wrote, err := s.Store.putStored(ctx, h, b.Account, b.Name, st, replace)
		if err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		if wrote {
			n++
		}
	}
	if first == nil {
		s.publish(ctx, h)
	}
	return n, first
}

// publish sets the stored gauges from the samples of hour h.
func (s *Sampler) publish(ctx context.Context, h Hour) {
	samples, err := s.Store.StoredSamples(ctx, Query{From: h, To: h + 1})
	if err != nil {
		return
	}
	var total Stored
	for _, x := range samples {
		total.Add(x.Stored)
	}
	storedObjects.Set(float64(total.Objects))
	storedLogical.Set(float64(total.LogicalBytes))
	storedBytes.Reset()
	for p, n := range total.RawBytes {
		storedBytes.WithLabelValues(p).Set(float64(n))
	}
}

// Run samples the current hour at once and then at the start of every
// hour, and expires samples older than Retention, until ctx is
// cancelled.
func (s *Sampler) Run(ctx context.Context) error {
	for {
		now := s.now()
		h := HourOf(now)
		if _, err := s.Sample(ctx, h); err != nil && ctx.Err() == nil {
			s.Log.Warn("usage: hourly sample incomplete", "hour", h.Time(), "err", err)
		}
		if _, err := s.Store.Expire(ctx, HourOf(now.Add(-Retention))); err != nil && ctx.Err() == nil {
			s.Log.Warn("usage: expiry failed", "err", err)
		}
		// A few seconds into the next hour: clocks of gateways differ a little.
		wait := time.Until((h + 1).Time().Add(5 * time.Second))
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
	}
}
