package classestest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// TestPoolsPlacementAndRewrite: objects of a class land only on its
// pool's volumes; Rewrite moves a version to another class and pool and
// keeps its version id, ETag, metadata and Modified, and GET returns the
// same bytes; a class whose pool has no volume refuses writes clearly.
func TestPoolsPlacementAndRewrite(t *testing.T) {
	p := startPooled(t, map[string]int{"ssd": 2, "hdd": 3})
	p.setClass(t, object.StorageClass{Name: "STANDARD", Pool: "ssd", Policy: "TWOCOPIES"})
	p.setClass(t, object.StorageClass{Name: "STANDARD_IA", Pool: "hdd", Policy: "EC2+1", SmallPolicy: "THREECOPIES", ECMinSize: 1 << 20})
	p.setClass(t, object.StorageClass{Name: "GLACIER", Pool: "archive", Policy: "EC2+1"})
	p.bucket(t, "b", object.VersioningEnabled)

	big := body(3<<20, 1)
	std := p.put(t, "b", "std", "", big)
	if got := p.chunks(); got["hdd"] != 0 || got["ssd"] != 2 || std.Policy != "TWOCOPIES" {
		t.Fatalf("STANDARD object: chunks by pool %v, policy %s; want 2 on ssd under TWOCOPIES", got, std.Policy)
	}
	ia := p.put(t, "b", "ia", "STANDARD_IA", big)
	small := p.put(t, "b", "ia-small", "standard_ia", body(200<<10, 2))
	if got := p.chunks(); got["ssd"] != 2 || got["hdd"] != 3+3 || ia.Policy != "EC2+1" || small.Policy != "THREECOPIES" {
		t.Fatalf("STANDARD_IA objects: chunks by pool %v, policies %s and %s; want 6 on hdd, EC2+1 and THREECOPIES",
			got, ia.Policy, small.Policy)
	}

	// Rewrite STANDARD -> STANDARD_IA: the data moves to hdd.
	if err := p.Objects.Rewrite(ctx, "b", "std", std.VersionID, "STANDARD_IA"); err != nil {
		t.Fatal(err)
	}
	info, got := p.get(t, "b", "std", "")
	if !bytes.Equal(got, big) {
		t.Fatal("rewritten object reads other bytes")
	}
	if info.VersionID != std.VersionID || info.ETag != std.ETag || info.UserMeta["k"] != "v" ||
		!info.Modified.Equal(std.Modified) || info.StorageClass != "STANDARD_IA" || info.Policy != "EC2+1" {
		t.Fatalf("after Rewrite: %+v\nbefore: %+v", info, std)
	}
	if got := p.chunks(); got["ssd"] != 0 || got["hdd"] != 9 {
		t.Fatalf("after Rewrite to STANDARD_IA: chunks by pool %v, want 0 on ssd (freed) and 9 on hdd", got)
	}
	// And back, by an explicit version id, with "STANDARD".
	if err := p.Objects.Rewrite(ctx, "b", "ia", ia.VersionID, "STANDARD"); err != nil {
		t.Fatal(err)
	}
	info, got = p.get(t, "b", "ia", ia.VersionID)
	if !bytes.Equal(got, big) || info.ETag != ia.ETag || info.StorageClass != "" || info.Policy != "TWOCOPIES" {
		t.Fatalf("after Rewrite to STANDARD: %+v", info)
	}
	if got := p.chunks(); got["ssd"] != 2 || got["hdd"] != 6 {
		t.Fatalf("after Rewrite to STANDARD: chunks by pool %v, want 2 on ssd and 6 on hdd", got)
	}

	// GLACIER's pool has no volume: a clear NoSpace error, for PUT and Rewrite.
	for _, err := range []error{
		putErr(p, "b", "g", "GLACIER", big),
		p.Objects.Rewrite(ctx, "b", "ia", "", "GLACIER"),
	} {
		if !strata.Is(err, strata.NoSpace) || !strings.Contains(err.Error(), "no volume in pool archive") {
			t.Fatalf("write to a pool without volumes: %v", err)
		}
	}
	// Small bodies stay inline whatever the class.
	tiny := p.put(t, "b", "tiny", "STANDARD_IA", []byte("hello"))
	if tiny.Policy != "INLINE" {
		t.Fatalf("a 5-byte object under STANDARD_IA: policy %s, want INLINE", tiny.Policy)
	}
	if err := p.Objects.Rewrite(ctx, "b", "tiny", "", "GLACIER"); err != nil {
		t.Fatalf("rewriting an inline object needs no volume: %v", err)
	}
	// GLACIER is an archive class: HEAD shows it, reads wait for a
	// restore (docs/ARCHIVE.md).
	if info, err := p.Objects.HeadObject(ctx, "b", "tiny", object.GetOptions{}); err != nil || info.StorageClass != "GLACIER" || info.Size != 5 {
		t.Fatalf("inline after Rewrite: %+v %v", info, err)
	}
	if _, _, err := p.Objects.GetObject(ctx, "b", "tiny", object.GetOptions{}); !strata.Is(err, strata.Permission) {
		t.Fatalf("read of an archived object: %v, want InvalidObjectState", err)
	}
}

func putErr(p *pooled, bucket, key, class string, b []byte) error {
	_, err := p.Objects.PutObject(ctx, bucket, key, bytes.NewReader(b), object.PutOptions{Size: int64(len(b)), StorageClass: class})
	return err
}
