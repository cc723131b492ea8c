package object

import (
	"context"
	"fmt"
	"io"
	"sort"
	"sync"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/protect"
	"github.com/strata-storage/strata/internal/strata"
)

// Convergence of a stretched cluster after a site returns. A write is
// refused unless MinSites sites each hold a readable copy, but a rebuild
// done while a site is down can only recreate the lost fragments on the
// surviving sites. Such a version is queued for the improver (the i/
// queue, as a write's placement shortfall is); the improver moves the
// surplus fragments back onto the missing site once it has live blob
// services, deleting the old chunks only after the new map is committed
// (rebuildOne's retired list). See docs/SITES.md.

// recordSites is the site rule of a version record (0: none). Parts of an
// upload in progress are not checked: Complete makes them a version,
// which is.
func (s *Service) recordSites(ctx context.Context, rec *record) int {
	if rec == nil {
		return 0
	}
	return s.minSites(ctx, rec.Info.StorageClass)
}

// fragmentSiteCounts counts a metachunk's fragments per site; fragments
// on services the conscience does not list (gone, or on a site that is
// down) count under "".
func fragmentSiteCounts(frags []protect.Fragment, locs map[string]strata.Location) map[string]int {
	count := map[string]int{}
	for _, f := range frags {
		site := ""
		if loc, ok := locs[f.Service]; ok {
			site = loc.Parts()[0]
		}
		count[site]++
	}
	return count
}

// sitesHeld is the number of sites holding a readable copy (need
// fragments or more); "" is not a site.
func sitesHeld(count map[string]int, need int) int {
	n := 0
	for site, c := range count {
		if site != "" && c >= need {
			n++
		}
	}
	return n
}

// convergeSites applies the site rule to one metachunk after its repair
// (res is repairSegment's result, merged into the one returned). short
// reports that fewer than n sites hold a readable copy afterwards. With
// opts.Spread (the improver) it moves fragments from sites holding more
// than they need (or from no live site) to a site missing its copy,
// when that site has live blob services.
func (s *Service) convergeSites(ctx context.Context, seg *segment, n int, ref blob.BackRef, opts RebuildOptions, rep *RebuildReport, res repairResult) (out repairResult, short bool) {
	out = res
	p, err := protect.ParsePolicy(seg.Policy)
	if n <= 1 || err != nil || sitePolicyError(p, n) != nil {
		// A policy that cannot meet the rule was refused at write time
		// (or predates the rule): nothing to converge to.
		return out, false
	}
	locs := s.serviceLocations(ctx)
	count := fragmentSiteCounts(seg.MC.Fragments, locs)
	if sitesHeld(count, p.Needed()) >= n {
		return out, false
	}
	out.full = false
	if !opts.Spread || len(seg.MC.Fragments) < p.Width() {
		// An incomplete metachunk is the repair's to finish first.
		return out, true
	}
	moved, err := s.moveToSites(ctx, seg, p, n, ref, locs, opts)
	if err != nil {
		s.log.Warn("cannot move fragments to a missing site", "object", ref.Object, "version", ref.Version, "err", err)
	}
	if len(moved) == 0 {
		return out, true
	}
	rep.Moved += int64(len(moved))
	out.changed = true
	out.retired = append(out.retired, moved...)
	short = sitesHeld(fragmentSiteCounts(seg.MC.Fragments, locs), p.Needed()) < n
	out.full = res.full && !short
	return out, short
}

