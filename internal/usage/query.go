package usage

import (
	"context"
	"encoding/json"
	"net/url"
	"sort"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Query selects samples: hours in [From, To), and optionally one account
// and one bucket.
type Query struct {
	From, To Hour
	Account  string // "" = every account
	Bucket   string // "" = every bucket (only with no Bucket filter set)
}

func (q Query) match(a, b string) bool {
	return (q.Account == "" || q.Account == a) && (q.Bucket == "" || q.Bucket == b)
}

// TrafficSample is the traffic of one account and bucket in one hour,
// summed over every gateway.
type TrafficSample struct {
	Hour    Hour   `json:"hour"`
	Account string `json:"account"`
	Bucket  string `json:"bucket"`
	Traffic
}

// StoredSample is what one bucket stored at one hour.
type StoredSample struct {
	Hour    Hour   `json:"hour"`
	Account string `json:"account"`
	Bucket  string `json:"bucket"`
	Stored
}

// TrafficSamples returns the traffic samples q selects, by hour, then
// account and bucket.
func (s *Store) TrafficSamples(ctx context.Context, q Query) ([]TrafficSample, error) {
	var out []TrafficSample
	err := s.scan(ctx, trafficPref, q, func(h Hour, a, b string, v []byte) error {
		x := TrafficSample{Hour: h, Account: a, Bucket: b}
		if err := json.Unmarshal(v, &x.Traffic); err != nil {
			return strata.E("usage.TrafficSamples", strata.Corrupt, err)
		}
		out = append(out, x)
		return nil
	})
	return out, err
}

// StoredSamples returns the stored samples q selects, by hour, then
// account and bucket.
func (s *Store) StoredSamples(ctx context.Context, q Query) ([]StoredSample, error) {
	var out []StoredSample
	err := s.scan(ctx, storedPref, q, func(h Hour, a, b string, v []byte) error {
		x := StoredSample{Hour: h, Account: a, Bucket: b}
		if err := json.Unmarshal(v, &x.Stored); err != nil {
			return strata.E("usage.StoredSamples", strata.Corrupt, err)
		}
		out = append(out, x)
		return nil
	})
	return out, err
}

func (s *Store) scan(ctx context.Context, pref []byte, q Query, fn func(h Hour, a, b string, v []byte) error) error {
	return s.eng.View(ctx, func(r meta.Reader) error {
		it := r.Iter(hourKey(pref, q.From), hourKey(pref, q.To))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			h, a, b, valid := parseSampleKey(pref, it.Key())
			if !valid || !q.match(a, b) {
				continue
			}
			if err := fn(h, a, b, it.Value()); err != nil {
				return err
			}
		}
		return it.Error()
	})
}

// Row is the usage of one account and bucket over a range of hours:
// traffic summed, and the last stored sample in the range.
type Row struct {
	Account string  `json:"account"`
	Bucket  string  `json:"bucket"`
	Traffic Traffic `json:"traffic"`
	Stored  Stored  `json:"stored"`
}

// Report sums the samples q selects per account and bucket, sorted by
// account and bucket.
func (s *Store) Report(ctx context.Context, q Query) ([]Row, error) {
	ts, err := s.TrafficSamples(ctx, q)
	if err != nil {
		return nil, err
	}
	ss, err := s.StoredSamples(ctx, q)
	if err != nil {
		return nil, err
	}
	type key struct{ a, b string }
	rows := map[key]*Row{}
	row := func(a, b string) *Row {
		k := key{a, b}
		if rows[k] == nil {
			rows[k] = &Row{Account: a, Bucket: b}
		}
		return rows[k]
	}
	for _, t := range ts {
		row(t.Account, t.Bucket).Traffic.Add(t.Traffic)
	}
	for _, x := range ss { // by hour: the last one wins
		row(x.Account, x.Bucket).Stored = x.Stored
	}
	out := make([]Row, 0, len(rows))
	for _, r := range rows {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Account != out[j].Account {
			return out[i].Account < out[j].Account
		}
		return out[i].Bucket < out[j].Bucket
	})
	return out, nil
}

// APIPath is where the native REST API serves usage.
const APIPath = "/_strata/api/v1/usage"

// Report is the API's answer to a usage query.
type Report struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	Rows []Row     `json:"rows"`
}

// Samples is the API's answer to a samples query.
type Samples struct {
	Traffic []TrafficSample `json:"traffic"`
	Stored  []StoredSample  `json:"stored"`
}

// ParseTime reads a time as RFC 3339, YYYY-MM-DDTHH or YYYY-MM-DD (UTC).
func ParseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, strata.Errorf("usage.ParseTime", strata.Invalid, "time %q: want RFC 3339, YYYY-MM-DDTHH or YYYY-MM-DD", s)
}

// QueryOf reads a query from the parameters from, to (default: the end
// of now's hour), account and bucket.
func QueryOf(p url.Values, now time.Time) (Query, error) {
	q := Query{Account: p.Get("account"), Bucket: p.Get("bucket"), To: HourOf(now) + 1}
	if s := p.Get("from"); s != "" {
		t, err := ParseTime(s)
		if err != nil {
			return q, err
		}
		q.From = HourOf(t)
	}
	if s := p.Get("to"); s != "" {
		t, err := ParseTime(s)
		if err != nil {
			return q, err
		}
		q.To = HourOf(t)
	}
	return q, nil
}
