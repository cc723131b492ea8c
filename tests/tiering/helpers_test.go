package tieringtest

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/smithy-go"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

var ctx = context.Background()

// day is the test node's lifecycle day.
const day = time.Second

// Volumes per pool: TWOCOPIES needs 2 volumes, EC2+1 needs 3.
var poolVolumes = map[string]int{"ssd": 2, "archive": 3}

// The classes of the scenario, as issue 13 §1 describes them, scaled to
// the volumes of one test node. GLACIER's EC applies to every object the
// test writes (all are above the 64 KiB inline size).
var classes = []object.StorageClass{
	{Name: "STANDARD", Pool: "ssd", Policy: "TWOCOPIES", SmallPolicy: "TWOCOPIES"},
	{Name: "GLACIER", Pool: "archive", Policy: "EC2+1", SmallPolicy: "EC2+1", ECMinSize: 64 << 10},
}

// node is an in-process server with pooled volumes, a one-second
// lifecycle day (its own scanner runs every quarter of it) and the
// scenario's classes.
type node struct {
	*testenv.Server
	pools map[string][]string // pool -> volume folders
}

func startNode(t *testing.T) *node {
	t.Helper()
	n := &node{pools: map[string][]string{}}
	n.Server = testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.LifecycleDay = day
		c.Volumes = nil
		for _, pool := range []string{"ssd", "archive"} {
			for i := range poolVolumes[pool] {
				d := filepath.Join(c.DataDir, "volumes", fmt.Sprintf("%s-%d", pool, i))
				n.pools[pool] = append(n.pools[pool], d)
				c.Volumes = append(c.Volumes, d+":pool="+pool)
			}
		}
	}})
	for _, c := range classes {
		if _, err := n.Objects.Classes().Put(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

// placement is what a walk of the volume folders found for one object
// key: its chunk files (fragments) and their bytes on disk, by pool.
type placement struct {
	files map[string]int
	bytes map[string]int64
}

// walkPools reads the header of every chunk file of every volume and
// groups the files by the object key they belong to (the chunk's back
// reference) and by pool. Files whose header cannot be read are counted
// under the key "?".
func (n *node) walkPools(t *testing.T) map[string]*placement {
	t.Helper()
	out := map[string]*placement{}
	for pool, dirs := range n.pools {
		for _, d := range dirs {
			err := filepath.WalkDir(filepath.Join(d, "chunks"), func(p string, e fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if e.IsDir() {
					return nil
				}
				key, size := chunkOwner(p)
				pl := out[key]
				if pl == nil {
					pl = &placement{files: map[string]int{}, bytes: map[string]int64{}}
					out[key] = pl
				}
				pl.files[pool]++
				pl.bytes[pool] += size
				return nil
			})
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("walk %s: %v", d, err)
			}
		}
	}
	return out
}

// chunkOwner returns the object key a chunk file belongs to, read from
// its header ("STRCHNK1", a big-endian uint32 length, then the JSON of
// the back reference: see internal/blob/format.go), and the file's size.
func chunkOwner(path string) (string, int64) {
	f, err := os.Open(path)
	if err != nil {
		return "?", 0 // removed during the walk
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "?", 0
	}
	var pre [12]byte
	if _, err := io.ReadFull(f, pre[:]); err != nil || string(pre[:8]) != "STRCHNK1" {
		return "?", st.Size()
	}
	hb := make([]byte, binary.BigEndian.Uint32(pre[8:]))
	if _, err := io.ReadFull(f, hb); err != nil {
		return "?", st.Size()
	}
	var h struct {
		Ref blob.BackRef `json:"ref"`
	}
	if json.Unmarshal(hb, &h) != nil {
		return "?", st.Size()
	}
	return h.Ref.Object, st.Size()
}

// objectCount is how many objects the scenario tiers: 1,000 (issue 13),
// or STRATA_TIERING_OBJECTS.
func objectCount(t *testing.T) int {
	if v := os.Getenv("STRATA_TIERING_OBJECTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("STRATA_TIERING_OBJECTS=%q: want a positive count", v)
		}
		return n
	}
	return 1000
}

// parallel runs fn(i) for i in [0, n) on workers goroutines and fails the
// test with the first error.
func parallel(t *testing.T, n, workers int, fn func(i int) error) {
	t.Helper()
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	if first != nil {
		t.Fatal(first)
	}
}

// code returns the S3 error code of err ("" if none).
func code(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// waitFor polls cond until it holds, failing the test after within. The
// deadlines are generous: they only stop a broken run, no figure or
// assertion depends on them.
func waitFor(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", within, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
