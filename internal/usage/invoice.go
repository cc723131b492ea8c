package usage

import (
	"context"
	"math"
	"sort"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// GiB is the unit of storage and egress prices.
const GiB = 1 << 30

// Line is one line of an invoice.
type Line struct {
	Item      string  `json:"item"`     // "storage THREECOPIES", "requests put", "egress"
	Quantity  float64 `json:"quantity"` // in Unit
	Unit      string  `json:"unit"`     // "GiB-month", "1000 requests", "GiB"
	UnitPrice float64 `json:"unit_price"`
	Amount    float64 `json:"amount"` // rounded to a millionth of the currency unit
}

// Invoice is an account's charges for one month.
type Invoice struct {
	Account  string  `json:"account"`
	Month    string  `json:"month"` // 2026-11
	Currency string  `json:"currency"`
	Hours    int     `json:"hours"` // hours in the month
	Lines    []Line  `json:"lines"`
	Total    float64 `json:"total"`
}

// ParseMonth reads "2026-11" as the first instant of that month, UTC.
func ParseMonth(s string) (time.Time, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return t, strata.Errorf("usage.ParseMonth", strata.Invalid, "month %q: want YYYY-MM", s)
	}
	return t, nil
}

// lookback is how far before a month stored samples are read, to know
// what was stored when the month began if its first hours have none.
const lookback = 7 * 24

// Invoices prices each account's usage in the month starting at month
// (only account's when it is not ""), as of now.
//
// A GiB-month is the average, over every hour of the month, of the raw
// GiB stored in the hourly samples. An hour with no sample at all (no
// gateway ran the sampler) takes the previous hour's samples; an hour
// with samples, but none for a bucket, counts that bucket as empty (it
// was deleted). Hours after now count as empty, so a month in progress
// is billed for what has passed.
func (s *Store) Invoices(ctx context.Context, sheet PriceSheet, month time.Time, account string, now time.Time) ([]Invoice, error) {
	start, end := HourOf(month), HourOf(month.AddDate(0, 1, 0))
	hours := int(end - start)
	byteHours, err := s.byteHours(ctx, start, end, min(end, HourOf(now)+1), account)
	if err != nil {
		return nil, err
	}
	ts, err := s.TrafficSamples(ctx, Query{From: start, To: end, Account: account})
	if err != nil {
		return nil, err
	}
	traffic := map[string]*Traffic{}
	for _, t := range ts {
		if traffic[t.Account] == nil {
			traffic[t.Account] = &Traffic{}
		}
		traffic[t.Account].Add(t.Traffic)
	}
	accounts := map[string]bool{}
	for a := range byteHours {
		accounts[a] = true
	}
	for a := range traffic {
		accounts[a] = true
	}
	var out []Invoice
	for a := range accounts {
		inv := Invoice{Account: a, Month: month.Format("2006-01"), Currency: sheet.Currency, Hours: hours}
		policies := make([]string, 0, len(byteHours[a]))
		for p := range byteHours[a] {
			policies = append(policies, p)
		}
		sort.Strings(policies)
		for _, p := range policies {
			price, _ := sheet.storagePrice(p)
			inv.add("storage "+p, byteHours[a][p]/float64(hours)/GiB, "GiB-month", price)
		}
		var t Traffic
		if traffic[a] != nil {
			t = *traffic[a]
		}
		for c := Class(0); c < NumClasses; c++ {
			inv.add("requests "+c.String(), float64(t.Requests(c))/1000, "1000 requests", sheet.requestPrice(c))
		}
		inv.add("egress", float64(t.BytesOut)/GiB, "GiB", sheet.EgressGiB)
		out = append(out, inv)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Account < out[j].Account })
	return out, nil
}

func (inv *Invoice) add(item string, qty float64, unit string, price float64) {
	amt := roundMicro(qty * price)
	inv.Lines = append(inv.Lines, Line{Item: item, Quantity: qty, Unit: unit, UnitPrice: price, Amount: amt})
	inv.Total = roundMicro(inv.Total + amt)
}

func roundMicro(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// byteHours sums, per account and storage policy, the raw bytes stored
// over the hours [start, until) (until <= end), following the rules of
// Invoices. All accounts' samples are read even for one account: an
// hour is "sampled" if any bucket has a sample in it.
func (s *Store) byteHours(ctx context.Context, start, end, until Hour, account string) (map[string]map[string]float64, error) {
	ss, err := s.StoredSamples(ctx, Query{From: start - lookback, To: end})
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]float64{}
	var current []StoredSample // the samples in force
	i := 0
	for h := start - lookback; h < until; h++ {
		if i < len(ss) && ss[i].Hour == h {
			current = current[:0:0]
			for ; i < len(ss) && ss[i].Hour == h; i++ {
				current = append(current, ss[i])
			}
		}
		if h < start {
			continue
		}
		for _, x := range current {
			if account != "" && x.Account != account {
				continue
			}
			if out[x.Account] == nil {
				out[x.Account] = map[string]float64{}
			}
			for p, n := range x.RawBytes {
				out[x.Account][p] += float64(n)
			}
		}
	}
	return out, nil
}
