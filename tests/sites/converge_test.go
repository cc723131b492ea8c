package sites

import (
	"crypto/md5"
	"fmt"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/object"
)

// TestStretchedConvergeAfterSiteReturns: with site2 stopped, a rebuild
// on site1 recreates site2's copies and fragments on site1 (the only
// place it can); once site2 is back, one improver pass puts a readable
// copy on site2 again (one full copy; 2 fragments of EC2+2) and every
// object reads back bytes-equal from the gateways of both sites.
func TestStretchedConvergeAfterSiteReturns(t *testing.T) {
	c, _ := stretched(t, 2, "TWOCOPIES")
	s1 := c.S3(0)
	mkBucket(t, s1, "conv")
	want := map[string][md5.Size]byte{}
	for k := 0; k < 8; k++ {
		key, class := fmt.Sprint("copies/", k), ""
		if k%2 == 1 {
			key, class = fmt.Sprint("ec/", k), "EC2+2"
		}
		body := randomBytes(uint64(100+k), 200<<10+k*777)
		if err := put(s1, "conv", key, body, class); err != nil {
			t.Fatalf("put %s: %v", key, err)
		}
		want[key] = md5.Sum(body)
	}
	shape := func(key string) (width, need int) {
		if strings.HasPrefix(key, "ec/") {
			return 4, 2
		}
		return 2, 1
	}
	sitesOf := func(key string) []map[string]int {
		t.Helper()
		per, err := c.Node(0).Objects.FragmentSites(ctx, "conv", key)
		if err != nil || len(per) == 0 {
			t.Fatalf("fragment sites of %s: %v %v", key, per, err)
		}
		return per
	}

	c.Stop(1)
	c.Stop(3)
	rep, err := c.Node(0).Objects.Rebuild(ctx, object.RebuildOptions{})
	if err != nil || rep.Unrecoverable != 0 || rep.Rebuilt == 0 {
		t.Fatalf("rebuild with site2 stopped: %+v %v", rep, err)
	}
	for key := range want {
		width, _ := shape(key)
		for _, per := range sitesOf(key) {
			if per["site1"] != width {
				t.Fatalf("%s after the rebuild with site2 stopped: fragments per site %v, want all %d on site1", key, per, width)
			}
		}
	}
	mustRead(t, s1, "conv", want, "site1 after the rebuild")

	c.Restart(1)
	c.Restart(3)
	c.WaitReady(t)
	irep, err := c.Node(0).Objects.Improve(ctx)
	if err != nil || irep.Queued != int64(len(want)) || irep.Improved != int64(len(want)) || irep.Waiting != 0 {
		t.Fatalf("improve with site2 back: %+v %v, want %d versions queued and improved", irep, err, len(want))
	}
	t.Logf("improver: %+v", irep)
	for key := range want {
		width, need := shape(key)
		for _, per := range sitesOf(key) {
			if per["site1"] < need || per["site2"] < need || per["site1"]+per["site2"] != width {
				t.Fatalf("%s after the improver: fragments per site %v, want %d of %d on each site", key, per, need, width)
			}
		}
	}
	mustRead(t, s1, "conv", want, "site1 after the improver")
	mustRead(t, c.S3(1), "conv", want, "site2 after the improver")
	if again, err := c.Node(2).Objects.Improve(ctx); err != nil || again.Queued != 0 {
		t.Fatalf("queue after convergence: %+v %v", again, err)
	}
}
