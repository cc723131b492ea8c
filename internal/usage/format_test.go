package usage

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

func TestWriteRows(t *testing.T) {
	rows := []Row{
		{Account: "acme", Bucket: "logs", Traffic: Traffic{Put: 3, Get: 10, BytesIn: 300, BytesOut: 12345},
			Stored: Stored{Objects: 3, LogicalBytes: 300, RawBytes: map[string]int64{"THREECOPIES": 900}}},
		{Account: "acme", Bucket: "media, raw", Stored: Stored{Objects: 1, LogicalBytes: 4 << 20, RawBytes: map[string]int64{"EC4+2": 6 << 20}}},
	}
	var b bytes.Buffer
	if err := WriteRows(&b, rows, FormatCSV); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"ACCOUNT", "BUCKET", "PUT", "GET", "DELETE", "BYTES_IN", "BYTES_OUT", "OBJECTS", "LOGICAL_BYTES", "RAW_EC4+2", "RAW_THREECOPIES"},
		{"acme", "logs", "3", "10", "0", "300", "12345", "3", "300", "0", "900"},
		{"acme", "media, raw", "0", "0", "0", "0", "0", "1", "4194304", "6291456", "0"},
	}
	if len(recs) != len(want) {
		t.Fatalf("csv %q", recs)
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("line %d: %q, want %q", i, recs[i], want[i])
		}
	}
	b.Reset()
	WriteRows(&b, rows, FormatTable)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 3 || strings.Index(lines[0], "BYTES_OUT") != strings.Index(lines[1], "12345") {
		t.Errorf("table not aligned:\n%s", b.String())
	}
	b.Reset()
	WriteRows(&b, rows, FormatJSON)
	var back []Row
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back) != 2 || back[1].Stored.RawBytes["EC4+2"] != 6<<20 {
		t.Errorf("json %v: %s", err, b.String())
	}
	if err := WriteRows(&b, rows, "xml"); err == nil {
		t.Error("xml accepted")
	}
}

func TestWriteInvoices(t *testing.T) {
	inv := Invoice{Account: "acme", Month: "2026-11", Currency: "EUR", Hours: 720}
	inv.add("storage THREECOPIES", 1.5, "GiB-month", 0.03)
	inv.add("requests get", 12.345, "1000 requests", 0.0004)
	var b bytes.Buffer
	if err := WriteInvoices(&b, []Invoice{inv}, FormatCSV); err != nil {
		t.Fatal(err)
	}
	recs, _ := csv.NewReader(&b).ReadAll()
	if len(recs) != 4 || strings.Join(recs[1], "|") != "acme|2026-11|storage THREECOPIES|1.5|GiB-month|0.03|0.045|EUR" ||
		strings.Join(recs[3], "|") != "acme|2026-11|TOTAL||||0.049938|EUR" {
		t.Fatalf("csv %q", recs)
	}
}
