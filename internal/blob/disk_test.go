package blob

import (
	"bytes"
	"context"
	"io"
	"math/rand"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/strata-storage/strata/internal/strata"
)

func openDisk(t *testing.T) *Disk {
	t.Helper()
	d, err := OpenDisk(t.TempDir(), DiskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func randBytes(n int, seed int64) []byte {
	b := make([]byte, n)
	rand.New(rand.NewSource(seed)).Read(b)
	return b
}

func readRange(t *testing.T, s Store, id strata.ChunkID, off, n int64) ([]byte, error) {
	t.Helper()
	rc, err := s.Open(context.Background(), id, off, n)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// storeConformance runs the checks every Store must pass.
func storeConformance(t *testing.T, s Store) {
	ctx := context.Background()
	ref := BackRef{Container: "c", Object: "o/k", Version: "v1", Position: "0.1"}
	for _, size := range []int{0, 1, BlockSize - 1, BlockSize, BlockSize + 1, 5*BlockSize + 17, 40 * BlockSize} {
		data := randBytes(size, int64(size))
		id := strata.NewChunkID()
		info, err := s.Put(ctx, id, ref, bytes.NewReader(data))
		if err != nil {
			t.Fatalf("put %d: %v", size, err)
		}
		if info.Size != int64(size) {
			t.Fatalf("put %d: size %d", size, info.Size)
		}
		st, err := s.Stat(ctx, id)
		if err != nil || st.Size != int64(size) || st.Ref != ref || st.Checksum != info.Checksum {
			t.Fatalf("stat %d: %+v %v", size, st, err)
		}
		for _, r := range [][2]int64{{0, -1}, {0, int64(size)}, {int64(size / 2), int64(size / 3)}, {BlockSize - 1, 2}} {
			if r[0]+max(r[1], 0) > int64(size) {
				continue
			}
			got, err := readRange(t, s, id, r[0], r[1])
			want := data[r[0]:]
			if r[1] >= 0 {
				want = data[r[0] : r[0]+r[1]]
			}
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("size %d range %v: err %v, equal %v", size, r, err, bytes.Equal(got, want))
			}
		}
		if _, err := s.Put(ctx, id, ref, bytes.NewReader(data)); !strata.Is(err, strata.Exist) {
			t.Fatalf("second put: got %v, want Exist", err)
		}
		if err := s.Delete(ctx, id); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Stat(ctx, id); !strata.Is(err, strata.NotExist) {
			t.Fatalf("stat after delete: %v", err)
		}
	}
	if _, err := s.Open(ctx, "../../etc/passwd", 0, -1); !strata.Is(err, strata.Invalid) {
		t.Fatalf("bad id: %v", err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if _, err := s.Put(ctx, strata.NewChunkID(), ref, bytes.NewReader(randBytes(100000, int64(i)))); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	n := 0
	if err := s.Walk(ctx, func(ChunkInfo) error { n++; return nil }); err != nil || n != 8 {
		t.Fatalf("walk: %d chunks, %v", n, err)
	}
	if u, err := s.Usage(ctx); err != nil || u.TotalBytes <= 0 {
		t.Fatalf("usage: %+v %v", u, err)
	}
}

func TestDiskConformance(t *testing.T) { storeConformance(t, openDisk(t)) }

func TestHTTPConformance(t *testing.T) {
	srv := httptest.NewServer(NewServer(openDisk(t), nil))
	defer srv.Close()
	storeConformance(t, NewClient(srv.URL, nil))
}

func TestCorruptionIsDetected(t *testing.T) {
	d := openDisk(t)
	ctx := context.Background()
	data := randBytes(4*BlockSize, 7)
	id := strata.NewChunkID()
	if _, err := d.Put(ctx, id, BackRef{}, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	// Flip one byte in block 2.
	path := d.path(id)
	f, _ := os.OpenFile(path, os.O_RDWR, 0)
	c, _ := d.openChunk("test", id)
	c.f.Close()
	off := c.headerLen + 2*blockStride + 100
	b := make([]byte, 1)
	f.ReadAt(b, off)
	b[0] ^= 0xff
	f.WriteAt(b, off)
	f.Close()
	if got, err := readRange(t, d, id, 0, BlockSize); err != nil || !bytes.Equal(got, data[:BlockSize]) {
		t.Fatalf("intact block 0: %v", err)
	}
	if _, err := readRange(t, d, id, 2*BlockSize+50, 10); !strata.Is(err, strata.Corrupt) {
		t.Fatalf("read over corrupt block: got %v, want Corrupt", err)
	}
	if err := d.Verify(ctx, id); !strata.Is(err, strata.Corrupt) {
		t.Fatalf("verify: got %v, want Corrupt", err)
	}
	// Truncation is corruption too.
	os.Truncate(path, c.headerLen+BlockSize)
	if _, err := d.Stat(ctx, id); !strata.Is(err, strata.Corrupt) {
		t.Fatalf("truncated: got %v, want Corrupt", err)
	}
}

func TestStaleTempFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	d, _ := OpenDisk(dir, DiskOptions{})
	_ = d
	tmp := filepath.Join(dir, "tmp", "leftover")
	os.WriteFile(tmp, []byte("partial"), 0o644)
	if _, err := OpenDisk(dir, DiskOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Fatal("temp file of an interrupted put survived reopening")
	}
}

func TestFailedPutLeavesNothing(t *testing.T) {
	d := openDisk(t)
	id := strata.NewChunkID()
	r := io.MultiReader(bytes.NewReader(randBytes(3*BlockSize, 1)), errReader{})
	if _, err := d.Put(context.Background(), id, BackRef{}, r); err == nil {
		t.Fatal("put of a failing stream succeeded")
	}
	if _, err := d.Stat(context.Background(), id); !strata.Is(err, strata.NotExist) {
		t.Fatalf("failed put left a chunk: %v", err)
	}
	left, _ := os.ReadDir(filepath.Join(d.dir, "tmp"))
	if len(left) != 0 {
		t.Fatalf("failed put left %d temp files", len(left))
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }
