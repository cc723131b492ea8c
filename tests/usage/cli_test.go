package usagetest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/usage"
)

// strata runs the CLI against endpoint with the test root keys.
func strata(t *testing.T, endpoint string, args ...string) string {
	t.Helper()
	cmd := exec.Command(testenv.Binary(t), args...)
	cmd.Env = append(os.Environ(), "STRATA_ENDPOINT="+endpoint,
		"STRATA_ACCESS_KEY="+testenv.AccessKey, "STRATA_SECRET_KEY="+testenv.SecretKey)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("strata %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

// TestUsageCLI checks `strata usage` (CSV, JSON, table) and `strata
// usage invoice` against a server after a known workload: the CLI shows
// what the clients did, and the invoice prices it.
func TestUsageCLI(t *testing.T) {
	start := time.Now()
	s := testenv.Start(t, testenv.Options{})
	ep := s.URL()
	w := &want{account: "root", t: &tally{}}
	createBucket(t, client(ep, testenv.AccessKey, testenv.SecretKey, w.t), w, "cli")
	wRoot := *w
	w = &want{account: "root", bucket: "cli", t: &tally{}}
	if err := workload(client(ep, testenv.AccessKey, testenv.SecretKey, w.t), w, 0, 8, 3); err != nil {
		t.Fatal(err)
	}
	rows(t, http.DefaultClient, testenv.AccessKey, testenv.SecretKey, []string{ep}, ep, start) // flushes
	if n, err := s.SampleUsage(ctx, false); err != nil || n != 1 {
		t.Fatalf("sampled %d, %v", n, err)
	}
	from := start.UTC().Format("2006-01-02T15")
	recs, err := csv.NewReader(strings.NewReader(strata(t, ep, "usage", "--from", from, "--format", "csv"))).ReadAll()
	if err != nil || len(recs) != 3 {
		t.Fatalf("csv: %v %q", err, recs)
	}
	tr := w.traffic()
	line := strings.Join(recs[2][:9], ",")
	stored := s.UsageStore()
	ss, _ := stored.StoredSamples(ctx, usage.Query{From: usage.HourOf(start), To: usage.HourOf(time.Now()) + 1, Bucket: "cli"})
	// One sample per hour: a run across an hour's turn also holds the
	// server's own sample of the hour before; the newest is the one taken
	// above, after the workload.
	if len(ss) == 0 || len(ss) > 2 {
		t.Fatalf("stored samples %+v", ss)
	}
	last := ss[len(ss)-1]
	want := strings.Join([]string{"root", "cli", i(tr.Put), i(tr.Get), i(tr.Delete), i(tr.BytesIn), i(tr.BytesOut),
		i(last.Objects), i(last.LogicalBytes)}, ",")
	if line != want {
		t.Errorf("csv row\n%s\nwant\n%s", line, want)
	}
	if recs[1][0] != "root" || recs[1][1] != "" || recs[1][2] != i(wRoot.put) {
		t.Errorf("account row %q", recs[1])
	}
	var rowsJSON []usage.Row
	if err := json.Unmarshal([]byte(strata(t, ep, "usage", "--from", from, "--bucket", "cli", "--json")), &rowsJSON); err != nil ||
		len(rowsJSON) != 1 || rowsJSON[0].Traffic != tr {
		t.Errorf("json: %v %+v, want %+v", err, rowsJSON, tr)
	}
	table := strata(t, ep, "usage", "--from", from)
	t.Logf("strata usage:\n%s", table)
	if !strings.Contains(table, "BYTES_OUT") || !strings.Contains(table, i(tr.BytesOut)) {
		t.Errorf("table:\n%s", table)
	}
	sheet := filepath.Join(t.TempDir(), "prices.yaml")
	os.WriteFile(sheet, []byte("currency: EUR\nstorage_gib_month: {\"*\": 0.02}\nrequests_per_1000: {put: 5, get: 0.4, delete: 0}\negress_gib: 90\n"), 0o644)
	month := start.UTC().Format("2006-01")
	recs, err = csv.NewReader(strings.NewReader(strata(t, ep, "usage", "invoice", "--month", month, "--prices", sheet, "--format", "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, r := range recs[1:] {
		got[r[2]] = r
	}
	puts := float64(tr.Put + wRoot.put)
	if r := got["requests put"]; r == nil || r[3] != num(puts/1000) || r[6] != num(puts/1000*5) {
		t.Errorf("put line %q, want quantity %v", r, puts/1000)
	}
	if r := got["egress"]; r == nil || r[3] != num(float64(tr.BytesOut)/usage.GiB) {
		t.Errorf("egress line %q", r)
	}
	if r := got["TOTAL"]; r == nil || r[7] != "EUR" {
		t.Errorf("total line %q", r)
	}
	t.Logf("strata usage invoice:\n%s", strata(t, ep, "usage", "invoice", "--month", month, "--prices", sheet))
}

func i(n int64) string { return strconv.FormatInt(n, 10) }

func num(v float64) string {
	return strconv.FormatFloat(float64(int64(v*1e6+0.5))/1e6, 'f', -1, 64)
}
