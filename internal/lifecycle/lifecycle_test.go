package lifecycle

import (
	"testing"
	"time"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestClockS3Days(t *testing.T) {
	var c Clock
	for _, tc := range []struct {
		created string
		days    int
		due     string
	}{
		{"2026-01-01T10:00:00Z", 1, "2026-01-03T00:00:00Z"}, // rounded up to the next midnight
		{"2026-01-01T00:00:00Z", 1, "2026-01-02T00:00:00Z"}, // already a midnight
		{"2026-01-01T23:59:59Z", 30, "2026-02-01T00:00:00Z"},
		{"2026-01-01T10:00:00Z", 0, "2026-01-02T00:00:00Z"},
	} {
		got := c.Due(at(tc.created), tc.days)
		if !got.Equal(at(tc.due)) {
			t.Errorf("Due(%s, %d) = %s, want %s", tc.created, tc.days, got, tc.due)
		}
	}
}

// Cutoff is the inverse of Due: t is due at now exactly when t <= Cutoff.
func TestCutoffInvertsDue(t *testing.T) {
	base := at("2026-03-10T00:00:00Z")
	for _, c := range []Clock{{}, {Day: 10 * time.Second}} {
		for days := 1; days < 4; days++ {
			for i := 0; i < 500; i++ {
				created := base.Add(time.Duration(i) * 37 * time.Minute)
				now := base.Add(time.Duration(i*i%9000) * 41 * time.Minute)
				due := !c.Due(created, days).After(now)
				if in := !created.After(c.Cutoff(now, days)); in != due {
					t.Fatalf("clock %v days %d created %s now %s: due %v, cutoff says %v", c.Day, days, created, now, due, in)
				}
			}
		}
	}
}

func TestDebugDay(t *testing.T) {
	c := Clock{Day: 10 * time.Second}
	created := at("2026-01-01T10:00:03Z")
	if got := c.Due(created, 3); !got.Equal(created.Add(30 * time.Second)) {
		t.Fatalf("Due = %s, want 30 s later, unrounded", got)
	}
}

const doc = `<LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
<Rule><ID>a</ID><Status>Enabled</Status><Filter><And><Prefix>logs/</Prefix>
  <Tag><Key>k</Key><Value>v</Value></Tag><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan></And></Filter>
  <Expiration><Days>3</Days></Expiration>
  <Transition><Days>1</Days><StorageClass>STANDARD_IA</StorageClass></Transition>
  <NoncurrentVersionExpiration><NoncurrentDays>2</NoncurrentDays><NewerNoncurrentVersions>1</NewerNoncurrentVersions></NoncurrentVersionExpiration>
  <AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload>
</Rule>
<Rule><ID>b</ID><Status>Disabled</Status><Prefix>old/</Prefix><Expiration><Date>2026-01-01T00:00:00Z</Date></Expiration></Rule>
<Rule><ID>c</ID><Status>Enabled</Status><Prefix>x/</Prefix><Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration></Rule>
</LifecycleConfiguration>`

func TestParseAndTasks(t *testing.T) {
	c, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Rules) != 3 || c.Rules[1].Enabled || c.Rules[1].Filter.Prefix != "old/" || c.Rules[1].Expiration.Date.IsZero() {
		t.Fatalf("rules %+v", c.Rules)
	}
	f := c.Rules[0].Filter
	if f.Prefix != "logs/" || f.Tags["k"] != "v" || f.SizeGreater != 10 {
		t.Fatalf("filter %+v", f)
	}
	var kinds []Kind
	for _, task := range c.Tasks() {
		kinds = append(kinds, task.Kind)
	}
	want := []Kind{ExpireCurrent, ExpireMarker, ExpireNoncurrent, ExpireNoncurrent, AbortUpload, TransitionCurrent}
	if len(kinds) != len(want) {
		t.Fatalf("kinds %v, want %v", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("kinds %v, want %v", kinds, want)
		}
	}
}

func TestDue(t *testing.T) {
	clk := Clock{Day: time.Second}
	t0 := at("2026-01-01T00:00:00Z")
	exp := Task{Kind: ExpireCurrent, Days: 2, Filter: Filter{Prefix: "a/", Tags: map[string]string{"k": "v"}, SizeLess: 100}}
	nc := Task{Kind: ExpireNoncurrent, Days: 1, Newer: 1}
	tr := Task{Kind: TransitionCurrent, Days: 1, Class: "GLACIER"}
	multi := Config{Rules: []Rule{{ID: "m", Enabled: true, Transitions: []Transition{
		{Days: 1, StorageClass: "STANDARD_IA"}, {Days: 7, StorageClass: "GLACIER"}}}}}.Tasks()
	dm := Task{Kind: ExpireMarker}
	exp2 := Task{Kind: ExpireCurrent, Days: 2}
	cur := Version{Key: "a/x", Size: 5, Tags: map[string]string{"k": "v"}, Created: t0, Current: true}
	for i, tc := range []struct {
		task Task
		v    Version
		now  time.Time
		want bool
	}{
		{exp, cur, t0.Add(2 * time.Second), true},
		{exp, cur, t0.Add(time.Second), false},
		{exp, Version{Key: "b/x", Size: 5, Tags: cur.Tags, Created: t0, Current: true}, t0.Add(time.Hour), false},
		{exp, Version{Key: "a/x", Size: 500, Tags: cur.Tags, Created: t0, Current: true}, t0.Add(time.Hour), false},
		{exp, Version{Key: "a/x", Size: 5, Created: t0, Current: true}, t0.Add(time.Hour), false},
		{exp, Version{Key: "a/x", Size: 5, Tags: cur.Tags, Created: t0}, t0.Add(time.Hour), false}, // noncurrent
		{nc, Version{Key: "k", Created: t0, NoncurrentSince: t0.Add(time.Second), NewerNoncurrent: 1}, t0.Add(2 * time.Second), true},
		{nc, Version{Key: "k", Created: t0, NoncurrentSince: t0.Add(time.Second), NewerNoncurrent: 0}, t0.Add(time.Hour), false},
		{nc, Version{Key: "k", Created: t0, NoncurrentSince: t0.Add(time.Second), NewerNoncurrent: 3}, t0.Add(1500 * time.Millisecond), false},
		{tr, Version{Key: "k", Created: t0, Current: true}, t0.Add(time.Second), true},
		{tr, Version{Key: "k", Created: t0, Current: true, StorageClass: "GLACIER"}, t0.Add(time.Hour), false},
		{multi[0], Version{Key: "k", Created: t0, Current: true}, t0.Add(2 * time.Second), true},
		{multi[0], Version{Key: "k", Created: t0, Current: true, StorageClass: "GLACIER"}, t0.Add(8 * time.Second), false}, // never back
		{multi[1], Version{Key: "k", Created: t0, Current: true, StorageClass: "STANDARD_IA"}, t0.Add(8 * time.Second), true},
		{dm, Version{Key: "k", DeleteMarker: true, Sole: true}, t0, true},
		{dm, Version{Key: "k", DeleteMarker: true}, t0, false},
		{exp2, Version{Key: "k", DeleteMarker: true, Sole: true, Created: t0}, t0.Add(2 * time.Second), true},
		{exp2, Version{Key: "k", DeleteMarker: true, Sole: true, Created: t0}, t0.Add(time.Second), false},
		{exp2, Version{Key: "k", DeleteMarker: true, Created: t0}, t0.Add(time.Hour), false},
	} {
		if got := tc.task.Due(tc.v, clk, tc.now); got != tc.want {
			t.Errorf("case %d: Due = %v, want %v", i, got, tc.want)
		}
	}
}
