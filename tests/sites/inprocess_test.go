package sites

import (
	"crypto/md5"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// stretched starts an in-process cluster of 4 nodes over 2 sites (node1,
// node3 on site1; node2, node4 on site2; metadata members on node1-3, so
// site1 holds the etcd majority), each blob server behind a delay proxy
// that every other node dials.
func stretched(t testing.TB, minSites int, policy string) (*testenv.Cluster, []*delayProxy) {
	proxies := make([]*delayProxy, 4)
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 4, Policy: policy, Edit: func(i int, cfg *server.Config) {
		cfg.Site, cfg.MinSites = siteOf(i), minSites
		proxies[i] = newDelayProxy(t, cfg.BlobAddr)
		cfg.BlobAdvertise = proxies[i].Addr()
		// No background job reads chunks while the test counts bytes.
		cfg.ImproveEvery, cfg.ScrubInterval = 0, 0
	}})
	return c, proxies
}

// TestStretchedInProcess: with --min-sites 2 every write lands on both
// sites; a gateway reads its own site's copies and fragments only (no
// byte crosses sites); once site2 is gone, every acknowledged write still
// reads from site1 and a new write is refused with 503.
func TestStretchedInProcess(t *testing.T) {
	c, proxies := stretched(t, 2, "TWOCOPIES")
	s1, s2 := c.S3(0), c.S3(1) // gateways of site1 and site2
	mkBucket(t, s1, "stretch")
	want := map[string][md5.Size]byte{}
	for k := 0; k < 16; k++ {
		key, class := fmt.Sprint("copies/", k), ""
		if k%4 == 3 {
			key, class = fmt.Sprint("ec/", k), "EC2+2" // K fragments on each site
		}
		body := randomBytes(uint64(k), 300<<10+k*1000)
		if err := put(s1, "stretch", key, body, class); err != nil {
			t.Fatalf("put %s: %v", key, err)
		}
		want[key] = md5.Sum(body)
	}
	served := func() (site1, site2 int64) {
		for i, p := range proxies {
			if siteOf(i) == "site1" {
				site1 += p.Served()
			} else {
				site2 += p.Served()
			}
		}
		return
	}
	// quiet waits until no proxy has passed a byte for 200 ms (at most
	// 5 s), then starts the counts afresh: the end of a chunked response
	// (7 bytes, "\r\n0\r\n\r\n") can cross a proxy after the gateway
	// already had the bytes it asked for, and counted in the next read.
	quiet := func() {
		for end := time.Now().Add(5 * time.Second); time.Now().Before(end); {
			time.Sleep(200 * time.Millisecond)
			if a, b := served(); a+b == 0 {
				return
			}
		}
	}
	quiet()
	mustRead(t, s1, "stretch", want, "site1")
	if _, far := served(); far != 0 {
		t.Fatalf("site1's gateway read %d bytes from site2's blob servers", far)
	}
	quiet()
	mustRead(t, s2, "stretch", want, "site2")
	if far, _ := served(); far != 0 {
		t.Fatalf("site2's gateway read %d bytes from site1's blob servers", far)
	}

	// Site2 goes away (node2 is a metadata member: 2 of 3 remain).
	c.Stop(1)
	c.Stop(3)
	mustRead(t, s1, "stretch", want, "site1 with site2 gone")
	err := put(s1, "stretch", "refused", randomBytes(99, 200<<10), "")
	if status(err) != 503 {
		t.Fatalf("put with site2 gone: %v (status %d), want 503", err, status(err))
	}
	if _, err := s1.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("stretch"), Key: aws.String("refused")}); status(err) != 404 {
		t.Fatalf("refused write: head %v, want 404", err)
	}
	t.Logf("503 as expected: %v", err)
}
