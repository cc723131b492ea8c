package object

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/directory"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/protect"
	"github.com/strata-storage/strata/internal/strata"
)

// siteStore wraps a disk volume: it counts opens and can refuse puts, as
// a blob server of a site cut off mid-write would.
type siteStore struct {
	blob.Store
	mu       sync.Mutex
	opens    int
	failPuts bool
}

func (s *siteStore) Put(ctx context.Context, id strata.ChunkID, ref blob.BackRef, r io.Reader) (blob.ChunkInfo, error) {
	s.mu.Lock()
	fail := s.failPuts
	s.mu.Unlock()
	if fail {
		io.Copy(io.Discard, r)
		return blob.ChunkInfo{}, strata.Errorf("test.Put", strata.Unavailable, "site unreachable")
	}
	return s.Store.Put(ctx, id, ref, r)
}

func (s *siteStore) Open(ctx context.Context, id strata.ChunkID, off, length int64) (io.ReadCloser, error) {
	s.mu.Lock()
	s.opens++
	s.mu.Unlock()
	return s.Store.Open(ctx, id, off, length)
}

type siteEnv struct {
	svc    *Service
	reg    *conscience.Local
	vols   *volumes
	dir    string
	stores map[string]*siteStore
	siteOf map[string]string
}

// addVolume adds a disk volume on site and host.
func (e *siteEnv) addVolume(t *testing.T, id, site, host string) {
	t.Helper()
	d, err := blob.OpenDisk(filepath.Join(e.dir, id), blob.DiskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	st := &siteStore{Store: d}
	e.stores[id], e.siteOf[id] = st, site
	e.vols.dirs[id], e.vols.stores[id] = filepath.Join(e.dir, id), st
	e.reg.Register(ctx, strata.Service{ID: id, Type: strata.ServiceBlob, Location: strata.Location(fmt.Sprintf("%s.r.%s.%s", site, host, id)),
		Stats: strata.Stats{CPUIdle: 100, IOIdle: 100, SpaceFree: 100}})
}

// newSiteEnv builds an object service over one disk volume per entry of
// sites (the volume's site), with the gateway on site1.
func newSiteEnv(t *testing.T, sites []string, policy string, minSites int) *siteEnv {
	t.Helper()
	dir := t.TempDir()
	eng, err := metapebble.Open(filepath.Join(dir, "meta"), metapebble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	ccfg := conscience.DefaultConfig()
	ccfg.Expiry = time.Hour
	reg, _ := conscience.NewLocal(ccfg)
	vols := &volumes{dirs: map[string]string{}, stores: map[string]blob.Store{}}
	e := &siteEnv{reg: reg, vols: vols, dir: dir, stores: map[string]*siteStore{}, siteOf: map[string]string{}}
	for i, site := range sites {
		e.addVolume(t, fmt.Sprintf("vol%d", i), site, fmt.Sprint("h", i))
	}
	d, _ := directory.New(eng, nil, nil)
	cfg := DefaultConfig()
	cfg.MetachunkSize = 1 << 20
	cfg.DefaultPolicy, cfg.MinSites, cfg.Site = policy, minSites, "site1"
	if e.svc, err = New(cfg, d, vols, reg, nil); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.CreateBucket(ctx, Bucket{Name: "b", Account: "acct"}); err != nil {
		t.Fatal(err)
	}
	(&env{svc: e.svc}).checkIndexAtEnd(t) // rdir_test.go
	return e
}

// fragmentsPerSite counts the fragments of an object's metachunks per site.
func (e *siteEnv) fragmentsPerSite(t *testing.T, key string) []map[string]int {
	t.Helper()
	rec, err := e.svc.lookup(ctx, "b", key, GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]int
	for _, sg := range rec.Content {
		if sg.MC == nil {
			continue
		}
		m := map[string]int{}
		for _, f := range sg.MC.Fragments {
			m[e.siteOf[f.Service]]++
		}
		out = append(out, m)
	}
	return out
}

func (e *siteEnv) opensPerSite() map[string]int {
	m := map[string]int{}
	for id, st := range e.stores {
		st.mu.Lock()
		m[e.siteOf[id]] += st.opens
		st.opens = 0
		st.mu.Unlock()
	}
	return m
}

func TestSitesPlacementAndAck(t *testing.T) {
	cases := []struct {
		policy string
		sites  []string
		need   int // fragments per site
	}{
		{"TWOCOPIES", []string{"site1", "site1", "site2", "site2"}, 1},
		{"THREECOPIES", []string{"site1", "site1", "site2", "site2"}, 1},
		{"EC2+2", []string{"site1", "site1", "site2", "site2"}, 2},
		// Three sites: the conscience spreads EC2+2 as 2+1+1, which
		// leaves no site readable alone; placement narrows to two sites.
		{"EC2+2", []string{"site1", "site1", "site2", "site2", "site3", "site3"}, 2},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s/%dsites", tc.policy, len(tc.sites)/2), func(t *testing.T) {
			e := newSiteEnv(t, tc.sites, tc.policy, 2)
			body := data(3<<20+5, 1) // four metachunks
			for k := 0; k < 5; k++ {
				key := fmt.Sprint("k", k)
				if _, err := e.svc.PutObject(ctx, "b", key, bytes.NewReader(body), PutOptions{Size: int64(len(body))}); err != nil {
					t.Fatal(err)
				}
				for _, per := range e.fragmentsPerSite(t, key) {
					readable := 0
					for _, n := range per {
						if n >= tc.need {
							readable++
						}
					}
					if readable < 2 {
						t.Fatalf("%s: fragments per site %v: fewer than 2 sites hold %d", key, per, tc.need)
					}
				}
			}
		})
	}
}