// moveToSites recreates fragments of seg on the sites missing a readable
// copy and returns the fragments they replace (to delete once the new map
// is committed). seg.MC is updated only if every recreation succeeded.
func (s *Service) moveToSites(ctx context.Context, seg *segment, p protect.Policy, n int, ref blob.BackRef, locs map[string]strata.Location, opts RebuildOptions) ([]protect.Fragment, error) {
	need := p.Needed()
	siteOf := func(f protect.Fragment) string {
		if loc, ok := locs[f.Service]; ok {
			return loc.Parts()[0]
		}
		return ""
	}
	count := fragmentSiteCounts(seg.MC.Fragments, locs)
	bySite := map[string][]string{} // live blob services per site
	for id, loc := range locs {
		site := loc.Parts()[0]
		bySite[site] = append(bySite[site], id)
	}
	// Targets: sites with services and no readable copy, those closest
	// to one first.
	var targets []string
	for site := range bySite {
		if site != "" && count[site] < need {
			targets = append(targets, site)
		}
	}
	sort.Slice(targets, func(i, j int) bool {
		if count[targets[i]] != count[targets[j]] {
			return count[targets[i]] > count[targets[j]]
		}
		return targets[i] < targets[j]
	})
	pool := poolTags(s.segmentPool(ctx, seg))
	held := sitesHeld(count, need)
	donors := map[string]bool{}      // chunk ids being replaced
	dest := map[int]strata.Service{} // fragment index -> new service
	avoid := map[string]bool{}       // services holding a fragment
	for _, f := range seg.MC.Fragments {
		avoid[f.Service] = true
	}
	for _, t := range targets {
		if held >= n {
			break
		}
		d := need - count[t]
		picked := pickDonors(seg.MC.Fragments, siteOf, count, need, t, donors, d)
		if len(picked) < d {
			continue
		}
		svcs := s.selectOnSite(ctx, t, d, bySite, avoid, pool)
		if len(svcs) == 0 {
			continue // the site's services are not live (yet)
		}
		for i, f := range picked {
			donors[string(f.Chunk)] = true
			dest[f.Index] = svcs[i%len(svcs)]
			avoid[svcs[i%len(svcs)].ID] = true
			count[siteOf(f)]--
		}
		count[t] += d
		held++
	}
	if len(dest) == 0 {
		return nil, nil
	}
	var keep, retired []protect.Fragment
	for _, f := range seg.MC.Fragments {
		if donors[string(f.Chunk)] {
			retired = append(retired, f)
		} else {
			keep = append(keep, f)
		}
	}
	mc := *seg.MC
	mc.Fragments = keep
	var mu sync.Mutex
	var bytes int64
	put := func(ctx context.Context, i int, r io.Reader) (protect.Fragment, error) {
		svc, ok := dest[i]
		if !ok {
			return protect.Fragment{}, strata.Errorf("object.sites", strata.Internal, "no destination for fragment %d", i)
		}
		f, err := s.putFragment(ctx, svc, ref, fmt.Sprintf("s.%d", i), i, &throttled{r: r, pace: opts.pace})
		if err == nil {
			mu.Lock()
			bytes += f.Size
			mu.Unlock()
		}
		return f, err
	}
	fixed, err := protect.Repair(ctx, p, mc, s.open, put)
	if err != nil || len(fixed.Fragments) < p.Width() {
		// Keep the old map; the chunks written are referenced by
		// nothing: delete them now rather than leave them to the
		// orphan collector.
		for _, f := range fixed.Fragments[len(keep):] {
			if st, serr := s.blobs.Store(f.Service); serr == nil {
				st.Delete(context.WithoutCancel(ctx), f.Chunk)
			}
		}
		return nil, err
	}
	*seg.MC = fixed
	return retired, nil
}

// pickDonors chooses d fragments to move to site t: first those on no
// live site, then the surplus of sites holding more than they need, then
// fragments of other sites that have no readable copy either (their
// loss costs nothing readable). Already chosen donors are skipped.
func pickDonors(frags []protect.Fragment, siteOf func(protect.Fragment) string, count map[string]int, need int, t string, chosen map[string]bool, d int) []protect.Fragment {
	var out []protect.Fragment
	spare := map[string]int{}
	for site, c := range count {
		if site != "" && c > need {
			spare[site] = c - need
		}
	}
	for pass := 0; pass < 3 && len(out) < d; pass++ {
		for _, f := range frags {
			if len(out) == d {
				break
			}
			site := siteOf(f)
			if chosen[string(f.Chunk)] || site == t || slicesContainsChunk(out, f) {
				continue
			}
			switch {
			case pass == 0 && site == "":
			case pass == 1 && spare[site] > 0:
				spare[site]--
			case pass == 2 && site != "" && count[site] < need:
			default:
				continue
			}
			out = append(out, f)
		}
	}
	return out
}

func slicesContainsChunk(frags []protect.Fragment, f protect.Fragment) bool {
	for _, g := range frags {
		if g.Chunk == f.Chunk {
			return true
		}
	}
	return false
}

// selectOnSite asks the conscience for d services of site, preferring
// services that hold no fragment of the metachunk; it may return fewer
// (they are then used in turn), or none when the site is not live.
func (s *Service) selectOnSite(ctx context.Context, site string, d int, bySite map[string][]string, holders map[string]bool, pool map[string]string) []strata.Service {
	var offSite []string
	for other, ids := range bySite {
		if other != site {
			offSite = append(offSite, ids...)
		}
	}
	avoid := append([]string(nil), offSite...)
	for id := range holders {
		avoid = append(avoid, id)
	}
	svcs, _, _ := s.placer.Select(ctx, strata.ServiceBlob, d, conscience.SelectOptions{Avoid: avoid, Tags: pool})
	if len(svcs) == 0 {
		svcs, _, _ = s.placer.Select(ctx, strata.ServiceBlob, d, conscience.SelectOptions{Avoid: offSite, Tags: pool})
	}
	var out []strata.Service
	for _, svc := range svcs {
		if svc.Location.Parts()[0] == site { // never trust a fallback off the site
			out = append(out, svc)
		}
	}
	return out
}

// queueForSites puts a version on its bucket's improver queue: a rebuild
// left it without a readable copy on every site its class requires.
func queueForSites(tx meta.Txn, m2 directory.Meta2, rec *record) error {
	return tx.Set(m2.Improve(rec.Info.Key, rec.Info.VersionID), nil)
}

// FragmentSites counts, per metachunk of the latest version of key, its
// fragments on each site ("" for services the conscience does not list).
// For tests and diagnostics of the site rule.
func (s *Service) FragmentSites(ctx context.Context, bucket, key string) ([]map[string]int, error) {
	rec, err := s.lookup(ctx, bucket, key, GetOptions{})
	if err != nil {
		return nil, err
	}
	locs := s.serviceLocations(ctx)
	var out []map[string]int
	for _, sg := range rec.Content {
		if sg.MC != nil {
			out = append(out, fragmentSiteCounts(sg.MC.Fragments, locs))
		}
	}
	return out, nil
}
