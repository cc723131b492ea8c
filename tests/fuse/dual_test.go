package fusetest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/testenv"
)

func put(t *testing.T, c *s3.Client, key string, body []byte) {
	t.Helper()
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("files"), Key: aws.String(key), Body: bytes.NewReader(body)}); err != nil {
		t.Fatalf("put %s: %v", key, err)
	}
}

func get(t *testing.T, c *s3.Client, key string) []byte {
	t.Helper()
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("files"), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	defer out.Body.Close()
	b, _ := io.ReadAll(out.Body)
	return b
}

func keys(t *testing.T, c *s3.Client, prefix string) []string {
	t.Helper()
	var out []string
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String("files"), Prefix: aws.String(prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			out = append(out, *o.Key)
		}
	}
	return out
}

// eventually retries check until it passes or the bound is over, and
// returns how long it took.
func eventually(t *testing.T, bound time.Duration, what string, check func() error) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		err := check()
		if err == nil {
			return time.Since(start)
		}
		if time.Since(start) > bound {
			t.Fatalf("%s: still failing after %v: %v", what, bound, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestDualAccess(t *testing.T) {
	_, c, mnt := mounted(t, testenv.Options{})

	t.Run("MountToS3", func(t *testing.T) {
		body := bytes.Repeat([]byte("strata "), 50000)
		if err := os.MkdirAll(filepath.Join(mnt, "docs/2026"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(mnt, "docs/2026/report.txt"), body, 0o644); err != nil {
			t.Fatal(err)
		}
		// Closed: S3 reads the final bytes at once, at the same key.
		if got := get(t, c, "docs/2026/report.txt"); !bytes.Equal(got, body) {
			t.Fatalf("S3 reads %d bytes, want %d", len(got), len(body))
		}
		// A seek back to patch a header (what ffmpeg does) is published at close.
		f, err := os.OpenFile(filepath.Join(mnt, "docs/2026/report.txt"), os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteAt([]byte("HEADER"), 0)
		f.Seek(0, io.SeekEnd)
		f.Write([]byte("trailer"))
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		want := append(append([]byte("HEADER"), body[6:]...), "trailer"...)
		if got := get(t, c, "docs/2026/report.txt"); !bytes.Equal(got, want) {
			t.Fatalf("S3 reads the patched file wrong")
		}
		// Empty directories are marker objects.
		os.Mkdir(filepath.Join(mnt, "empty"), 0o755)
		if k := keys(t, c, "empty"); strings.Join(k, ",") != "empty/" {
			t.Fatalf("empty dir keys %v", k)
		}
	})

	t.Run("S3ToMount", func(t *testing.T) {
		put(t, c, "inbox/new.bin", []byte("from S3"))
		// A new key is a file at once (no negative caching).
		b, err := os.ReadFile(filepath.Join(mnt, "inbox/new.bin"))
		if err != nil || string(b) != "from S3" {
			t.Fatalf("read new key through the mount: %q %v", b, err)
		}
		// An overwrite reaches the kernel's caches through the change feed.
		put(t, c, "inbox/new.bin", []byte("replaced via S3"))
		lag := eventually(t, 3*time.Second, "overwrite visible", func() error {
			b, err := os.ReadFile(filepath.Join(mnt, "inbox/new.bin"))
			if err != nil {
				return err
			}
			if string(b) != "replaced via S3" {
				return fmt.Errorf("reads %q", b)
			}
			return nil
		})
		t.Logf("S3 overwrite visible in the mount after %v", lag)
		// A delete through S3 removes the file.
		c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("files"), Key: aws.String("inbox/new.bin")})
		eventually(t, 3*time.Second, "delete visible", func() error {
			if _, err := os.Stat(filepath.Join(mnt, "inbox/new.bin")); !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("stat: %v", err)
			}
			return nil
		})
	})

	t.Run("RenameDirectory", func(t *testing.T) {
		const n = 300
		for i := range n {
			put(t, c, fmt.Sprintf("src/d%d/f%03d", i%3, i), []byte{byte(i)})
		}
		if err := os.Rename(filepath.Join(mnt, "src"), filepath.Join(mnt, "dst")); err != nil {
			t.Fatal(err)
		}
		if k := keys(t, c, "src"); len(k) != 0 {
			t.Fatalf("old keys still listed: %d (%v...)", len(k), k[0])
		}
		k := keys(t, c, "dst/")
		if len(k) != n+1 { // the files and the directory marker
			t.Fatalf("new keys: %d, want %d", len(k), n+1)
		}
		if got := get(t, c, "dst/d1/f001"); !bytes.Equal(got, []byte{1}) {
			t.Fatalf("moved content %v", got)
		}
		ents, err := os.ReadDir(filepath.Join(mnt, "dst/d2"))
		if err != nil || len(ents) != n/3 {
			t.Fatalf("mount lists %d entries, %v", len(ents), err)
		}
	})

	t.Run("IncoherentNames", func(t *testing.T) {
		put(t, c, "odd/a", []byte("object a"))
		put(t, c, "odd/a/b", []byte("object a/b"))
		put(t, c, "odd//double", []byte("empty component"))
		put(t, c, "odd/"+strings.Repeat("x", 300), []byte("name too long"))
		put(t, c, "odd/implicit/deep/file", []byte("deep"))
		ents, err := os.ReadDir(filepath.Join(mnt, "odd"))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range ents {
			names = append(names, fmt.Sprintf("%s:%v", e.Name(), e.IsDir()))
		}
		sort.Strings(names)
		// "a" is the directory (it hides the object "odd/a"); the names
		// that are not file names are left out; "implicit" has no object.
		if got := strings.Join(names, ","); got != "a:true,implicit:true" {
			t.Fatalf("odd/ lists %s", got)
		}
		if b, _ := os.ReadFile(filepath.Join(mnt, "odd/a/b")); string(b) != "object a/b" {
			t.Fatalf("odd/a/b reads %q", b)
		}
		if got := get(t, c, "odd/a"); string(got) != "object a" {
			t.Fatal("the hidden object must stay readable through S3")
		}
		if b, _ := os.ReadFile(filepath.Join(mnt, "odd/implicit/deep/file")); string(b) != "deep" {
			t.Fatalf("implicit dirs: %q", b)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		os.MkdirAll(filepath.Join(mnt, "err/full"), 0o755)
		os.WriteFile(filepath.Join(mnt, "err/full/f"), nil, 0o644)
		for _, c := range []struct {
			err  error
			want syscall.Errno
		}{
			{os.Remove(filepath.Join(mnt, "err/full")), syscall.ENOTEMPTY},
			{syscall.Unlink(filepath.Join(mnt, "err/full")), syscall.EISDIR},
			{os.Mkdir(filepath.Join(mnt, "err/full"), 0o755), syscall.EEXIST},
			{syscall.Rmdir(filepath.Join(mnt, "err/full/f")), syscall.ENOTDIR},
			{os.Rename(filepath.Join(mnt, "err"), filepath.Join(mnt, "err/full/inside")), syscall.EINVAL},
			{os.WriteFile(filepath.Join(mnt, "err/missing/f"), nil, 0o644), syscall.ENOENT},
			{os.WriteFile(filepath.Join(mnt, "err/full/f/sub"), nil, 0o644), syscall.ENOTDIR},
		} {
			if !errors.Is(c.err, c.want) {
				t.Errorf("got %v, want %v", c.err, c.want)
			}
		}
	})
}

// TestTwoMounts checks that two mounts of one bucket see each other's
// changes: at once for new names, within the feed's bound for changes to
// cached ones.
func TestTwoMounts(t *testing.T) {
	s, _, a := mounted(t, testenv.Options{})
	b := testenv.Mount(t, s.URL(), "files", fuse.Options{})

	if err := os.WriteFile(filepath.Join(a, "shared.txt"), []byte("v1"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(b, "shared.txt")); err != nil || string(got) != "v1" {
		t.Fatalf("b reads %q %v", got, err)
	}
	if err := os.WriteFile(filepath.Join(a, "shared.txt"), []byte("version two"), 0o644); err != nil {
		t.Fatal(err)
	}
	lag := eventually(t, 3*time.Second, "b sees a's overwrite", func() error {
		got, err := os.ReadFile(filepath.Join(b, "shared.txt"))
		if err != nil {
			return err
		}
		if string(got) != "version two" {
			return fmt.Errorf("reads %q", got)
		}
		return nil
	})
	t.Logf("overwrite in mount a visible in mount b after %v", lag)
	os.Mkdir(filepath.Join(b, "from-b"), 0o755)
	os.Rename(filepath.Join(a, "shared.txt"), filepath.Join(a, "from-b/moved.txt"))
	eventually(t, 3*time.Second, "b sees a's rename", func() error {
		if _, err := os.Stat(filepath.Join(b, "shared.txt")); !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("old name: %v", err)
		}
		got, err := os.ReadFile(filepath.Join(b, "from-b/moved.txt"))
		if err != nil || string(got) != "version two" {
			return fmt.Errorf("new name: %q %v", got, err)
		}
		return nil
	})

	// POSIX locks are shared: a lock taken in a blocks b.
	fa, err := os.OpenFile(filepath.Join(a, "lockfile"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer fa.Close()
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: 0, Len: 0}
	if err := syscall.FcntlFlock(fa.Fd(), syscall.F_SETLK, &lk); err != nil {
		t.Fatal(err)
	}
	fb, err := os.OpenFile(filepath.Join(b, "lockfile"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer fb.Close()
	if err := syscall.FcntlFlock(fb.Fd(), syscall.F_SETLK, &lk); !errors.Is(err, syscall.EAGAIN) {
		t.Fatalf("lock through b while a holds it: %v, want EAGAIN", err)
	}
	if err := syscall.Flock(int(fa.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(fb.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); !errors.Is(err, syscall.EWOULDBLOCK) {
		t.Fatalf("flock through b while a holds it: %v, want EWOULDBLOCK", err)
	}
	fa.Close() // releases both
	lk.Type = syscall.F_WRLCK
	eventually(t, 2*time.Second, "lock free after close", func() error {
		return syscall.FcntlFlock(fb.Fd(), syscall.F_SETLK, &lk)
	})
}
