package sites

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/strata"
)

// BenchmarkSitesPutLatency measures PUT latency of 1 MiB objects through
// site1's gateway against the one-way delay D between the sites (a delay
// proxy in front of site2's blob servers; the metadata members are not
// delayed), for three placements of TWOCOPIES:
//
//	site1-only   min-sites 1, site2's volumes drained: both copies on site1
//	min-sites=1  the conscience's spread: one copy per site, acknowledged
//	             when both are stored (a write waits for all its copies)
//	min-sites=2  the same placement, acknowledged only with a copy on
//	             each site
//
// It reports p50 and p99 in milliseconds; run it with
//
//	go test -run '^$' -bench BenchmarkSitesPutLatency -benchtime 60x ./tests/sites/
func BenchmarkSitesPutLatency(b *testing.B) {
	body := randomBytes(1, 1<<20)
	for _, minSites := range []int{1, 2} {
		c, proxies := stretched(b, minSites, "TWOCOPIES")
		s1 := c.S3(0)
		bucket := fmt.Sprint("lat", minSites)
		mkBucket(b, s1, bucket)
		modes := []string{fmt.Sprint("min-sites=", minSites)}
		if minSites == 1 {
			modes = append([]string{"site1-only"}, modes...)
		}
		for _, mode := range modes {
			drainSite2(b, c.Node(0).Conscience(), mode == "site1-only")
			for _, d := range []time.Duration{0, 5 * time.Millisecond, 20 * time.Millisecond} {
				for i, p := range proxies {
					if siteOf(i) == "site2" {
						p.SetDelay(d)
					}
				}
				b.Run(fmt.Sprintf("%s/delay=%dms", mode, d.Milliseconds()), func(b *testing.B) {
					// New keys: an overwrite also deletes the old copies
					// before it answers, one more round trip to site2.
					prefix := fmt.Sprintf("%s/%d/", b.Name(), b.N)
					lat := make([]time.Duration, 0, b.N)
					b.SetBytes(int64(len(body)))
					for i := 0; i < b.N; i++ {
						start := time.Now()
						if err := put(s1, bucket, fmt.Sprint(prefix, i), body, ""); err != nil {
							b.Fatal(err)
						}
						lat = append(lat, time.Since(start))
					}
					slices.Sort(lat)
					b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
					b.ReportMetric(ms(lat[(len(lat)*99+99)/100-1]), "p99-ms")
				})
			}
		}
		c.StopAll()
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// drainSite2 locks site2's blob services to score 0 (or unlocks them)
// and waits until the node's conscience applies it.
func drainSite2(b *testing.B, reg conscience.Registry, drain bool) {
	b.Helper()
	svcs, err := reg.Services(ctx, strata.ServiceBlob)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range svcs {
		if s.Location.Parts()[0] != "site2" {
			continue
		}
		if drain {
			err = reg.Lock(ctx, s.ID, 0)
		} else {
			err = reg.Unlock(ctx, s.ID)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	waitFor(b, "site2 drained or back", func() bool {
		svcs, _ := reg.Services(ctx, strata.ServiceBlob)
		for _, s := range svcs {
			if s.Location.Parts()[0] == "site2" && (s.Score == 0) != drain {
				return false
			}
		}
		return true
	})
}
