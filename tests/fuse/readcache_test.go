package fusetest

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"golang.org/x/sys/unix"

	"github.com/strata-storage/strata/internal/fsapi"
	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/vfs"
)

// readCounter counts the file-read requests a mount sends its gateway.
type readCounter struct {
	next  http.RoundTripper
	reads atomic.Int64
}

func (r *readCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	if strings.HasSuffix(req.URL.Path, "/read") {
		r.reads.Add(1)
	}
	return r.next.RoundTrip(req)
}

// cachedMount mounts bucket "files" with a read cache, counting the
// mount's reads at the gateway.
func cachedMount(t *testing.T, s *testenv.Server) (string, *vfs.FS, *readCounter) {
	t.Helper()
	c := fsapi.NewClient(s.URL(), "files", testenv.AccessKey, testenv.SecretKey, "us-east-1")
	rc := &readCounter{next: http.DefaultTransport.(*http.Transport).Clone()}
	c.SetHTTP(&http.Client{Transport: rc})
	v := vfs.New(c, vfs.Options{CacheDir: filepath.Join(t.TempDir(), "cache"), CacheSize: 64 << 20}, nil)
	return testenv.MountVFS(t, v, fuse.Options{}), v, rc
}

// readUncached reads n bytes at off of file p past the kernel's page
// cache (dropped for the file first), so that the read reaches the mount.
func readUncached(t *testing.T, p string, off int64, n int) []byte {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, n)
	got, err := f.ReadAt(buf, off)
	if got < n {
		t.Fatalf("read %s at %d: %d of %d bytes: %v", p, off, got, n, err)
	}
	return buf
}

// waitKept waits until the cache keeps blocks blocks (its writer is
// asynchronous).
func waitKept(t *testing.T, v *vfs.FS, blocks int) {
	t.Helper()
	eventually(t, 10*time.Second, "blocks kept", func() error {
		if st := v.CacheStats(); st.Blocks < blocks {
			return fmt.Errorf("%d blocks kept, want %d", st.Blocks, blocks)
		}
		return nil
	})
}

// TestReadCacheServesWithoutGateway: once read, a file's blocks come from
// the local cache, with no read request to the gateway, across opens and
// with the kernel's pages dropped.
func TestReadCacheServesWithoutGateway(t *testing.T) {
	testenv.RequireFUSE(t)
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("files")}); err != nil {
		t.Fatal(err)
	}
	body := make([]byte, 3<<20+12345) // three whole blocks and a short last one
	rand.NewChaCha8([32]byte{14}).Read(body)
	put(t, c, "big.bin", body)
	dir, v, rc := cachedMount(t, s)
	p := filepath.Join(dir, "big.bin")

	if got := readUncached(t, p, 0, len(body)); !bytes.Equal(got, body) {
		t.Fatal("first read through the mount differs from the object")
	}
	waitKept(t, v, 4)
	before, hits := rc.reads.Load(), v.CacheStats().Hits
	r := rand.New(rand.NewPCG(1, 4))
	for range 50 {
		off := r.Int64N(int64(len(body) - 4096))
		if got := readUncached(t, p, off, 4096); !bytes.Equal(got, body[off:off+4096]) {
			t.Fatalf("cached 4 KiB read at %d differs", off)
		}
	}
	if got := readUncached(t, p, 0, len(body)); !bytes.Equal(got, body) {
		t.Fatal("cached whole read differs")
	}
	if n := rc.reads.Load() - before; n != 0 {
		t.Errorf("cached reads sent %d reads to the gateway, want 0", n)
	}
	if st := v.CacheStats(); st.Hits == hits {
		t.Errorf("no read reached the cache (stats %+v): the test read from the page cache", st)
	}
}

