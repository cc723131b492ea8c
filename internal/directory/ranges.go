package directory

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// Range is one key range of a container (container sharding, see
// docs/SHARDING.md): the object keys from Start (inclusive) up to the
// next range's Start live in sub-container Sub, whose meta2 prefix
// c/<Sub>/ is on meta2 shard Shard. The first range starts at "" and is
// the container itself (its home: configuration, bucket-wide records).
type Range struct {
	Start string
	Shard string
	Sub   strata.ContainerID
}

type rangeJSON struct {
	Start string `json:"start"`
	Shard string `json:"shard"`
	Sub   string `json:"sub"`
}

// MarshalJSON writes the sub-container id in hex.
func (r Range) MarshalJSON() ([]byte, error) {
	return json.Marshal(rangeJSON{Start: r.Start, Shard: r.Shard, Sub: r.Sub.String()})
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (r *Range) UnmarshalJSON(b []byte) error {
	var j rangeJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	sub, err := strata.ParseContainerID(j.Sub)
	if err != nil {
		return err
	}
	*r = Range{Start: j.Start, Shard: j.Shard, Sub: sub}
	return nil
}

// RangeList returns the container's ranges ordered by Start: a container
// never split has one, itself.
func (c Container) RangeList() []Range {
	if len(c.Ranges) == 0 {
		return []Range{{Start: "", Shard: c.Shard, Sub: c.ID}}
	}
	return c.Ranges
}

// Owner returns the index of the range that owns key.
func (c Container) Owner(key string) int {
	rs := c.RangeList()
	// The last range whose Start is <= key; rs[0].Start is "".
	return sort.Search(len(rs), func(i int) bool { return rs[i].Start > key }) - 1
}

// BoundsOf returns the key bounds of range i.
func (c Container) BoundsOf(i int) Bounds {
	rs := c.RangeList()
	b := Bounds{Start: rs[i].Start}
	if i+1 < len(rs) {
		b.End, b.Closed = rs[i+1].Start, true
	}
	return b
}

// Meta2Of returns the key builder of range r.
func (c Container) Meta2Of(r Range) Meta2 {
	m := NewMeta2(r.Sub)
	m.Bucket, m.MarksVersions, m.MarksSeqs, m.NoObjectLock = c.Name, c.VersionMarks, c.SeqMarks, !c.ObjectLock
	return m
}

// NewSubID returns a fresh sub-container id for a range of c starting at
// start: fresh, so that a split rolled back and tried again never meets
// the leftovers of the first attempt.
func NewSubID(c Container, start string) strata.ContainerID {
	return strata.NewContainerID(c.Account, c.Name+"\x00range\x00"+start+"\x00"+strconv.FormatInt(time.Now().UnixNano(), 36))
}

// Bounds are the object keys a range owns: Start <= key, and key < End
// when Closed.
type Bounds struct {
	Start  string `json:"start"`
	End    string `json:"end,omitempty"`
	Closed bool   `json:"closed,omitempty"`
}

// Contains reports whether the range owns key.
func (b Bounds) Contains(key string) bool {
	return key >= b.Start && (!b.Closed || key < b.End)
}

// Fence is the key of a range's own bounds, read by every per-key write
// transaction of the range: a split narrows it before publishing the new
// range map, so a gateway still holding the old map aborts and retries
// on the new one. Absent: the range owns every key (never split).
func (m Meta2) Fence() []byte { return m.with('r') }

// Route makes m re-routable: every copy of the returned Meta2 follows a
// later Reroute (a per-key operation's closures hold copies of it).
func (m Meta2) Route() Meta2 {
	p := append([]byte(nil), m.pre()...)
	m.route = &p
	return m
}

// Reroute points m, and every copy of it, at sub-container sub. m must
// come from Route.
func (m Meta2) Reroute(sub strata.ContainerID) {
	if m.route == nil {
		panic("directory: Reroute of a Meta2 not made by Route")
	}
	*m.route = NewMeta2(sub).prefix
}

var splitPref = []byte("m1/r/")

// SplitKey is the root-engine key of a container's split in progress:
// the split job's journal, so a crashed split resumes or rolls back.
func SplitKey(cid strata.ContainerID) []byte {
	return append(append([]byte(nil), splitPref...), cid[:]...)
}

// SplitPrefix is the prefix of every split journal.
func SplitPrefix() []byte { return append([]byte(nil), splitPref...) }

// UsageMoved is a stored-usage delta of a split: minus the usage of the
// keys moved to sub-container sub, summed with the slots (under the usage
// prefix) so the old range stops counting them.
func (m Meta2) UsageMoved(sub strata.ContainerID) []byte {
	return m.with('s', []byte("n/m/"), sub[:])
}

// PickShard chooses the meta2 shard of a new range as Create does for a
// new container: by conscience score in a cluster, else the first shard.
func (d *Directory) PickShard(ctx context.Context) (string, error) {
	if d.src != nil {
		return d.src.Pick(ctx)
	}
	ids := make([]string, 0, len(d.shards))
	for id := range d.shards {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids[0], nil
}
