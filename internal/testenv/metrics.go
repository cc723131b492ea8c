package testenv

import (
	"bufio"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// Metrics is one reading of a server's Prometheus endpoint: each sample by
// its series, "name{labels}" as the text format writes it ("name" alone
// when it has no labels).
type Metrics map[string]float64

// ReadMetrics reads endpoint's /_strata/metrics, failing t if it cannot.
func ReadMetrics(t testing.TB, endpoint string) Metrics {
	t.Helper()
	resp, err := http.Get(endpoint + "/_strata/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s/_strata/metrics: %s", endpoint, resp.Status)
	}
	m := Metrics{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		// The value follows the last space (the Go client writes no
		// timestamps, and a label value's spaces come before it).
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if i < 0 || err != nil {
			t.Fatalf("metric line %q: %v", line, err)
		}
		m[line[:i]] = v
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// Sum adds the samples of the metric family name over all its label sets,
// and says whether it has any.
func (m Metrics) Sum(name string) (total float64, found bool) {
	for series, v := range m {
		if family(series) == name {
			total, found = total+v, true
		}
	}
	return total, found
}

// By returns the samples of the metric family name by the value of one of
// their labels, e.g. By("strata_fs_requests_total", "operation").
func (m Metrics) By(name, label string) map[string]float64 {
	out := map[string]float64{}
	for series, v := range m {
		if family(series) != name {
			continue
		}
		if value, ok := labelValue(series, label); ok {
			out[value] += v
		}
	}
	return out
}

func family(series string) string {
	name, _, _ := strings.Cut(series, "{")
	return name
}

// labelValue finds label="value" among a series' labels, undoing the text
// format's escapes.
func labelValue(series, label string) (string, bool) {
	_, labels, ok := strings.Cut(series, "{")
	for ok && labels != "" {
		var name string
		name, labels, ok = strings.Cut(labels, `="`)
		if !ok {
			break
		}
		var value strings.Builder
		i := 0
		for ; i < len(labels) && labels[i] != '"'; i++ {
			if labels[i] == '\\' && i+1 < len(labels) {
				i++
				if labels[i] == 'n' {
					value.WriteByte('\n')
					continue
				}
			}
			value.WriteByte(labels[i])
		}
		if name == label {
			return value.String(), true
		}
		labels = strings.TrimPrefix(labels[min(i+1, len(labels)):], ",")
	}
	return "", false
}
