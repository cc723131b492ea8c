package object

import (
	"bytes"
	"io"
	"math/rand"
	"syscall"
	"testing"
	"time"
)

func (e *env) get(t *testing.T, key string) []byte {
	t.Helper()
	_, rc, err := e.svc.GetObject(ctx, "b", key, GetOptions{})
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (e *env) fsRead(t *testing.T, p string) []byte {
	t.Helper()
	rc, _, err := e.svc.FSRead(ctx, "b", p, 0, 1<<40)
	if err != nil {
		t.Fatalf("fsread %s: %v", p, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFSRandomWrites overlays random writes and truncates as log
// fragments, publishing now and then, and checks the bytes both through
// the file view and through S3 against a model.
func TestFSRandomWrites(t *testing.T) {
	for _, policy := range []string{"SINGLE", "EC2+1"} {
		t.Run(policy, func(t *testing.T) {
			e := newEnv(t, 3, policy)
			base := data(300<<10, 1)
			e.put(t, "f", base)
			model := bytes.Clone(base)
			rnd := rand.New(rand.NewSource(7))
			for i := range 60 {
				switch rnd.Intn(6) {
				case 0:
					n := int64(rnd.Intn(len(model) + 100<<10))
					if _, err := e.svc.FSTruncate(ctx, "b", "f", n, rnd.Intn(2) == 0); err != nil {
						t.Fatal(err)
					}
					if n < int64(len(model)) {
						model = model[:n]
					} else {
						model = append(model, make([]byte, n-int64(len(model)))...)
					}
				default:
					var runs []Run
					var body []byte
					var next int64 // runs are sorted and disjoint, as a mount sends them
					for range 1 + rnd.Intn(3) {
						off := next + int64(rnd.Intn(len(model)/2+50<<10))
						d := data(1+rnd.Intn(200<<10), int64(i))
						next = off + int64(len(d)) + 1
						runs = append(runs, Run{Off: off, Len: int64(len(d))})
						body = append(body, d...)
						if end := off + int64(len(d)); end > int64(len(model)) {
							model = append(model, make([]byte, end-int64(len(model)))...)
						}
						copy(model[off:], d)
					}
					publish := rnd.Intn(3) == 0
					ent, err := e.svc.FSWrite(ctx, "b", "f", runs, bytes.NewReader(body), publish, 0)
					if err != nil {
						t.Fatal(err)
					}
					if publish && ent.Size != int64(len(model)) {
						t.Fatalf("step %d: size %d, want %d", i, ent.Size, len(model))
					}
				}
				if got := e.fsRead(t, "f"); !bytes.Equal(got, model) {
					t.Fatalf("step %d: file view differs (len %d vs %d)", i, len(got), len(model))
				}
			}
			if _, err := e.svc.FSPublish(ctx, "b", "f", 0); err != nil {
				t.Fatal(err)
			}
			if got := e.get(t, "f"); !bytes.Equal(got, model) {
				t.Fatalf("S3 view differs after publish")
			}
			// Nothing live may be collected, even with no grace at all.
			if _, err := e.svc.CollectOrphans(ctx, -time.Second); err != nil {
				t.Fatal(err)
			}
			if got := e.get(t, "f"); !bytes.Equal(got, model) {
				t.Fatalf("S3 view differs after orphan collection")
			}
			// Compaction rewrites into whole chunks, same bytes.
			if err := e.svc.Compact(ctx, "b", "f"); err != nil {
				t.Fatal(err)
			}
			if got := e.get(t, "f"); !bytes.Equal(got, model) {
				t.Fatalf("S3 view differs after compaction")
			}
		})
	}
}

func TestFSNamespace(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	svc := e.svc
	e.put(t, "a/b/c.txt", []byte("c"))
	e.put(t, "a/x", []byte("file hidden by dir"))
	e.put(t, "a/x/y", []byte("y"))
	e.put(t, "a//bad", []byte("not a file name"))
	if _, err := svc.FSMkdir(ctx, "b", "a/empty", FileAttr{Mode: 0o700}); err != nil {
		t.Fatal(err)
	}
	ents, next, err := svc.FSList(ctx, "b", "a", "", 0)
	if err != nil || next != "" {
		t.Fatal(err, next)
	}
	var names []string
	for _, en := range ents {
		names = append(names, en.Name)
		if en.Name == "x" && !en.IsDir() {
			t.Fatalf("x should be a directory")
		}
	}
	if got := join(names); got != "b,empty,x" {
		t.Fatalf("listing %q", got)
	}
	// Paging gives the same names.
	var paged []string
	after := ""
	for {
		ents, next, err := svc.FSList(ctx, "b", "a", after, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, en := range ents {
			paged = append(paged, en.Name)
		}
		if next == "" {
			break
		}
		after = next
	}
	if join(paged) != "b,empty,x" {
		t.Fatalf("paged listing %q", join(paged))
	}
	if err := svc.FSRmdir(ctx, "b", "a"); Errno(err) != syscall.ENOTEMPTY {
		t.Fatalf("rmdir non-empty: %v", err)
	}
	// Rename a directory: S3 sees the new keys only.
	if err := svc.FSRename(ctx, "b", "a", "z", 0); err != nil {
		t.Fatal(err)
	}
	res, err := svc.ListObjects(ctx, "b", ListOptions{MaxKeys: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, o := range res.Objects {
		keys = append(keys, o.Key)
	}
	if got := join(keys); got != "z/,z//bad,z/b/c.txt,z/empty/,z/x,z/x/y" {
		t.Fatalf("keys after rename: %q", got)
	}
	if string(e.get(t, "z/b/c.txt")) != "c" {
		t.Fatal("content lost in rename")
	}
	// Hard links share content and count.
	if _, err := svc.FSLink(ctx, "b", "z/b/c.txt", "z/link"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.FSWrite(ctx, "b", "z/link", []Run{{Off: 0, Len: 3}}, bytes.NewReader([]byte("new")), true, 0); err != nil {
		t.Fatal(err)
	}
	if got := string(e.get(t, "z/b/c.txt")); got != "new" {
		t.Fatalf("link target reads %q", got)
	}
	st, _ := svc.FSStat(ctx, "b", "z/b/c.txt")
	if st.Nlink != 2 {
		t.Fatalf("nlink %d", st.Nlink)
	}
	if err := svc.FSUnlink(ctx, "b", "z/b/c.txt"); err != nil {
		t.Fatal(err)
	}
	st, _ = svc.FSStat(ctx, "b", "z/link")
	if st.Nlink != 1 || string(e.get(t, "z/link")) != "new" {
		t.Fatalf("after unlink: nlink %d", st.Nlink)
	}
	// Xattrs: user.* is S3 metadata.
	if err := svc.FSSetXattr(ctx, "b", "z/link", "user.color", []byte("blue"), 0); err != nil {
		t.Fatal(err)
	}
	info, _ := svc.HeadObject(ctx, "b", "z/link", GetOptions{})
	if info.UserMeta["color"] != "blue" {
		t.Fatalf("user meta %v", info.UserMeta)
	}
	// Names the file system does not keep are refused, not stored.
	for _, name := range []string{"security.selinux", "system.posix_acl_access", "other.x"} {
		if err := svc.FSSetXattr(ctx, "b", "z/link", name, []byte("v"), 0); Errno(err) != syscall.ENOTSUP {
			t.Fatalf("set %s: %v, want ENOTSUP", name, err)
		}
	}
	if err := svc.FSSetXattr(ctx, "b", "z/link", "security.capability", []byte{1}, 0); err != nil {
		t.Fatal(err)
	}
	if x, err := svc.FSGetXattrs(ctx, "b", "z/link"); err != nil || len(x) != 2 || x["security.capability"] == nil {
		t.Fatalf("xattrs %v %v, want user.color and security.capability", x, err)
	}
	// Changes are in the feed.
	ch, err := svc.Changes(ctx, "b", 0, 1000)
	if err != nil || len(ch) == 0 {
		t.Fatalf("changes %v %v", len(ch), err)
	}
}

func join(s []string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(x)
	}
	return b.String()
}