// TestSitesRefused: with one site's services gone or failing, a write
// that needs two sites is refused (Unavailable, a 503 in S3), leaves
// nothing behind.
func TestSitesRefused(t *testing.T) {
	body := data(2<<20, 2)
	put := func(e *siteEnv, key string) error {
		_, err := e.svc.PutObject(ctx, "b", key, bytes.NewReader(body), PutOptions{Size: int64(len(body))})
		return err
	}
	sites := []string{"site1", "site1", "site2", "site2"}

	t.Run("site drained", func(t *testing.T) {
		e := newSiteEnv(t, sites, "THREECOPIES", 2)
		e.reg.Lock(ctx, "vol2", 0)
		e.reg.Lock(ctx, "vol3", 0)
		if err := put(e, "k"); !strata.Is(err, strata.Unavailable) {
			t.Fatalf("put with site2 drained: %v, want Unavailable", err)
		}
		if _, err := e.svc.HeadObject(ctx, "b", "k", GetOptions{}); !strata.Is(err, strata.NotExist) {
			t.Fatalf("refused write is visible: %v", err)
		}
	})
	t.Run("site failing", func(t *testing.T) {
		e := newSiteEnv(t, sites, "THREECOPIES", 2)
		e.stores["vol2"].failPuts, e.stores["vol3"].failPuts = true, true
		// THREECOPIES' quorum (2 copies) holds on site1, but a copy on
		// site2 is missing: not acknowledged.
		if err := put(e, "k"); !strata.Is(err, strata.Unavailable) {
			t.Fatalf("put with site2 failing: %v, want Unavailable", err)
		}
		for _, id := range []string{"vol0", "vol1"} {
			n, _ := e.stores[id].Usage(ctx)
			if n.Chunks != 0 {
				t.Errorf("%s keeps %d chunks of a refused write", id, n.Chunks)
			}
		}
	})
	t.Run("policy cannot reach two sites", func(t *testing.T) {
		e := newSiteEnv(t, sites, "", 2)
		p, _ := protect.ParsePolicy("EC4+2")
		if err := sitePolicyError(p, 2); !strata.Is(err, strata.Invalid) {
			t.Fatalf("EC4+2 over 2 sites: %v", err)
		}
		if _, err := e.svc.PutObject(ctx, "b", "k", bytes.NewReader(body), PutOptions{Size: int64(len(body)), StorageClass: "SINGLE"}); !strata.Is(err, strata.Invalid) {
			t.Fatalf("SINGLE with 2 sites: %v, want Invalid", err)
		}
		cfg := DefaultConfig()
		cfg.DefaultPolicy, cfg.MinSites = "EC4+2", 2
		if err := cfg.Validate(); !strata.Is(err, strata.Invalid) {
			t.Fatalf("config EC4+2 with 2 sites: %v", err)
		}
		if err := e.svc.SetStoragePolicy(ctx, "b", "EC4+2"); !strata.Is(err, strata.Invalid) {
			t.Fatalf("bucket policy EC4+2 with 2 sites: %v", err)
		}
		if err := e.svc.SetStoragePolicy(ctx, "b", "EC2+2"); err != nil {
			t.Fatalf("bucket policy EC2+2 with 2 sites: %v", err)
		}
		// Without --policy, the default by volume count may be EC4+2:
		// with sites it is THREECOPIES.
		cfg = DefaultConfig()
		cfg.MinSites = 2
		if err := cfg.Validate(); err != nil || cfg.DefaultPolicy != "THREECOPIES" {
			t.Fatalf("default policy with 2 sites: %q, %v", cfg.DefaultPolicy, err)
		}
	})
}

