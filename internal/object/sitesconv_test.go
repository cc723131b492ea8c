package object

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/strata-storage/strata/internal/protect"
	"github.com/strata-storage/strata/internal/strata"
)

// siteDown removes a site's volumes from the conscience and makes their
// stores unreachable, as a site that went away would be; the returned
// func brings them back.
func (e *siteEnv) siteDown(t *testing.T, site string) (back func()) {
	t.Helper()
	svcs, _ := e.reg.Services(ctx, strata.ServiceBlob)
	var gone []strata.Service
	for _, svc := range svcs {
		if e.siteOf[svc.ID] == site {
			gone = append(gone, svc)
			e.reg.Forget(svc.ID)
			delete(e.vols.stores, svc.ID)
		}
	}
	if len(gone) == 0 {
		t.Fatalf("no volume on %s", site)
	}
	return func() {
		for _, svc := range gone {
			e.vols.stores[svc.ID] = e.stores[svc.ID]
			svc.Stats = strata.Stats{CPUIdle: 100, IOIdle: 100, SpaceFree: 100}
			if err := e.reg.Register(ctx, svc); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func (e *siteEnv) chunksOn(t *testing.T, site string) int64 {
	t.Helper()
	var n int64
	for id, st := range e.stores {
		if e.siteOf[id] == site {
			u, err := st.Usage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			n += u.Chunks
		}
	}
	return n
}

func readKey(e *siteEnv, key string) ([]byte, error) {
	_, rc, err := e.svc.GetObject(context.Background(), "b", key, GetOptions{})
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// TestSitesConvergeAfterSiteReturns: a rebuild while site2 is down puts
// every copy on site1 and queues the versions; the improver keeps them
// queued while site2 is away and, once it is back, moves a readable copy
// (a full copy; K fragments for EC) onto site2, deleting the surplus on
// site1 after the commit.
func TestSitesConvergeAfterSiteReturns(t *testing.T) {
	e := newSiteEnv(t, []string{"site1", "site1", "site2", "site2"}, "TWOCOPIES", 2)
	bodies := map[string][]byte{}
	classes := map[string]string{"copies": "", "ec": "EC2+2"}
	for key, class := range classes {
		bodies[key] = data(1<<20+7, int64(len(key))) // two metachunks
		if _, err := e.svc.PutObject(ctx, "b", key, bytes.NewReader(bodies[key]), PutOptions{Size: int64(len(bodies[key])), StorageClass: class}); err != nil {
			t.Fatal(err)
		}
	}
	width := map[string]int{"copies": 2, "ec": 4}
	need := map[string]int{"copies": 1, "ec": 2}
	frags := func(key string) []map[string]int {
		t.Helper()
		got := e.fragmentsPerSite(t, key)
		for _, per := range got {
			if per["site1"]+per["site2"] != width[key] {
				t.Fatalf("%s: fragments per site %v, want %d in all", key, per, width[key])
			}
		}
		return got
	}

	back := e.siteDown(t, "site2")
	rep, err := e.svc.Rebuild(ctx, RebuildOptions{})
	if err != nil || rep.Rebuilt != 2*1+2*2 {
		t.Fatalf("rebuild with site2 down: %+v %v, want 6 fragments rebuilt", rep, err)
	}
	for key := range classes {
		for _, per := range frags(key) {
			if per["site2"] != 0 {
				t.Fatalf("%s after the rebuild: %v, want every fragment on site1", key, per)
			}
		}
	}
	irep, err := e.svc.Improve(ctx)
	if err != nil || irep.Queued != 2 || irep.Waiting != 2 || irep.Moved != 0 {
		t.Fatalf("improve with site2 down: %+v %v, want both versions queued and waiting", irep, err)
	}

	back()
	irep, err = e.svc.Improve(ctx)
	if err != nil || irep.Improved != 2 || irep.Waiting != 0 {
		t.Fatalf("improve with site2 back: %+v %v, want both versions improved", irep, err)
	}
	for key := range classes {
		for _, per := range frags(key) {
			if per["site1"] < need[key] || per["site2"] < need[key] {
				t.Fatalf("%s after the improver: fragments per site %v, want %d on each", key, per, need[key])
			}
		}
		if got, err := readKey(e, key); err != nil || !bytes.Equal(got, bodies[key]) {
			t.Fatalf("read %s after the improver: %v", key, err)
		}
	}
	// The surplus on site1 is deleted once the new map is committed:
	// TWOCOPIES keeps 1 copy of each of its 2 metachunks, EC2+2 2.
	if n := e.chunksOn(t, "site1"); n != 2*1+2*2 {
		t.Fatalf("site1 keeps %d chunks after the improver, want 6", n)
	}
	if again, err := e.svc.Improve(ctx); err != nil || again.Queued != 0 {
		t.Fatalf("queue after convergence: %+v %v", again, err)
	}
}

// TestPickDonors: donors come from no site first, then the surplus of
// sites with more than they need, never from the target nor below need.
func TestPickDonors(t *testing.T) {
	site := map[string]string{"a": "site1", "b": "site1", "c": "site1", "d": "", "e": "site2"}
	var frags []protect.Fragment
	for i, svc := range []string{"a", "b", "c", "d", "e"} {
		frags = append(frags, protect.Fragment{Index: i, Service: svc, Chunk: strata.ChunkID(fmt.Sprint("c", i))})
	}
	siteOf := func(f protect.Fragment) string { return site[f.Service] }
	count := map[string]int{"site1": 3, "": 1, "site2": 1}
	got := pickDonors(frags, siteOf, count, 2, "site3", map[string]bool{}, 2)
	if len(got) != 2 || got[0].Service != "d" || siteOf(got[1]) != "site1" {
		t.Fatalf("donors %v, want d then one of site1's surplus", got)
	}
	// site1 has one spare, site2 is below need: may give its fragment.
	got = pickDonors(frags, siteOf, count, 2, "site3", map[string]bool{"c3": true}, 3)
	if len(got) != 2 || siteOf(got[0]) != "site1" || got[1].Service != "e" {
		t.Fatalf("donors %v, want one of site1 and e", got)
	}
}

// TestSitesRebuildQueuesUnchanged: a version written on one site (the
// gateway ran with MinSites 1 while site2 was down) is not queued by its
// write; a rebuild under MinSites 2 changes nothing in it but queues it,
// and the improver then puts a copy on site2.
func TestSitesRebuildQueuesUnchanged(t *testing.T) {
	e := newSiteEnv(t, []string{"site1", "site1", "site2", "site2"}, "TWOCOPIES", 2)
	back := e.siteDown(t, "site2")
	e.svc.cfg.MinSites = 1
	body := data(300<<10, 9)
	if _, err := e.svc.PutObject(ctx, "b", "k", bytes.NewReader(body), PutOptions{Size: int64(len(body))}); err != nil {
		t.Fatal(err)
	}
	back()
	e.svc.cfg.MinSites = 2
	if rep, err := e.svc.Improve(ctx); err != nil || rep.Queued != 0 {
		t.Fatalf("improve before the rebuild: %+v %v, want an empty queue", rep, err)
	}
	if rep, err := e.svc.Rebuild(ctx, RebuildOptions{}); err != nil || rep.Rebuilt != 0 {
		t.Fatalf("rebuild: %+v %v, want nothing rebuilt", rep, err)
	}
	rep, err := e.svc.Improve(ctx)
	if err != nil || rep.Queued != 1 || rep.Improved != 1 || rep.Moved != 1 {
		t.Fatalf("improve after the rebuild: %+v %v, want 1 version improved, 1 copy moved", rep, err)
	}
	for _, per := range e.fragmentsPerSite(t, "k") {
		if per["site1"] != 1 || per["site2"] != 1 {
			t.Fatalf("after the improver: %v, want one copy on each site", per)
		}
	}
	if got, err := e.read(); err != nil || !bytes.Equal(got, body) {
		t.Fatalf("read after improve: %v", err)
	}
}
