package lifecycle

import (
	"strconv"
	"strings"
	"time"
)

// Clock turns lifecycle days into times. S3 counts a day as 24 hours from
// the midnight UTC that follows the object's creation. With Day set (the
// server's --lifecycle-day, Ceph RGW's rgw_lc_debug_interval) a day lasts
// Day and there is no rounding, so that tests can see a rule act.
type Clock struct {
	Day time.Duration
}

// Due returns when something that started at t is days old.
func (c Clock) Due(t time.Time, days int) time.Time {
	if c.Day > 0 {
		return t.Add(time.Duration(days) * c.Day)
	}
	return ceilMidnight(t).Add(time.Duration(days) * 24 * time.Hour)
}

// Cutoff returns the latest start time that is days old at now: Due(t,
// days) <= now exactly when t <= Cutoff(now, days). A scan of the index
// by start time stops there.
func (c Clock) Cutoff(now time.Time, days int) time.Time {
	if days == 0 {
		return now
	}
	if c.Day > 0 {
		return now.Add(-time.Duration(days) * c.Day)
	}
	return now.Add(-time.Duration(days) * 24 * time.Hour).UTC().Truncate(24 * time.Hour)
}

func ceilMidnight(t time.Time) time.Time {
	t = t.UTC()
	m := t.Truncate(24 * time.Hour)
	if m.Equal(t) {
		return m
	}
	return m.Add(24 * time.Hour)
}

// Kind is what a task does.
type Kind int

// The kinds of task, in the order a pass runs them: removals before
// transitions, so that nothing is moved just before it is deleted.
const (
	ExpireCurrent        Kind = iota // Expiration Days or Date
	ExpireMarker                     // Expiration ExpiredObjectDeleteMarker
	ExpireNoncurrent                 // NoncurrentVersionExpiration
	AbortUpload                      // AbortIncompleteMultipartUpload
	TransitionCurrent                // Transition
	TransitionNoncurrent             // NoncurrentVersionTransition
)

// Task is one action of one enabled rule: the unit that keeps a cursor in
// the bucket's index. A task scans the index entries that started up to
// Upto(now); for a noncurrent task an entry is the version that made its
// predecessors noncurrent.
type Task struct {
	ID     string // the cursor's name: rule ID, action, position
	Kind   Kind
	Filter Filter
	Days   int       // the rule's age, in lifecycle days
	Date   time.Time // or its date
	Newer  int       // NewerNoncurrentVersions
	Class  string    // a transition's target
	// Later are the rule's other transitions of the same kind that act
	// later: once one of them is due, this one no longer applies, so
	// that a version never moves back to an earlier class.
	Later []Task
	// Lag is how many days behind now the scan runs: Days, or 0 for
	// the companion task of a noncurrent rule that keeps newer versions
	// (a version's rank changes when a new one arrives, at any age).
	Lag int
}

// Tasks lists the tasks of the enabled rules, in pass order.
func (c Config) Tasks() []Task {
	var out []Task
	add := func(r Rule, kind Kind, pos int, t Task) {
		t.ID = r.ID + "/" + strconv.Itoa(int(kind)) + "/" + strconv.Itoa(pos)
		t.Kind, t.Filter = kind, r.Filter
		out = append(out, t)
	}
	for kind := ExpireCurrent; kind <= TransitionNoncurrent; kind++ {
		for _, r := range c.Rules {
			if !r.Enabled {
				continue
			}
			r.tasks(kind, add)
		}
	}
	return out
}

func (r Rule) tasks(kind Kind, add func(Rule, Kind, int, Task)) {
	switch kind {
	case ExpireCurrent:
		if e := r.Expiration; e != nil && (e.Days > 0 || !e.Date.IsZero()) {
			add(r, kind, 0, Task{Days: e.Days, Date: e.Date, Lag: e.Days})
		}
	case ExpireMarker:
		if e := r.Expiration; e != nil && e.ExpiredObjectDeleteMarker {
			add(r, kind, 0, Task{})
		}
	case ExpireNoncurrent:
		if n := r.NoncurrentExpiration; n != nil {
			add(r, kind, 0, Task{Days: n.NoncurrentDays, Newer: n.NewerNoncurrentVersions, Lag: n.NoncurrentDays})
			if n.NewerNoncurrentVersions > 0 && n.NoncurrentDays > 0 {
				add(r, kind, 1, Task{Days: n.NoncurrentDays, Newer: n.NewerNoncurrentVersions})
			}
		}
	case AbortUpload:
		if r.AbortMultipartDays > 0 {
			add(r, kind, 0, Task{Days: r.AbortMultipartDays, Lag: r.AbortMultipartDays})
		}
	case TransitionCurrent:
		all := make([]Task, len(r.Transitions))
		for i, t := range r.Transitions {
			all[i] = Task{Days: t.Days, Date: t.Date, Class: t.StorageClass, Lag: t.Days}
		}
		for i, t := range all {
			t.Later = later(all, i)
			add(r, kind, i, t)
		}
	case TransitionNoncurrent:
		all := make([]Task, len(r.NoncurrentTransitions))
		for i, t := range r.NoncurrentTransitions {
			all[i] = Task{Days: t.NoncurrentDays, Newer: t.NewerNoncurrentVersions, Class: t.StorageClass, Lag: t.NoncurrentDays}
		}
		for i, t := range all {
			t.Later = later(all, i)
			add(r, kind, i, t)
			if t.Newer > 0 && t.Days > 0 {
				t.Lag = 0
				add(r, kind, i+1000, t)
			}
		}
	}
}

