package blob

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/strata-storage/strata/internal/strata"
)

// piece is the data of one staged write (about 1 MiB on disk).
const piece = stageBlocks * BlockSize

// directSizes straddle the point where direct I/O starts and the
// boundaries of its pieces.
var directSizes = []int{0, 1, piece - 1, piece, piece + 1, 2*piece - 40, 3*piece + 12345, 16 << 20}

// putAndCheck stores each size and reads it back whole and in part.
func putAndCheck(t *testing.T, d *Disk) {
	t.Helper()
	ctx := context.Background()
	for _, size := range directSizes {
		data := randBytes(size, int64(size)+7)
		id := strata.NewChunkID()
		info, err := d.Put(ctx, id, BackRef{Container: "c", Object: "o", Version: "v", Position: "0"}, bytes.NewReader(data))
		if err != nil {
			t.Fatalf("put %d: %v", size, err)
		}
		if info.Size != int64(size) {
			t.Fatalf("put %d: size %d", size, info.Size)
		}
		got, err := readRange(t, d, id, 0, -1)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("read back %d bytes: %d bytes, equal %v, %v", size, len(got), bytes.Equal(got, data), err)
		}
		if size > piece+7 {
			part, err := readRange(t, d, id, piece-3, 10)
			if err != nil || !bytes.Equal(part, data[piece-3:piece+7]) {
				t.Fatalf("range across the first piece of %d: %q %v", size, part, err)
			}
		}
		if err := d.Verify(ctx, id); err != nil {
			t.Fatalf("verify %d: %v", size, err)
		}
	}
}

// TestDirectWrites: chunks written with O_DIRECT read back exactly, and
// the pieces written directly are whole aligned blocks.
func TestDirectWrites(t *testing.T) {
	direct, written := 0, 0
	writePiece = func(f *os.File, p []byte) (int, error) {
		direct++
		written += len(p)
		if len(p)%stageAlign != 0 {
			t.Errorf("direct write of %d bytes", len(p))
		}
		return f.Write(p)
	}
	defer func() { writePiece = (*os.File).Write }()
	d := openDisk(t)
	putAndCheck(t, d)
	if d.noDirect.Load() {
		t.Log("this file system refuses O_DIRECT; the fall-back is what ran")
		return
	}
	// 16 MiB alone is 16 staged writes, all but the last direct.
	if direct < 15 || written < 15<<20 {
		t.Fatalf("%d direct writes of %d bytes in all", direct, written)
	}
}

// TestDirectRefused: where the file system refuses O_DIRECT, at fcntl
// or at the first direct write, every chunk is still stored whole and
// the Disk stops trying.
func TestDirectRefused(t *testing.T) {
	for _, at := range []string{"fcntl", "write"} {
		t.Run(at, func(t *testing.T) {
			tried := 0
			setODirect = func(f *os.File, on bool) error {
				if on {
					tried++
					if at == "fcntl" {
						return unix.EINVAL
					}
				}
				return setDirect(f, on)
			}
			writePiece = func(f *os.File, p []byte) (int, error) {
				if at == "write" {
					return 0, unix.EINVAL
				}
				return f.Write(p)
			}
			defer func() { setODirect, writePiece = setDirect, (*os.File).Write }()
			d := openDisk(t)
			putAndCheck(t, d)
			if tried != 1 {
				t.Fatalf("O_DIRECT tried %d times, want once: a refusal must be remembered", tried)
			}
			if !d.noDirect.Load() {
				t.Fatal("a refused O_DIRECT was not remembered")
			}
		})
	}
}

// TestFailedDirectPutLeavesNothing: a direct write that fails in the
// middle of a chunk (here a full disk) fails the Put with NoSpace and
// leaves neither the chunk nor its temp file, and the Disk keeps using
// direct I/O (a full disk is not a refusal).
func TestFailedDirectPutLeavesNothing(t *testing.T) {
	calls := 0
	writePiece = func(f *os.File, p []byte) (int, error) {
		if calls++; calls == 2 {
			return 0, &os.PathError{Op: "write", Path: f.Name(), Err: unix.ENOSPC}
		}
		return f.Write(p)
	}
	defer func() { writePiece = (*os.File).Write }()
	d := openDisk(t)
	id := strata.NewChunkID()
	_, err := d.Put(context.Background(), id, BackRef{}, bytes.NewReader(randBytes(4*piece, 3)))
	if err == nil && d.noDirect.Load() {
		t.Log("this file system refuses O_DIRECT; no direct write ran to fail")
		return
	}
	if !strata.Is(err, strata.NoSpace) {
		t.Fatalf("put over a full disk: %v, want NoSpace", err)
	}
	if _, err := d.Stat(context.Background(), id); !strata.Is(err, strata.NotExist) {
		t.Fatalf("failed put left a chunk: %v", err)
	}
	if left, _ := os.ReadDir(filepath.Join(d.dir, "tmp")); len(left) != 0 {
		t.Fatalf("failed put left %d temp files", len(left))
	}
	if d.noDirect.Load() {
		t.Fatal("a full disk was taken for a refusal of O_DIRECT")
	}
}
