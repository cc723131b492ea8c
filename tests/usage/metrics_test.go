package usagetest

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/testenv"
)

// metrics reads the strata_usage_* samples of the server's Prometheus
// endpoint, by series ("name{labels}").
func metrics(t *testing.T, endpoint string) map[string]float64 {
	t.Helper()
	resp, err := http.Get(endpoint + "/_strata/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	out := map[string]float64{}
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(l, "strata_usage_") {
			continue
		}
		i := strings.LastIndexByte(l, ' ')
		v, err := strconv.ParseFloat(l[i+1:], 64)
		if err == nil {
			out[l[:i]] = v
		}
	}
	return out
}

// TestUsageMetrics checks the gateway's Prometheus counters grow by the
// workload's requests per class and bytes per direction, and carry no
// account or bucket label.
func TestUsageMetrics(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	ep := s.URL()
	before := metrics(t, ep)
	w := &want{account: "root", t: &tally{}}
	createBucket(t, client(ep, testenv.AccessKey, testenv.SecretKey, w.t), w, "metered")
	w.bucket = "metered"
	if err := workload(client(ep, testenv.AccessKey, testenv.SecretKey, w.t), w, 0, 10, 1); err != nil {
		t.Fatal(err)
	}
	after := metrics(t, ep)
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
		if strings.Contains(series, "account=") || strings.Contains(series, "bucket=") {
			t.Errorf("unbounded label in %s", series)
		}
	}
}
