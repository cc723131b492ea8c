package protocols

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/testenv"
)

// tree is the files one door writes: 200 files in 10 folders, of sizes
// from 0 to 64 KiB, with content that tells where it came from.
func tree(seed uint64) map[string][]byte {
	r := rand.New(rand.NewPCG(seed, 12))
	out := map[string][]byte{}
	for i := range 200 {
		b := make([]byte, r.IntN(64<<10+1))
		for j := range b {
			b[j] = byte(r.Uint32())
		}
		out[fmt.Sprintf("dir%02d/file%03d.bin", i%10, i)] = b
	}
	return out
}

// startAll runs a node with every door on, and the bucket "coherence".
func startAll(t *testing.T) (*testenv.Server, []door) {
	testenv.Heavy(t)
	testenv.RequireFUSE(t)
	n := testenv.Start(t, testenv.Options{Edit: withProtocols})
	const bucket = "coherence"
	if _, err := n.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: ptr(bucket)}); err != nil {
		t.Fatal(err)
	}
	doors := []door{s3Door{c: n.S3(), bucket: bucket}, fuseDoor{dir: testenv.Mount(t, n.URL(), bucket, fuse.Options{})}}
	doors = append(doors, moreDoors(t, n, bucket)...)
	return n, doors
}

func ptr[T any](v T) *T { return &v }

// TestCoherence: a tree written through each door is read back bit-exact
// through every other door right after close; a folder renamed through
// one door is renamed in all; a partial overwrite in place is seen by S3.
func TestCoherence(t *testing.T) {
	_, doors := startAll(t)
	names := ""
	for _, d := range doors {
		names += " " + d.Name()
	}
	t.Logf("doors:%s", names)
	for i, w := range doors {
		files := tree(uint64(i))
		base := "from-" + w.Name()
		for p, b := range files {
			w.Put(t, base+"/"+p, b)
		}
		for _, r := range doors {
			if r == w {
				continue
			}
			for p, want := range files {
				if got := r.Get(t, base+"/"+p); !bytes.Equal(got, want) {
					t.Fatalf("%s wrote %s/%s (%d bytes); %s reads %d different bytes", w.Name(), base, p, len(want), r.Name(), len(got))
				}
			}
		}
		t.Logf("%s: 200 files read back bit-exact through the %d other doors", w.Name(), len(doors)-1)
	}

	for i, d := range doors {
		rn, ok := d.(renamer)
		if !ok {
			continue
		}
		from, to := "from-"+d.Name(), "renamed-by-"+d.Name()
		rn.Rename(t, from, to)
		want := tree(uint64(i))["dir03/file013.bin"]
		for _, r := range doors {
			// Doors with a cache of names (the FUSE mount) learn of the
			// rename from the change feed: wait for it, within bounds.
			eventually(t, r.Name()+" sees "+d.Name()+"'s rename", func() bool {
				return r.Missing(t, from+"/dir03/file013.bin") && !r.Missing(t, to+"/dir03/file013.bin")
			})
			if got := r.Get(t, to+"/dir03/file013.bin"); !bytes.Equal(got, want) {
				t.Fatalf("after %s's rename, %s reads other bytes", d.Name(), r.Name())
			}
		}
	}

	s3d := doors[0]
	for _, d := range doors {
		ow, ok := d.(overwriter)
		if !ok {
			continue
		}
		p := "overwrite-" + d.Name() + ".bin"
		orig := bytes.Repeat([]byte("a"), 3<<20)
		s3d.Put(t, p, orig)
		patch := bytes.Repeat([]byte("Z"), 4096)
		ow.Overwrite(t, p, 1<<20+17, patch)
		want := append([]byte{}, orig...)
		copy(want[1<<20+17:], patch)
		if got := s3d.Get(t, p); !bytes.Equal(got, want) {
			t.Fatalf("S3 does not see %s's partial overwrite", d.Name())
		}
	}
}

// eventually waits up to 30 s for cond, for the doors that cache names.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 30 s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
