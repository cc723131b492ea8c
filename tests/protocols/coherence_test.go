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

const bucket = "coherence"

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

// startAll runs a node with every door on, and the bucket.
func startAll(t *testing.T) *testenv.Server {
	testenv.Heavy(t)
	testenv.RequireFUSE(t)
	n := testenv.Start(t, testenv.Options{Edit: withProtocols})
	if _, err := n.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: ptr(bucket)}); err != nil {
		t.Fatal(err)
	}
	return n
}

// doorsAs are every door of node n into the bucket, as the user of key ak.
func doorsAs(t *testing.T, n *testenv.Server, ak, sk string) []door {
	doors := []door{s3Door{c: testenv.S3Client(n.URL(), ak, sk), bucket: bucket},
		fuseDoor{dir: testenv.MountAs(t, n.URL(), bucket, ak, sk, fuse.Options{})}}
	return append(doors, moreDoors(t, n, ak, sk)...)
}

func ptr[T any](v T) *T { return &v }

func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// TestCoherence: a tree written through each door is read back bit-exact
// through every other door right after close; a folder renamed through
// one door is renamed in all; a partial overwrite in place is seen by S3.
func TestCoherence(t *testing.T) {
	n := startAll(t)
	doors := doorsAs(t, n, testenv.AccessKey, testenv.SecretKey)
	names := ""
	for _, d := range doors {
		names += " " + d.Name()
	}
	t.Logf("doors:%s", names)
	for i, w := range doors {
		files := tree(uint64(i))
		base := "from-" + w.Name()
		for p, b := range files {
			must(t, w.Name()+" writes "+p, w.Put(base+"/"+p, b))
		}
		for _, r := range doors {
			if r == w {
				continue
			}
			for p, want := range files {
				got, err := r.Get(base + "/" + p)
				must(t, r.Name()+" reads "+p, err)
				if !bytes.Equal(got, want) {
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
		must(t, d.Name()+" renames", rn.Rename(from, to))
		want := tree(uint64(i))["dir03/file013.bin"]
		for _, r := range doors {
			// Doors with a cache of names (the FUSE mount) learn of the
			// rename from the change feed: wait for it, within bounds.
			eventually(t, r.Name()+" sees "+d.Name()+"'s rename", func() bool {
				return r.Missing(from+"/dir03/file013.bin") && !r.Missing(to+"/dir03/file013.bin")
			})
			got, err := r.Get(to + "/dir03/file013.bin")
			must(t, r.Name()+" reads the renamed file", err)
			if !bytes.Equal(got, want) {
				t.Fatalf("after %s's rename, %s reads other bytes", d.Name(), r.Name())
			}
		}
		t.Logf("%s: a folder of 200 files renamed, seen renamed by every door", d.Name())
	}

	s3d := doors[0]
	for _, d := range doors {
		ow, ok := d.(overwriter)
		if !ok {
			continue
		}
		p := "overwrite-" + d.Name() + ".bin"
		orig := bytes.Repeat([]byte("a"), 3<<20)
		must(t, "s3 put", s3d.Put(p, orig))
		patch := bytes.Repeat([]byte("Z"), 4096)
		must(t, d.Name()+" overwrites in place", ow.Overwrite(p, 1<<20+17, patch))
		want := append([]byte{}, orig...)
		copy(want[1<<20+17:], patch)
		got, err := s3d.Get(p)
		must(t, "s3 get", err)
		if !bytes.Equal(got, want) {
			t.Fatalf("S3 does not see %s's partial overwrite", d.Name())
		}
		t.Logf("%s: a 4 KiB overwrite inside a 3 MiB file is seen by S3", d.Name())
	}
}

// TestConfinement: a user whose policy confines it to bucket/team/ works
// there through every door, and is refused outside it by every door.
func TestConfinement(t *testing.T) {
	n := startAll(t)
	root := s3Door{c: n.S3(), bucket: bucket}
	must(t, "root writes outside", root.Put("secret/plan.txt", []byte("not yours")))
	must(t, "root writes team", root.Put("team/readme.txt", []byte("welcome")))
	ak, sk := n.CreateUser(t, "teammate", testenv.ConfinedPolicy(bucket, "team/"))
	for _, d := range doorsAs(t, n, ak, sk) {
		p := "team/by-" + d.Name() + ".txt"
		must(t, d.Name()+" writes inside team/", d.Put(p, []byte(d.Name())))
		if got, err := root.Get(p); err != nil || string(got) != d.Name() {
			t.Fatalf("%s's write in team/ reads %q %v through S3", d.Name(), got, err)
		}
		if got, err := d.Get("team/readme.txt"); err != nil || string(got) != "welcome" {
			t.Fatalf("%s reads team/readme.txt: %q %v", d.Name(), got, err)
		}
		if err := d.Put("secret/by-"+d.Name()+".txt", []byte("x")); err == nil {
			t.Fatalf("%s wrote outside team/", d.Name())
		}
		if !root.Missing("secret/by-" + d.Name() + ".txt") {
			t.Fatalf("%s's refused write outside team/ left a file", d.Name())
		}
		if b, err := d.Get("secret/plan.txt"); err == nil {
			t.Fatalf("%s read outside team/: %q", d.Name(), b)
		}
		t.Logf("%s: confined to team/", d.Name())
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
