package object

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/protect"
	"github.com/strata-storage/strata/internal/strata"
)

// Synchronous replication across the sites of a stretched cluster: a
// write whose class (or the cluster default, Config.MinSites) asks for N
// sites is placed over at least N sites and acknowledged only when N of
// them each hold a readable copy: one full copy for replication, K
// fragments for EC K+M. So the loss of every site but one of those N
// loses nothing acknowledged. See docs/SITES.md.

// minSites is the number of sites a write of the class must reach before
// it is acknowledged (0 and 1: no constraint): the configured class's
// MinSites, else the cluster default.
func (s *Service) minSites(ctx context.Context, class string) int {
	if sc, ok, err := s.classes.lookup(ctx, class); err == nil && ok && sc.MinSites > 0 {
		return sc.MinSites
	}
	return s.cfg.MinSites
}

// sitePolicyError says why policy p cannot hold a readable copy on each
// of n sites: replication needs n copies, EC K+M needs K fragments on
// each site, that is K+M >= n*K (EC2+2 over 2 sites; EC4+2 cannot).
func sitePolicyError(p protect.Policy, n int) error {
	if n <= 1 || p.Width() >= n*p.Needed() {
		return nil
	}
	if p.IsEC() {
		return strata.Errorf("object.sites", strata.Invalid,
			"policy %s cannot keep %d fragments on each of %d sites (K+M must be at least %d*K); use replication or e.g. EC%d+%d",
			p.Name, p.K, n, n, p.K, (n-1)*p.K)
	}
	return strata.Errorf("object.sites", strata.Invalid, "policy %s writes %d copies, fewer than the %d sites required", p.Name, p.Copies, n)
}

// validateClassSites checks that a class asking for MinSites sites has
// policies that can reach them. Its Policy must be set: the default by
// volume count may be EC4+2. An unset SmallPolicy falls back to
// replication (THREECOPIES under the EC minimum size).
func validateClassSites(c StorageClass) error {
	if c.MinSites <= 1 {
		return nil
	}
	if c.Policy == "" {
		return strata.Errorf("object.ValidateClass", strata.Invalid, "min_sites %d needs a policy that can keep a readable copy on %d sites (e.g. THREECOPIES, EC2+2)", c.MinSites, c.MinSites)
	}
	for _, name := range []string{c.Policy, c.SmallPolicy} {
		if name == "" {
			continue
		}
		p, err := protect.ParsePolicy(name)
		if err != nil {
			return err
		}
		if err := sitePolicyError(p, c.MinSites); err != nil {
			return err
		}
	}
	return nil
}

// readableSites counts the sites that hold at least need fragments of
// the placement, given each fragment's site.
func readableSites(sites []string, need int) int {
	count := map[string]int{}
	n := 0
	for _, site := range sites {
		if count[site]++; count[site] == need {
			n++
		}
	}
	return n
}

// fragmentSites is the site of each fragment of a placement: fragment i
// goes to svcs[i%len(svcs)], as writeMetachunk puts it.
func fragmentSites(svcs []strata.Service, width int) []string {
	out := make([]string, width)
	for i := range out {
		out[i] = svcs[i%len(svcs)].Location.Parts()[0]
	}
	return out
}

// placeSites checks (and, for EC, repairs) a placement for a write that
// must reach n sites. Replication needs nothing more than the
// conscience's spread (a new site always beats a new rack); EC may be
// spread over more sites than n with fewer than K on each, and is then
// placed again within the n sites that got the most fragments.
func (s *Service) placeSites(ctx context.Context, p protect.Policy, n int, svcs []strata.Service, opts conscience.SelectOptions) ([]strata.Service, error) {
	s.sites.learn(svcs)
	if n <= 1 {
		return svcs, nil
	}
	if err := sitePolicyError(p, n); err != nil {
		return nil, err
	}
	sites := fragmentSites(svcs, p.Width())
	if readableSites(sites, p.Needed()) >= n {
		return svcs, nil
	}
	if live := distinct(sites); live < n {
		return nil, strata.Errorf("object.sites", strata.Unavailable,
			"blob services are live on %d site(s), the write needs copies on %d sites", live, n)
	}
	lister, ok := s.placer.(siteLister)
	if !ok {
		return nil, strata.Errorf("object.sites", strata.Unavailable, "placement does not reach %d sites", n)
	}
	all, err := lister.Services(ctx, strata.ServiceBlob)
	if err != nil {
		return nil, err
	}
	keep := topSites(sites, n)
	opts.Avoid = append([]string(nil), opts.Avoid...)
	for _, svc := range all {
		if !keep[svc.Location.Parts()[0]] {
			opts.Avoid = append(opts.Avoid, svc.ID)
		}
	}
	again, _, _ := s.placer.Select(ctx, strata.ServiceBlob, p.Width(), opts)
	if len(again) == 0 || readableSites(fragmentSites(again, p.Width()), p.Needed()) < n {
		return nil, strata.Errorf("object.sites", strata.Unavailable,
			"cannot place %d fragments of %s on each of %d sites with the live blob services", p.Needed(), p.Name, n)
	}
	s.sites.learn(again)
	return again, nil
}

