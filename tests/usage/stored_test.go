package usagetest

import (
	"bytes"
	"math"
	"math/rand"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/usage"
)

// TestStoredSamplesFollowPolicies writes THREECOPIES and EC4+2 objects
// on a 6-volume server, takes the hourly stored samples, and checks raw
// bytes: THREECOPIES is 3 × logical; EC4+2 is 1.5 × logical in whole
// stripes (4 data + 2 parity units of 256 KiB), and a short last stripe
// is padded to a whole one. It then prices the month and checks the
// storage lines.
func TestStoredSamplesFollowPolicies(t *testing.T) {
	s := testenv.Start(t, testenv.Options{Volumes: 6})
	c := s.S3()
	const whole, tail = 2 << 20, 77
	for _, b := range []struct{ name, class string }{{"rep3", "THREECOPIES"}, {"ec42", "EC4+2"}} {
		if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b.name)}); err != nil {
			t.Fatal(err)
		}
		for i, n := range []int{whole, whole + tail} {
			data := make([]byte, n)
			rand.New(rand.NewSource(int64(i))).Read(data)
			if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b.name), Key: aws.String(key(i)),
				Body: bytes.NewReader(data), StorageClass: types.StorageClass(b.class)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	h := usage.HourOf(time.Now())
	if n, err := s.SampleUsage(ctx, false); err != nil || n != 2 {
		t.Fatalf("sampled %d buckets, %v; want 2", n, err)
	}
	// A second pass in the same hour keeps the first sample.
	if n, err := s.SampleUsage(ctx, false); err != nil || n != 0 {
		t.Fatalf("second pass sampled %d, %v", n, err)
	}
	ss, err := s.UsageStore().StoredSamples(ctx, usage.Query{From: h, To: h + 2})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]usage.Stored{}
	for _, x := range ss {
		got[x.Bucket] = x.Stored
	}
	logical := int64(2*whole + tail)
	rep, ec := got["rep3"], got["ec42"]
	t.Logf("rep %+v\nec  %+v", rep, ec)
	if rep.Objects != 2 || rep.LogicalBytes != logical || rep.RawBytes["THREECOPIES"] != 3*logical || len(rep.RawBytes) != 1 {
		t.Errorf("THREECOPIES bucket: %+v, want raw 3 × %d", rep, logical)
	}
	// The 2 MiB object is two stripes of 4 × 256 KiB: 1.5 × exactly. The
	// 2 MiB + 77 B one needs a third stripe, all padding but 77 bytes:
	// 6 × 256 KiB more (the unit is 256 KiB in a metachunk over 1 MiB).
	stripe := int64(6 * 256 << 10)
	if want := 2*(3*whole/2) + stripe; ec.Objects != 2 || ec.LogicalBytes != logical || ec.RawBytes["EC4+2"] != want || len(ec.RawBytes) != 1 {
		t.Errorf("EC4+2 bucket: %+v, want raw %d", ec, want)
	}
	t.Logf("EC4+2: raw/logical %.4f: 1.5 × %d + one padded stripe of %d bytes for the %d-byte tail",
		float64(ec.RawBytes["EC4+2"])/float64(logical), 2*whole, stripe, tail)
	// Priced as of this hour: one sampled hour of the month's.
	month := time.Date(h.Time().Year(), h.Time().Month(), 1, 0, 0, 0, 0, time.UTC)
	sheet, err := usage.ParsePriceSheet([]byte("currency: EUR\nstorage_gib_month: {THREECOPIES: 0.03, EC4+2: 0.02}\n"))
	if err != nil {
		t.Fatal(err)
	}
	invs, err := s.UsageStore().Invoices(ctx, sheet, month, "root", h.Time())
	if err != nil || len(invs) != 1 {
		t.Fatalf("invoices %+v, %v", invs, err)
	}
	hours := float64(invs[0].Hours)
	for _, l := range invs[0].Lines {
		var raw int64
		switch l.Item {
		case "storage THREECOPIES":
			raw = rep.RawBytes["THREECOPIES"]
		case "storage EC4+2":
			raw = ec.RawBytes["EC4+2"]
		default:
			continue
		}
		if want := float64(raw) / usage.GiB / hours; math.Abs(l.Quantity-want) > 1e-12 {
			t.Errorf("%s: %v GiB-month, want %v", l.Item, l.Quantity, want)
		}
	}
}
