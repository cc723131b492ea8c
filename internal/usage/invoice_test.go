package usage

import (
	"math"
	"testing"
	"time"
)

const sheetYAML = `
currency: EUR
storage_gib_month:
  THREECOPIES: 0.03
  "*": 0.01
requests_per_1000:
  put: 0.005
  get: 0.0004
  delete: 0
egress_gib: 0.05
`

func TestParsePriceSheet(t *testing.T) {
	p, err := ParsePriceSheet([]byte(sheetYAML))
	if err != nil {
		t.Fatal(err)
	}
	if p.Currency != "EUR" || p.StorageGiBMonth["THREECOPIES"] != 0.03 || p.requestPrice(ClassGet) != 0.0004 || p.EgressGiB != 0.05 {
		t.Fatalf("parsed %+v", p)
	}
	j, err := ParsePriceSheet([]byte(`{"currency":"EUR","egress_gib":0.05,"requests_per_1000":{"put":1}}`))
	if err != nil || j.requestPrice(ClassPut) != 1 {
		t.Fatalf("json: %+v %v", j, err)
	}
	for _, bad := range []string{`egress_gib: -1`, `requests_per_1000: {post: 1}`, `storage: 1`, `egress_gib: .nan`} {
		if _, err := ParsePriceSheet([]byte(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestInvoice builds a month of samples by hand and checks each line:
// storage as the average over the month's hours (720 in November), with
// the gap rules; requests per 1,000; egress per GiB.
func TestInvoice(t *testing.T) {
	eng := openEngine(t)
	m := openMeter(t, t.TempDir(), eng)
	s := m.Store()
	nov, _ := ParseMonth("2026-11")
	start := HourOf(nov)
	put := func(h Hour, acct, bucket string, raw map[string]int64) {
		if _, err := s.putStored(ctx, h, acct, bucket, Stored{Objects: 1, RawBytes: raw}, false); err != nil {
			t.Fatal(err)
		}
	}
	// Before the month: 3 GiB THREECOPIES in a/b1; it carries into the
	// month's first hours, which have no sample.
	put(start-2, "a", "b1", map[string]int64{"THREECOPIES": 3 * GiB})
	// From hour 10: a/b1 holds 6 GiB, and a/b2 1.5 GiB EC4+2, until hour 360.
	for h := start + 10; h < start+360; h++ {
		put(h, "a", "b1", map[string]int64{"THREECOPIES": 6 * GiB})
		put(h, "a", "b2", map[string]int64{"EC4+2": 3 * GiB / 2})
	}
	// From hour 360 only account c has samples: a's buckets are gone.
	for h := start + 360; h < start+720; h++ {
		put(h, "c", "x", map[string]int64{"THREECOPIES": 0})
	}
	for i := 0; i < 2500; i++ {
		m.Count(Request{Time: nov.Add(time.Hour), Account: "a", Bucket: "b1", Operation: "s3:PutObject"})
	}
	for i := 0; i < 10000; i++ {
		m.Count(Request{Time: nov.Add(2 * time.Hour), Account: "a", Bucket: "b2", Operation: "s3:GetObject", BytesOut: GiB / 1000})
	}
	m.Count(Request{Time: nov.AddDate(0, 1, 0), Account: "a", Bucket: "b2", Operation: "s3:GetObject", BytesOut: GiB}) // December
	if err := m.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	sheet, _ := ParsePriceSheet([]byte(sheetYAML))
	invs, err := s.Invoices(ctx, sheet, nov, "a", nov.AddDate(0, 2, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(invs) != 1 || invs[0].Account != "a" || invs[0].Hours != 720 {
		t.Fatalf("invoices %+v", invs)
	}
	want := map[string][2]float64{ // item -> quantity, amount
		"storage THREECOPIES": {(10*3 + 350*6) / 720.0, 0},
		"storage EC4+2":       {350 * 1.5 / 720, 0},
		"requests put":        {2.5, 2.5 * 0.005},
		"requests get":        {10, 10 * 0.0004},
		"requests delete":     {0, 0},
		"egress":              {10000 * float64(GiB/1000) / GiB, 0},
	}
	sum := 0.0
	for _, l := range invs[0].Lines {
		w, ok := want[l.Item]
		if !ok {
			t.Errorf("unexpected line %+v", l)
			continue
		}
		delete(want, l.Item)
		if math.Abs(l.Quantity-w[0]) > 1e-9 {
			t.Errorf("%s: quantity %v, want %v", l.Item, l.Quantity, w[0])
		}
		price := map[string]float64{"storage THREECOPIES": 0.03, "storage EC4+2": 0.01, "egress": 0.05}[l.Item]
		if price != 0 && l.UnitPrice != price {
			t.Errorf("%s: unit price %v, want %v", l.Item, l.UnitPrice, price)
		}
		if math.Abs(l.Amount-roundMicro(l.Quantity*l.UnitPrice)) > 1e-12 {
			t.Errorf("%s: amount %v", l.Item, l.Amount)
		}
		sum += l.Amount
	}
	if len(want) != 0 {
		t.Errorf("missing lines %v", want)
	}
	if math.Abs(invs[0].Total-sum) > 1e-9 {
		t.Errorf("total %v, lines sum %v", invs[0].Total, sum)
	}
	m.Close(ctx)
}
