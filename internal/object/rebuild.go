package object

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/protect"
	"github.com/strata-storage/strata/internal/strata"
)

// RebuildOptions tune a rebuild.
type RebuildOptions struct {
	Verify         bool  // read whole chunks and check checksums, not just their presence
	BytesPerSecond int64 // throttle for verified and recreated bytes; 0 = unthrottled
	// Spread also moves a fragment that shares a host with another
	// fragment of its metachunk when a service on a new host exists now
	// (the improver's pass over writes that met a placement shortfall).
	Spread bool
	// Volume, without Verify, repairs only the records that reference a
	// fragment on this blob service, found through the volume index
	// (rdir_rebuild.go); with Verify every record is scanned.
	Volume string
	// Progress, if set, receives the report so far every ProgressEvery
	// (default 2 s) and once at the end.
	Progress      func(RebuildReport)
	ProgressEvery time.Duration

	pace         *pacer     // shared by every step of one run
	lastProgress *time.Time // when Progress was last called
}

// RebuildReport says what a rebuild did.
type RebuildReport struct {
	Objects        int64   `json:"objects_scanned"`
	Fragments      int64   `json:"fragments_checked"`
	Lost           int64   `json:"fragments_lost"`
	Rebuilt        int64   `json:"fragments_rebuilt"`
	Moved          int64   `json:"fragments_moved"`
	Bytes          int64   `json:"bytes_rebuilt"`
	Verified       int64   `json:"bytes_verified"`
	Unrecoverable  int64   `json:"metachunks_unrecoverable"`
	Seconds        float64 `json:"seconds"`
	BytesPerSecond float64 `json:"bytes_per_second"`
	// A rebuild of one volume (RebuildOptions.Volume) reads its index
	// entries and the records they name; shards whose index is not
	// backfilled yet are scanned whole.
	IndexEntries  int64 `json:"index_entries_read,omitempty"`
	Records       int64 `json:"records_read,omitempty"`
	IndexStale    int64 `json:"index_entries_stale,omitempty"`
	ShardsScanned int64 `json:"shards_scanned,omitempty"`
}

// Rebuild restores full protection: every metachunk of every version and
// part whose fragments are missing, on a service that is gone, or (with
// Verify) corrupt gets them recreated from the survivors on services
// chosen by the conscience, away from the survivors.
func (s *Service) Rebuild(ctx context.Context, opts RebuildOptions) (RebuildReport, error) {
	start := time.Now()
	var rep RebuildReport
	if opts.ProgressEvery <= 0 {
		opts.ProgressEvery = 2 * time.Second
	}
	opts.pace = &pacer{rate: opts.BytesPerSecond, start: start}
	last := start
	opts.lastProgress = &last
	var err error
	if opts.Volume != "" && !opts.Verify {
		err = s.rebuildVolume(ctx, opts, &rep) // rdir_rebuild.go
	} else {
		err = s.rebuildAll(ctx, opts, &rep)
	}
	if err != nil {
		return rep, err
	}
	rep.Seconds = time.Since(start).Seconds()
	if rep.Seconds > 0 {
		rep.BytesPerSecond = float64(rep.Bytes) / rep.Seconds
	}
	s.log.Info("rebuild done", "objects", rep.Objects, "lost", rep.Lost, "rebuilt", rep.Rebuilt, "bytes", rep.Bytes)
	if opts.Progress != nil {
		opts.Progress(rep)
	}
	return rep, nil
}