// ackSites is the acknowledgement rule: the fragments actually stored
// must leave a readable copy on each of n sites.
func (s *Service) ackSites(p protect.Policy, n int, mc protect.Metachunk) error {
	if n <= 1 {
		return nil
	}
	sites := make([]string, 0, len(mc.Fragments))
	for _, f := range mc.Fragments {
		if site, ok := s.sites.siteOf(s.placer, f.Service); ok && site != "" {
			sites = append(sites, site)
		}
	}
	if got := readableSites(sites, p.Needed()); got < n {
		return strata.Errorf("object.sites", strata.Unavailable,
			"a readable copy reached %d of the %d sites required (%d of %d fragments stored); write not acknowledged",
			got, n, len(mc.Fragments), p.Width())
	}
	return nil
}

func distinct(sites []string) int {
	seen := map[string]bool{}
	for _, s := range sites {
		seen[s] = true
	}
	return len(seen)
}

// topSites returns the n sites holding the most fragments (ties by name).
func topSites(sites []string, n int) map[string]bool {
	count := map[string]int{}
	for _, s := range sites {
		count[s]++
	}
	names := make([]string, 0, len(count))
	for s := range count {
		names = append(names, s)
	}
	sort.Slice(names, func(i, j int) bool {
		if count[names[i]] != count[names[j]] {
			return count[names[i]] > count[names[j]]
		}
		return names[i] < names[j]
	})
	keep := map[string]bool{}
	for _, s := range names[:min(n, len(names))] {
		keep[s] = true
	}
	return keep
}

// sitePins keeps the improver's spread from costing a site its readable
// copy: a crowded fragment (sharing a host) is not moved off its site
// when that site holds exactly what it needs to read the metachunk alone
// (one copy, or K fragments), since the move's destination may be on
// another site.
type sitePins struct {
	need  int
	count map[string]int
	locs  map[string]strata.Location
}

func newSitePins(p protect.Policy, good []protect.Fragment, locs map[string]strata.Location) *sitePins {
	sp := &sitePins{need: p.Needed(), count: map[string]int{}, locs: locs}
	for _, f := range good {
		sp.count[sp.site(f)]++
	}
	return sp
}

func (sp *sitePins) site(f protect.Fragment) string {
	if loc, ok := sp.locs[f.Service]; ok {
		return loc.Parts()[0]
	}
	return ""
}

func (sp *sitePins) pinned(f protect.Fragment) bool {
	site := sp.site(f)
	return site != "" && sp.count[site] == sp.need
}

func (sp *sitePins) moved(f protect.Fragment) { sp.count[sp.site(f)]-- }

// nearRank ranks fragments for reads: those on this gateway's site
// first, so that a read crosses sites only when the local copies fail.
func (s *Service) nearRank() protect.RankFunc {
	if s.cfg.Site == "" {
		return nil
	}
	return func(f protect.Fragment) int {
		if site, ok := s.sites.siteOf(s.placer, f.Service); ok && site == s.cfg.Site {
			return 0
		}
		return 1
	}
}

// siteLister is the optional ability of a placer to list services
// with their locations (the conscience registries have it).
type siteLister interface {
	Services(ctx context.Context, typ string) ([]strata.Service, error)
}

// siteCache maps blob service ids to their site. Locations never change
// for an id in practice (a moved volume keeps its id and usually its
// site), so entries are learnt from placements and from the conscience,
// refreshed at most once a second on a miss.
type siteCache struct {
	mu     sync.Mutex
	sites  map[string]string
	listed time.Time
}

func (c *siteCache) learn(svcs []strata.Service) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sites == nil {
		c.sites = map[string]string{}
	}
	for _, svc := range svcs {
		c.sites[svc.ID] = svc.Location.Parts()[0]
	}
}

// siteOf returns the site of a blob service, listing the services of
// placer (if it can) when the id is unknown.
func (c *siteCache) siteOf(placer conscience.Placer, id string) (string, bool) {
	c.mu.Lock()
	site, ok := c.sites[id]
	stale := time.Since(c.listed) > time.Second
	if !ok && stale {
		c.listed = time.Now()
	}
	c.mu.Unlock()
	if ok || !stale {
		return site, ok
	}
	lister, isLister := placer.(siteLister)
	if !isLister {
		return "", false
	}
	svcs, err := lister.Services(context.Background(), strata.ServiceBlob)
	if err != nil {
		return "", false
	}
	c.learn(svcs)
	c.mu.Lock()
	defer c.mu.Unlock()
	site, ok = c.sites[id]
	return site, ok
}