// TestReadCacheSeesChanges: a change made through S3, or through the
// mount itself, is what the next read returns: the cache never answers
// with the bytes from before once the change feed has told the mount.
func TestReadCacheSeesChanges(t *testing.T) {
	testenv.RequireFUSE(t)
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("files")}); err != nil {
		t.Fatal(err)
	}
	old := bytes.Repeat([]byte("old!"), 512<<10) // 2 MiB
	put(t, c, "f.bin", old)
	dir, v, _ := cachedMount(t, s)
	p := filepath.Join(dir, "f.bin")
	if got := readUncached(t, p, 0, len(old)); !bytes.Equal(got, old) {
		t.Fatal("first read differs")
	}
	waitKept(t, v, 2)

	// Same size, new bytes, through S3: the feed makes the mount drop the
	// old blocks' name; the new content has another name.
	nw := bytes.Repeat([]byte("new!"), 512<<10)
	put(t, c, "f.bin", nw)
	eventually(t, 10*time.Second, "the S3 change seen through the mount", func() error {
		if got := readUncached(t, p, 1<<20, 4096); !bytes.Equal(got, nw[1<<20:1<<20+4096]) {
			return fmt.Errorf("still %q", got[:8])
		}
		return nil
	})
	for _, off := range []int64{0, 4096, 1<<20 - 10, 2<<20 - 4096} {
		if got := readUncached(t, p, off, 4096); !bytes.Equal(got, nw[off:off+4096]) {
			t.Fatalf("stale read at %d after the change was seen: %q", off, got[:8])
		}
	}

	// A write through the mount: read back at once, and seen by S3.
	third := bytes.Repeat([]byte("3rd!"), 512<<10)
	if err := os.WriteFile(p, third, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readUncached(t, p, 0, len(third)); !bytes.Equal(got, third) {
		t.Fatalf("read after the mount's own write: %q", got[:8])
	}
	if got := get(t, c, "f.bin"); !bytes.Equal(got, third) {
		t.Fatalf("S3 after the mount's write: %q", got[:8])
	}
}

// TestReadDuringBackgroundFlush: a read of an open file whose writes are
// on their way to the log in the background returns them (it waits for
// the flush rather than reading the log without it).
func TestReadDuringBackgroundFlush(t *testing.T) {
	testenv.RequireFUSE(t)
	s := testenv.Start(t, testenv.Options{})
	if _, err := s.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("files")}); err != nil {
		t.Fatal(err)
	}
	c := fsapi.NewClient(s.URL(), "files", testenv.AccessKey, testenv.SecretKey, "us-east-1")
	v := vfs.New(c, vfs.Options{MaxDirtyFile: 256 << 10, CacheDir: filepath.Join(t.TempDir(), "cache")}, nil)
	dir := testenv.MountVFS(t, v, fuse.Options{})
	body := make([]byte, 3<<20)
	rand.NewChaCha8([32]byte{7}).Read(body)
	f, err := os.OpenFile(filepath.Join(dir, "w.bin"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for off := 0; off < len(body); off += 64 << 10 {
		if _, err := f.WriteAt(body[off:off+64<<10], int64(off)); err != nil {
			t.Fatal(err)
		}
		if off%(512<<10) == 0 { // now and then, read back what was written
			if err := unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED); err != nil {
				t.Fatal(err)
			}
			got := make([]byte, off+64<<10)
			if _, err := f.ReadAt(got, 0); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, body[:off+64<<10]) {
				t.Fatalf("read back %d bytes while writing: differs", len(got))
			}
		}
	}
}

// TestReadCacheSkipsLongScans: a long sequential read keeps its first
// blocks (a small file read whole is cached) but not the rest of the
// scan, which would push out random readers' blocks.
func TestReadCacheSkipsLongScans(t *testing.T) {
	testenv.RequireFUSE(t)
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("files")}); err != nil {
		t.Fatal(err)
	}
	body := make([]byte, 48<<20)
	rand.NewChaCha8([32]byte{15}).Read(body)
	put(t, c, "scan.bin", body)
	dir, v, _ := cachedMount(t, s)
	if got := readUncached(t, filepath.Join(dir, "scan.bin"), 0, len(body)); !bytes.Equal(got, body) {
		t.Fatal("the scan read wrong bytes")
	}
	waitKept(t, v, 4)                  // the start of the scan is kept
	time.Sleep(200 * time.Millisecond) // let the writer finish what it has
	if st := v.CacheStats(); st.Blocks >= 24 {
		t.Fatalf("a 48-block scan left %d blocks in the cache, want only its start", st.Blocks)
	}
}