// rebuildAll scans every record of every bucket.
func (s *Service) rebuildAll(ctx context.Context, opts RebuildOptions, rep *RebuildReport) error {
	for _, acct := range s.dir.Accounts(ctx) {
		buckets, err := s.ListBuckets(ctx, acct)
		if err != nil {
			return err
		}
		for _, b := range buckets {
			if err := s.rebuildBucket(ctx, b.Name, opts, rep); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Service) rebuildRange(ctx context.Context, c directory.Container, e meta.Engine, m2 directory.Meta2, opts RebuildOptions, rep *RebuildReport) error {
	for pass, prefix := range [][]byte{m2.VersionPrefix(), m2.Parts("")[:len(m2.Parts(""))-1]} {
		// Collect keys first: repairs write to the engine.
		var keys, vals [][]byte
		err := e.View(ctx, func(r meta.Reader) error {
			it := r.Iter(prefix, meta.PrefixEnd(prefix))
			defer it.Close()
			for ok := it.First(); ok; ok = it.Next() {
				keys = append(keys, bytes.Clone(it.Key()))
				vals = append(vals, bytes.Clone(it.Value()))
			}
			return it.Error()
		})
		if err != nil {
			return err
		}
		isPart := pass == 1
		for i := range keys {
			if err := s.rebuildRecord(ctx, e, m2, c.ID.String(), keys[i], vals[i], isPart, opts, rep); err != nil {
				return err
			}
			if opts.Progress != nil && time.Since(*opts.lastProgress) >= opts.ProgressEvery {
				*opts.lastProgress = time.Now()
				p := *rep
				p.Seconds = time.Since(opts.pace.start).Seconds()
				opts.Progress(p)
			}
		}
	}
	return nil
}

// rebuildRecord repairs one version or part record and commits the new
// chunk map if the record did not change meanwhile.
func (s *Service) rebuildRecord(ctx context.Context, e meta.Engine, m2 directory.Meta2, cid string, key, val []byte, isPart bool, opts RebuildOptions, rep *RebuildReport) error {
	_, err := s.rebuildOne(ctx, e, m2, cid, key, val, isPart, opts, rep)
	return err
}

// rebuildOne repairs one record; full reports that afterwards every
// metachunk has all its fragments (and, with Spread, as spread out as the
// topology allows).
func (s *Service) rebuildOne(ctx context.Context, e meta.Engine, m2 directory.Meta2, cid string, key, val []byte, isPart bool, opts RebuildOptions, rep *RebuildReport) (full bool, err error) {
	rep.Objects++
	var content []segment
	var rec *record
	var part partRecord
	ref := blob.BackRef{Container: cid}
	if isPart {
		if err := json.Unmarshal(val, &part); err != nil {
			return true, nil
		}
		content = part.Content
		ref.Object, ref.Version = part.Key, "mpu:"+part.UploadID
	} else {
		var err error
		if rec, err = decodeRecord(val); err != nil {
			return true, nil
		}
		content = rec.Content
		ref.Object, ref.Version = rec.Info.Key, rec.Info.VersionID
	}
	changed, full := false, true
	var retired []protect.Fragment
	sites, sitesShort := s.recordSites(ctx, rec), false // sitesconv.go
	for i := range content {
		seg := &content[i]
		if seg.MC == nil {
			continue
		}
		res, err := s.repairSegment(ctx, seg, ref, opts, rep)
		if err != nil {
			rep.Unrecoverable++
			s.log.Warn("metachunk cannot be rebuilt", "key", string(m2.Strip(key)), "err", err)
		} else if sites > 1 {
			var short bool
			res, short = s.convergeSites(ctx, seg, sites, ref, opts, rep, res)
			sitesShort = sitesShort || short
		}
		changed = changed || res.changed
		full = full && res.full && err == nil
		retired = append(retired, res.retired...)
	}
	// A rebuild that could not keep a copy on each required site (a site
	// is down) queues the version for the improver; the improver keeps
	// its own entry while full is false.
	queue := sitesShort && !opts.Spread
	full = full && !sitesShort
	if !changed {
		if queue {
			return full, e.Update(ctx, func(tx meta.Txn) error { return queueForSites(tx, m2, rec) })
		}
		return full, nil
	}
	var nv []byte
	if isPart {
		part.Content = content
		nv, _ = json.Marshal(part)
	} else {
		rec.Content = content
		nv = encodeRecord(rec)
	}
	committed := false
	err = e.Update(ctx, func(tx meta.Txn) error {
		committed = false
		cur, err := tx.Get(key)
		if err != nil || !bytes.Equal(cur, val) {
			return nil // changed or deleted meanwhile: the next pass sees it
		}
		if err := tx.Set(key, nv); err != nil {
			return err
		}
		if queue {
			if err := queueForSites(tx, m2, rec); err != nil {
				return err
			}
		}
		committed = true
		if rec != nil {
			ck := m2.Current(rec.Info.Key)
			if c, err := getRecord(tx, ck); err == nil && c.Nanos == rec.Nanos {
				return tx.Set(ck, nv)
			}
		}
		return nil
	})
	if err != nil || !committed {
		// The new chunks are unreferenced: the orphan collector takes
		// them; the moved ones stay where the record says they are.
		return false, err
	}
	// Moved fragments: the record no longer names their old chunks.
	for _, f := range retired {
		if st, err := s.blobs.Store(f.Service); err == nil {
			st.Delete(ctx, f.Chunk)
		}
	}
	return full, nil
}

// serviceLocations maps blob service ids to their locations, when the
// placer can list services.
func (s *Service) serviceLocations(ctx context.Context) map[string]strata.Location {
	reg, ok := s.placer.(conscience.Registry)
	if !ok {
		return nil
	}
	svcs, _ := reg.Services(ctx, strata.ServiceBlob)
	out := make(map[string]strata.Location, len(svcs))
	for _, svc := range svcs {
		out[svc.ID] = svc.Location
	}
	return out
}

// hostOf is the host of a fragment's service ("" if unknown).
func hostOf(locs map[string]strata.Location, service string) string {
	if loc, ok := locs[service]; ok {
		return loc.Host()
	}
	return "svc:" + service
}

type repairResult struct {
	changed bool               // the metachunk's fragments changed
	full    bool               // it has every fragment, spread as far as possible
	retired []protect.Fragment // fragments replaced by a better-placed copy
}

// repairSegment checks a metachunk's fragments and recreates the lost
// ones; it reports whether the metachunk changed.
func (s *Service) repairSegment(ctx context.Context, seg *segment, ref blob.BackRef, opts RebuildOptions, rep *RebuildReport) (repairResult, error) {
	p, err := protect.ParsePolicy(seg.Policy)
	if err != nil {
		return repairResult{}, err
	}
	var good []protect.Fragment
	for _, f := range seg.MC.Fragments {
		rep.Fragments++
		if s.fragmentOK(ctx, f, opts.Verify) {
			good = append(good, f)
		}
		if opts.Verify {
			rep.Verified += f.Size
			opts.pace.wait(f.Size)
		}
	}
	lost := len(seg.MC.Fragments) - len(good)
	rep.Lost += int64(lost)
	locs := s.serviceLocations(ctx)
	pool := poolTags(s.segmentPool(ctx, seg)) // repairs stay in the pool
	// Crowded: fragments on a host that already holds one of this
	// metachunk's fragments.
	var crowded []protect.Fragment
	seen := map[string]bool{}
	for _, f := range good {
		h := hostOf(locs, f.Service)
		if seen[h] {
			crowded = append(crowded, f)
		}
		seen[h] = true
	}
	var retired []protect.Fragment
	if opts.Spread && len(crowded) > 0 {
		// Move each crowded fragment for which a service on a new host
		// exists, taking the hosts found so far into account.
		var avoid []string
		var near []strata.Location
		for _, f := range good {
			avoid = append(avoid, f.Service)
			if !slices.ContainsFunc(crowded, func(c protect.Fragment) bool { return c.Chunk == f.Chunk }) {
				near = append(near, locs[f.Service])
			}
		}
		var still []protect.Fragment
		pins := newSitePins(p, good, locs) // sites.go
		for _, f := range crowded {
			cand, short, _ := s.placer.Select(ctx, strata.ServiceBlob, 1, conscience.SelectOptions{Avoid: avoid, Near: near, Tags: pool})
			if len(cand) != 1 || short || pins.pinned(f) {
				still = append(still, f)
				continue
			}
			pins.moved(f)
			retired = append(retired, f)
			avoid = append(avoid, cand[0].ID)
			near = append(near, cand[0].Location)
		}
		crowded = still
		good = slices.DeleteFunc(good, func(f protect.Fragment) bool {
			return slices.ContainsFunc(retired, func(r protect.Fragment) bool { return r.Chunk == f.Chunk })
		})
	}
	if lost == 0 && len(retired) == 0 && len(good) >= p.Width() {
		return repairResult{full: len(crowded) == 0 || !opts.Spread}, nil
	}
	mc := *seg.MC
	mc.Fragments = good
	var avoid []string
	var near []strata.Location
	for _, f := range good {
		avoid = append(avoid, f.Service)
		if loc, ok := locs[f.Service]; ok {
			near = append(near, loc)
		}
	}
	if opts.Volume != "" {
		// The volume being rebuilt lost its disk: its fragments go
		// elsewhere while anywhere else exists (the fallback below takes
		// it back when it is the only place left).
		avoid = append(avoid, opts.Volume)
	}
	missing := p.Width() - len(good)
	svcs, _, err := s.placer.Select(ctx, strata.ServiceBlob, missing, conscience.SelectOptions{Avoid: avoid, Near: near, Tags: pool})
	if len(svcs) == 0 {
		if len(retired) > 0 {
			return repairResult{}, nil // nowhere better after all
		}
		// Every service already holds a fragment: reuse them rather than
		// leave the metachunk under-protected.
		svcs, _, err = s.placer.Select(ctx, strata.ServiceBlob, missing, conscience.SelectOptions{Tags: pool})
		if len(svcs) == 0 {
			return repairResult{}, err
		}
	}
	// put runs concurrently, once per missing fragment.
	var mu sync.Mutex
	next := 0
	put := func(ctx context.Context, i int, r io.Reader) (protect.Fragment, error) {
		mu.Lock()
		svc := svcs[next%len(svcs)]
		next++
		mu.Unlock()
		f, err := s.putFragment(ctx, svc, ref, fmt.Sprintf("r.%d", i), i, &throttled{r: r, pace: opts.pace})
		if err == nil {
			mu.Lock()
			rep.Bytes += f.Size
			mu.Unlock()
		}
		return f, err
	}
	fixed, err := protect.Repair(ctx, p, mc, s.open, put)
	added := int64(len(fixed.Fragments) - len(good))
	if len(retired) > 0 {
		rep.Moved += min(added, int64(len(retired)))
		added -= min(added, int64(len(retired)))
	}
	rep.Rebuilt += added
	if len(fixed.Fragments) == len(good) {
		return repairResult{}, err
	}
	if len(fixed.Fragments) < p.Width() && len(retired) > 0 {
		// The move did not complete: keep the old copy.
		fixed.Fragments = append(fixed.Fragments, retired...)
		retired = nil
	}
	*seg.MC = fixed
	return repairResult{changed: true, full: err == nil && len(fixed.Fragments) >= p.Width() && len(crowded) == 0, retired: retired}, err
}

// fragmentOK reports whether a fragment is present (and, with verify,
// intact).
func (s *Service) fragmentOK(ctx context.Context, f protect.Fragment, verify bool) bool {
	st, err := s.blobs.Store(f.Service)
	if err != nil {
		return false
	}
	if verify {
		if v, ok := st.(blob.Verifier); ok {
			return v.Verify(ctx, f.Chunk) == nil
		}
	}
	info, err := st.Stat(ctx, f.Chunk)
	return err == nil && info.Size == f.Size
}

// pacer keeps a byte rate across a whole rebuild or scrub.
type pacer struct {
	mu    sync.Mutex
	rate  int64
	start time.Time
	n     int64
}

func (p *pacer) wait(n int64) {
	if p.rate <= 0 {
		return
	}
	p.mu.Lock()
	p.n += n
	ahead := time.Duration(float64(p.n)/float64(p.rate)*float64(time.Second)) - time.Since(p.start)
	p.mu.Unlock()
	if ahead > 0 {
		time.Sleep(ahead)
	}
}

// throttled paces reads through a pacer.
type throttled struct {
	r    io.Reader
	pace *pacer
}

func (t *throttled) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.pace.wait(int64(n))
	return n, err
}

// putFragment stores fragment i of a metachunk as a new chunk on svc,
// its back-reference at position pos.
func (s *Service) putFragment(ctx context.Context, svc strata.Service, ref blob.BackRef, pos string, i int, r io.Reader) (protect.Fragment, error) {
	st, err := s.blobs.Store(svc.ID)
	if err != nil {
		return protect.Fragment{}, err
	}
	id := strata.NewChunkID()
	cref := ref
	cref.Position = pos
	info, err := st.Put(ctx, id, cref, r)
	if err != nil {
		return protect.Fragment{}, err
	}
	return protect.Fragment{Index: i, Service: svc.ID, Chunk: id, Size: info.Size, Checksum: info.Checksum}, nil
}
