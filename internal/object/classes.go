package object

import (
	"context"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/protect"
	"github.com/strata-storage/strata/internal/strata"
)

// A configured storage class places a write in its pool (the blob
// services tagged pool=<Pool>) under the policy its size calls for. An
// unconfigured class keeps the behaviour from before classes existed.

// Classes returns the cluster's storage class store.
func (s *Service) Classes() *ClassStore { return s.classes }

// classPolicy is policyFor for a configured class sc: Policy at
// ECMinSize bytes and more (and for an unknown size), SmallPolicy below;
// an unset one falls back to the default choice computed over the pool's
// volumes.
func (s *Service) classPolicy(ctx context.Context, c directory.Container, sc StorageClass, size int64, err error) (protect.Policy, string, error) {
	if err != nil {
		return protect.Policy{}, "", err
	}
	vols := s.blobs.Volumes()
	if sc.Pool != "" {
		if vols = s.poolVolumes(ctx, sc.Pool); vols == 0 {
			return protect.Policy{}, "", noPoolVolume(sc.Pool)
		}
	}
	minEC := sc.ECMinSize
	if minEC == 0 {
		minEC = s.cfg.ECMinSize
	}
	small := size >= 0 && size < minEC
	name := sc.Policy
	if small {
		name = sc.SmallPolicy
	}
	if name != "" {
		p, err := protect.ParsePolicy(name)
		return p, sc.Pool, err
	}
	p, err := s.defaultPolicy(c, "", size, vols)
	if err == nil && p.IsEC() && small {
		p, err = protect.ParsePolicy("THREECOPIES")
	}
	return p, sc.Pool, err
}

func noPoolVolume(pool string) error {
	return strata.Errorf("object.place", strata.NoSpace, "no volume in pool %s", pool)
}

// poolTags are the placement constraints of a pool ("" = none).
func poolTags(pool string) map[string]string {
	if pool == "" {
		return nil
	}
	return map[string]string{PoolTag: pool}
}

// serviceLister is the part of a conscience.Registry that lists services.
type serviceLister interface {
	Services(ctx context.Context, typ string) ([]strata.Service, error)
}

// poolCount caches, for ClassTTL, the pool of every blob service and how
// many live volumes each pool has.
type poolCount struct {
	mu  sync.Mutex
	at  time.Time
	n   map[string]int    // pool -> live volumes
	svc map[string]string // service id -> pool
}

// poolCache returns the cache, listing the services again when it is older
// than ClassTTL (and keeping the last list if that fails).
func (s *Service) poolCache(ctx context.Context) (map[string]int, map[string]string) {
	pc := &s.classes.pools
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.n != nil && time.Since(pc.at) < ClassTTL {
		return pc.n, pc.svc
	}
	svcs, err := s.poolServices(ctx)
	if err != nil && pc.n != nil {
		return pc.n, pc.svc
	}
	pc.n, pc.svc, pc.at = map[string]int{}, map[string]string{}, time.Now()
	for _, svc := range svcs {
		pc.svc[svc.ID] = svc.Tags[PoolTag]
		if svc.Score > 0 {
			pc.n[svc.Tags[PoolTag]]++
		}
	}
	return pc.n, pc.svc
}

// poolVolumes returns how many live blob services are in pool.
func (s *Service) poolVolumes(ctx context.Context, pool string) int {
	n, _ := s.poolCache(ctx)
	return n[pool]
}

// servicePools maps every known blob service to its pool.
func (s *Service) servicePools(ctx context.Context) map[string]string {
	_, svc := s.poolCache(ctx)
	return svc
}

// poolServices lists the blob services with their tags: from the
// registry when the placer is one, else by asking the placer for every
// service it would choose.
func (s *Service) poolServices(ctx context.Context) ([]strata.Service, error) {
	if l, ok := s.placer.(serviceLister); ok {
		return l.Services(ctx, strata.ServiceBlob)
	}
	svcs, _, err := s.placer.Select(ctx, strata.ServiceBlob, 1<<12, conscience.SelectOptions{})
	if len(svcs) > 0 {
		err = nil
	}
	return svcs, err
}

// segmentPool is the pool every fragment of a metachunk is in ("" when
// they are not all in one pool): a rebuild or a move keeps the fragments
// there.
func (s *Service) segmentPool(ctx context.Context, seg *segment) string {
	if seg.MC == nil || len(seg.MC.Fragments) == 0 {
		return ""
	}
	pools := s.servicePools(ctx)
	pool := pools[seg.MC.Fragments[0].Service]
	for _, f := range seg.MC.Fragments[1:] {
		if pools[f.Service] != pool {
			return ""
		}
	}
	return pool
}
