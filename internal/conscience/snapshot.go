package conscience

import (
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// A placement reads a snapshot of the placeable services of one type
// instead of copying and re-splitting every registered service. Before,
// one Select of three copies among 12,000 volumes (1,000 nodes) cost
// 12 ms and 5.7 MB: the copy, the location splits and three map lookups
// per candidate and pick. A snapshot is rebuilt only when the registry
// changed or a score expired, and its locations are small integers.

// locID is a location's site, rack, host and volume as interned numbers:
// two locations share a part exactly when they share it and every part
// before it, as Location.Distance compares them.
type locID [4]int32

// dist is Location.Distance over interned locations.
func dist(a, b locID) int {
	for i := range 4 {
		if a[i] != b[i] {
			return 4 - i
		}
	}
	return 0
}

// interner numbers location prefixes. It only grows, by the distinct
// locations ever registered, which is bounded by the cluster's disks.
type interner struct {
	known map[string]int32 // key: the prefix's depth, then its parts, "\x00" between
}

// intern returns the location's numbers, numbering new prefixes.
func (in *interner) intern(l strata.Location) locID { return in.number(l, nil) }

// find returns the location's numbers without numbering anything: a
// prefix no registered service has gets a number of its own below zero,
// from fresh, shared by the locations of one call.
func (in *interner) find(l strata.Location, fresh map[string]int32) locID {
	return in.number(l, fresh)
}

func (in *interner) number(l strata.Location, fresh map[string]int32) locID {
	if in.known == nil && fresh == nil {
		in.known = map[string]int32{}
	}
	p := l.Parts()
	var out locID
	k := ""
	for d := range 4 {
		k += "\x00" + p[d]
		key := string(rune('0'+d)) + k
		id, ok := in.known[key]
		switch {
		case ok:
		case fresh == nil:
			id = int32(len(in.known) + 1)
			in.known[key] = id
		default:
			if id, ok = fresh[key]; !ok {
				id = -int32(len(fresh) + 1)
				fresh[key] = id
			}
		}
		out[d] = id
	}
	return out
}

// snapshot is the placeable services of one type at one registry
// generation: score above 0 (locked scores applied), with their
// locations. It is shared by concurrent Selects and never modified.
type snapshot struct {
	gen   uint64
	until time.Time // the earliest expiry among them: a score drops to 0 then
	candidates
}

// placeable returns the current snapshot of typ, rebuilding it if the
// registry changed since or one of its scores expired.
func (l *Local) placeable(typ string) *snapshot {
	now := l.cfg.Now()
	l.snapMu.Lock()
	defer l.snapMu.Unlock()
	l.mu.RLock()
	defer l.mu.RUnlock()
	if s := l.snaps[typ]; s != nil && s.gen == l.gen && now.Before(s.until) {
		return s
	}
	s := &snapshot{gen: l.gen, until: now.Add(l.cfg.Expiry)}
	var svcs []strata.Service
	var locs []locID
	for _, e := range l.svcs {
		if e.svc.Type != typ {
			continue
		}
		svc := e.svc
		if score, ok := l.locks[svc.ID]; ok {
			svc.Score, svc.Locked = score, true
		} else if exp := svc.Updated.Add(l.cfg.Expiry); now.Before(exp) {
			svc.Score = e.score
			if exp.Before(s.until) {
				s.until = exp
			}
		}
		if svc.Score <= 0 {
			continue
		}
		svcs = append(svcs, svc)
		locs = append(locs, e.loc)
	}
	s.candidates = group(svcs, locs)
	if l.snaps == nil {
		l.snaps = map[string]*snapshot{}
	}
	l.snaps[typ] = s
	return s
}

// nearIDs interns opts.Near for one placement.
func (l *Local) nearIDs(near []strata.Location) []locID {
	if len(near) == 0 {
		return nil
	}
	fresh := map[string]int32{}
	out := make([]locID, len(near))
	l.mu.RLock()
	for i, loc := range near {
		out[i] = l.intern.find(loc, fresh)
	}
	l.mu.RUnlock()
	return out
}