// TestSitesReadNear: the gateway on site1 reads site1's copies and
// fragments only, and fails over to site2 when site1's are gone.
func TestSitesReadNear(t *testing.T) {
	for _, policy := range []string{"TWOCOPIES", "THREECOPIES", "EC2+2"} {
		t.Run(policy, func(t *testing.T) {
			e := newSiteEnv(t, []string{"site1", "site1", "site2", "site2"}, policy, 2)
			body := data(2<<20+77, 3)
			for k := 0; k < 4; k++ {
				if _, err := e.svc.PutObject(ctx, "b", fmt.Sprint("k", k), bytes.NewReader(body), PutOptions{Size: int64(len(body))}); err != nil {
					t.Fatal(err)
				}
			}
			e.opensPerSite()
			read := func() {
				for k := 0; k < 4; k++ {
					_, rc, err := e.svc.GetObject(ctx, "b", fmt.Sprint("k", k), GetOptions{})
					if err != nil {
						t.Fatal(err)
					}
					got, err := io.ReadAll(rc)
					rc.Close()
					if err != nil || !bytes.Equal(got, body) {
						t.Fatalf("read k%d: %v, equal %v", k, err, bytes.Equal(got, body))
					}
				}
			}
			read()
			if got := e.opensPerSite(); got["site2"] != 0 || got["site1"] == 0 {
				t.Fatalf("opens per site %v: want site1 only", got)
			}
			// The same data from a gateway on site2 reads site2 only.
			e.svc.cfg.Site = "site2"
			read()
			if got := e.opensPerSite(); got["site1"] != 0 || got["site2"] == 0 {
				t.Fatalf("opens per site from site2 %v: want site2 only", got)
			}
		})
	}
}

// TestSitesPerClass: a class's MinSites overrides the cluster default
// (0 here), and a class that cannot reach its sites is refused.
func TestSitesPerClass(t *testing.T) {
	e := newSiteEnv(t, []string{"site1", "site1", "site2", "site2"}, "TWOCOPIES", 0)
	if _, err := e.svc.Classes().Put(ctx, StorageClass{Name: "STRETCH", Policy: "THREECOPIES", MinSites: 2}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []StorageClass{
		{Name: "WIDE", Policy: "EC4+2", MinSites: 2},
		{Name: "WIDE", MinSites: 2},
		{Name: "WIDE", Policy: "THREECOPIES", SmallPolicy: "SINGLE", MinSites: 2},
	} {
		if err := ValidateClass(&bad); !strata.Is(err, strata.Invalid) {
			t.Errorf("class %+v: %v, want Invalid", bad, err)
		}
	}
	ok := StorageClass{Name: "EC", Policy: "EC2+2", SmallPolicy: "TWOCOPIES", MinSites: 2}
	if err := ValidateClass(&ok); err != nil {
		t.Fatalf("class %+v: %v", ok, err)
	}
	body := data(1<<20+3, 5)
	put := func(key, class string) error {
		_, err := e.svc.PutObject(ctx, "b", key, bytes.NewReader(body), PutOptions{Size: int64(len(body)), StorageClass: class})
		return err
	}
	if err := put("s", "STRETCH"); err != nil {
		t.Fatal(err)
	}
	for _, per := range e.fragmentsPerSite(t, "s") {
		if per["site1"] == 0 || per["site2"] == 0 {
			t.Fatalf("STRETCH fragments per site %v", per)
		}
	}
	e.reg.Lock(ctx, "vol2", 0)
	e.reg.Lock(ctx, "vol3", 0)
	if err := put("s2", "STRETCH"); !strata.Is(err, strata.Unavailable) {
		t.Fatalf("STRETCH with site2 drained: %v, want Unavailable", err)
	}
	if err := put("std", ""); err != nil {
		t.Fatalf("STANDARD (no min sites) with site2 drained: %v", err)
	}
}

// TestSitesImproverKeepsSites: the improver's spread moves fragments that
// share a host, but never off a site that holds exactly the K fragments
// it needs to decode alone.
func TestSitesImproverKeepsSites(t *testing.T) {
	// site1 has one host with two volumes: EC2+2 lands 2+2 with the two
	// site1 fragments sharing a host (a shortfall, queued).
	e := newSiteEnv(t, []string{"site1", "site2", "site2"}, "EC2+2", 2)
	e.addVolume(t, "vol3", "site1", "h0")
	body := data(1<<20+3, 6)
	if _, err := e.svc.PutObject(ctx, "b", "k", bytes.NewReader(body), PutOptions{Size: int64(len(body))}); err != nil {
		t.Fatal(err)
	}
	// A new host on site2: the only place a crowded fragment could go.
	e.addVolume(t, "vol4", "site2", "h4")
	if _, err := e.svc.Improve(ctx); err != nil {
		t.Fatal(err)
	}
	for _, per := range e.fragmentsPerSite(t, "k") {
		if per["site1"] < 2 || per["site2"] < 2 {
			t.Fatalf("after the improver: fragments per site %v, want 2 on each", per)
		}
	}
	if got, err := e.read(); err != nil || !bytes.Equal(got, body) {
		t.Fatalf("read after improve: %v", err)
	}
}

func (e *siteEnv) read() ([]byte, error) {
	_, rc, err := e.svc.GetObject(ctx, "b", "k", GetOptions{})
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}