// later returns the transitions of all that act after all[i].
func later(all []Task, i int) []Task {
	var out []Task
	for j, t := range all {
		after := t.Days > all[i].Days
		if !t.Date.IsZero() || !all[i].Date.IsZero() {
			after = t.Date.After(all[i].Date)
		}
		if j != i && after {
			out = append(out, t)
		}
	}
	return out
}

// Upto returns the latest index time the task must have scanned at now,
// and false while nothing can be due (its date is still ahead).
func (t Task) Upto(clk Clock, now time.Time) (time.Time, bool) {
	if !t.Date.IsZero() {
		// After its date a date rule applies to every matching version,
		// new ones included.
		return now, !now.Before(t.Date)
	}
	return clk.Cutoff(now, t.Lag), true
}

// Version is what a task looks at in an object version, or an upload.
type Version struct {
	Key          string
	Size         int64
	Tags         map[string]string
	Created      time.Time // or an upload's initiation
	DeleteMarker bool
	StorageClass string // "" is STANDARD
	Current      bool   // the latest version, and not a delete marker
	Sole         bool   // the key has no other version
	// For a noncurrent version: when it stopped being the latest, and
	// how many noncurrent versions of its key are newer.
	NoncurrentSince time.Time
	NewerNoncurrent int
}

// RemovesMarkers reports whether the task removes expired object delete
// markers: ExpiredObjectDeleteMarker, or Expiration Days.
func (t Task) RemovesMarkers() bool {
	return t.Kind == ExpireMarker || (t.Kind == ExpireCurrent && t.Date.IsZero())
}

// Due reports whether the task acts on v at now.
func (t Task) Due(v Version, clk Clock, now time.Time) bool {
	switch t.Kind {
	case ExpireMarker:
		return v.DeleteMarker && v.Sole && t.Filter.MatchMarker(v.Key)
	case ExpireCurrent, TransitionCurrent:
		if t.Kind == ExpireCurrent && v.DeleteMarker && v.Sole && t.Date.IsZero() {
			// An expired object delete marker goes once it is Days
			// old too, as on S3 and RGW.
			return t.Filter.MatchMarker(v.Key) && t.reached(clk, v.Created, now)
		}
		if !v.Current || !t.Filter.Match(v.Key, v.Tags, v.Size) {
			return false
		}
		if t.Kind == TransitionCurrent {
			if sameClass(v.StorageClass, t.Class) {
				return false
			}
			for _, l := range t.Later {
				if l.reached(clk, v.Created, now) {
					return false
				}
			}
		}
		return t.reached(clk, v.Created, now)
	case ExpireNoncurrent, TransitionNoncurrent:
		if v.Current || v.NoncurrentSince.IsZero() || v.NewerNoncurrent < t.Newer {
			return false
		}
		if v.DeleteMarker {
			if t.Kind == TransitionNoncurrent || !t.Filter.MatchMarker(v.Key) {
				return false
			}
		} else if !t.Filter.Match(v.Key, v.Tags, v.Size) {
			return false
		}
		if t.Kind == TransitionNoncurrent {
			if sameClass(v.StorageClass, t.Class) {
				return false
			}
			for _, l := range t.Later {
				if !clk.Due(v.NoncurrentSince, l.Days).After(now) {
					return false
				}
			}
		}
		return !clk.Due(v.NoncurrentSince, t.Days).After(now)
	case AbortUpload:
		return strings.HasPrefix(v.Key, t.Filter.Prefix) && !clk.Due(v.Created, t.Days).After(now)
	}
	return false
}

func (t Task) reached(clk Clock, created, now time.Time) bool {
	if !t.Date.IsZero() {
		return !now.Before(t.Date)
	}
	return !clk.Due(created, t.Days).After(now)
}

func sameClass(a, b string) bool {
	if a == "" {
		a = "STANDARD"
	}
	if b == "" {
		b = "STANDARD"
	}
	return a == b
}
