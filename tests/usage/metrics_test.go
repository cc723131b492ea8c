package usagetest

import (
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestUsageMetrics checks the gateway's Prometheus counters grow by the
// workload's requests per class and bytes per direction, and carry no
// account or bucket label.
func TestUsageMetrics(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	ep := s.URL()
	before := testenv.ReadMetrics(t, ep)
	w := &want{account: "root", t: &tally{}}
	createBucket(t, client(ep, testenv.AccessKey, testenv.SecretKey, w.t), w, "metered")
	w.bucket = "metered"
	if err := workload(client(ep, testenv.AccessKey, testenv.SecretKey, w.t), w, 0, 10, 1); err != nil {
		t.Fatal(err)
	}
	after := testenv.ReadMetrics(t, ep)
	tr := w.traffic()
	for series, delta := range map[string]int64{
		`strata_usage_requests_total{class="put"}`:    tr.Put,
		`strata_usage_requests_total{class="get"}`:    tr.Get,
		`strata_usage_requests_total{class="delete"}`: tr.Delete,
		`strata_usage_bytes_total{direction="in"}`:    tr.BytesIn,
		`strata_usage_bytes_total{direction="out"}`:   tr.BytesOut,
	} {
		if got := after[series] - before[series]; got != float64(delta) {
			t.Errorf("%s grew by %v, want %d", series, got, delta)
		}
	}
	for series := range after {
		if strings.HasPrefix(series, "strata_usage_") && strings.Contains(series, "account=") || strings.Contains(series, "bucket=") {
			t.Errorf("unbounded label in %s", series)
		}
	}
}
