package lifecycle

import "time"

// Expiry returns when a current version expires under the configuration,
// and the rule that expires it: the earliest of the enabled rules with
// Expiration Days or Date whose filter selects it. S3 reports it in the
// x-amz-expiration header of PUT, HEAD and GET, in S3 days whatever the
// server's lifecycle day.
func (c Config) Expiry(v Version) (at time.Time, ruleID string, ok bool) {
	var clk Clock
	for _, r := range c.Rules {
		e := r.Expiration
		if !r.Enabled || e == nil || (e.Days == 0 && e.Date.IsZero()) || !r.Filter.Match(v.Key, v.Tags, v.Size) {
			continue
		}
		t := e.Date
		if t.IsZero() {
			t = clk.Due(v.Created, e.Days)
		}
		if !ok || t.Before(at) {
			at, ruleID, ok = t, r.ID, true
		}
	}
	return at, ruleID, ok
}
