package conscience

import (
	"maps"
	"reflect"

	"github.com/strata-storage/strata/internal/strata"
)

// FailedMetric is the Stats.Extra entry by which a service says it has
// failed (any value above 0): it then scores 0 whatever the formula says,
// so that no new data goes to a volume its own node knows is broken.
const FailedMetric = "failed"

// Rate is the score a live service earns from its stats under f: 0 if
// the stats say it failed, else the formula's score but at least 1. A
// live service never scores 0 from its stats, because 0 means dead or
// drained: a saturated disk still gets a trickle of writes instead of
// every write failing with NoSpace on a one-volume node.
func Rate(f *Formula, st strata.Stats) int {
	if st.Extra[FailedMetric] > 0 {
		return 0
	}
	return max(1, f.Score(st))
}

// ApplyScores records services with scores computed elsewhere (a
// replicated conscience's published digest) instead of from their stats;
// scores[i] belongs to svcs[i], and free[i] (if free is not nil) is its
// space free in percent, shown by listings. Each counts as a heartbeat. Unlike
// Register it takes the services' maps as they are: the caller must not
// change them afterwards. One lock covers the whole batch, so that a
// digest of thousands of services is cheap to apply.
func (l *Local) ApplyScores(svcs []strata.Service, scores, free []byte) {
	now := l.cfg.Now()
	var added []strata.Service
	l.mu.Lock()
	for i, s := range svcs {
		if i >= len(scores) {
			break
		}
		e := l.svcs[s.ID]
		if e == nil {
			e = &entry{}
			l.svcs[s.ID] = e
			added = append(added, s)
		}
		// A gateway applies every service's score every period: the
		// description is copied only when it changed (at 1,000 nodes the
		// copy and its write barriers were most of a gateway's CPU).
		if !sameDescription(e.svc, s) {
			e.svc = s
			e.loc = l.intern.intern(s.Location)
		}
		e.svc.Stats.SpaceFree, e.svc.Stats.FreeBytes = s.Stats.SpaceFree, s.Stats.FreeBytes
		if i < len(free) {
			e.svc.Stats.SpaceFree = float64(free[i])
			e.svc.Stats.FreeBytes = s.Stats.TotalBytes / 100 * int64(free[i])
		}
		e.svc.Score, e.svc.Locked, e.svc.Updated = 0, false, now
		e.score = int(min(100, scores[i]))
	}
	l.gen++
	l.mu.Unlock()
	for _, s := range added {
		l.cfg.Logger.Info("service registered", "id", s.ID, "type", s.Type, "location", string(s.Location))
	}
}

// sameDescription reports whether a and b are alike in all but the
// fields ApplyScores sets (score, free space, time).
func sameDescription(a, b strata.Service) bool {
	return a.ID == b.ID && a.Type == b.Type && a.Addr == b.Addr && a.Location == b.Location &&
		a.Stats.TotalBytes == b.Stats.TotalBytes && a.Stats.CPUIdle == b.Stats.CPUIdle && a.Stats.IOIdle == b.Stats.IOIdle && sameTags(a.Tags, b.Tags) && len(a.Stats.Extra) == 0 && len(b.Stats.Extra) == 0
}

// ScoreOf returns one service's score as Services would show it, without
// listing the others; ok is false if the service is unknown.
func (l *Local) ScoreOf(id string) (score int, ok bool) {
	now := l.cfg.Now()
	l.mu.RLock()
	defer l.mu.RUnlock()
	e, ok := l.svcs[id]
	if !ok {
		return 0, false
	}
	if s, locked := l.locks[id]; locked {
		return s, true
	}
	if now.Sub(e.svc.Updated) >= l.cfg.Expiry {
		return 0, true
	}
	return e.score, true
}

// sameTags compares two tag maps, at once when they are the same map (a
// description applied again).
func sameTags(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer() || maps.Equal(a, b)
}
