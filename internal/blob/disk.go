package blob

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/zeebo/xxh3"

	"github.com/strata-storage/strata/internal/strata"
)

// DiskOptions tune a Disk.
type DiskOptions struct {
	Logger *slog.Logger
	// NoSync skips fsync (tests of other layers only; never in a server).
	NoSync bool
	// Capacity caps the bytes the volume may hold (0 = the file
	// system's size). A capped volume reports its own size and free
	// space to the conscience and refuses chunks once full.
	Capacity int64
}

// Disk is a Store on a local directory.
type Disk struct {
	dir    string
	opts   DiskOptions
	chunks atomic.Int64
	used   atomic.Int64 // bytes of chunk files
	io     ioIdle
	tmpSeq atomic.Uint64
	// noDirect is set once the file system refuses O_DIRECT.
	noDirect atomic.Bool
}

var (
	_ Store    = (*Disk)(nil)
	_ Verifier = (*Disk)(nil)
)

// OpenDisk opens (creating if needed) the volume in dir, removes temp
// files left by a crash and counts the chunks.
func OpenDisk(dir string, opts DiskOptions) (*Disk, error) {
	const op = "blob.OpenDisk"
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	d := &Disk{dir: dir, opts: opts}
	for _, sub := range []string{"chunks", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, strata.E(op, strata.Unavailable, err)
		}
	}
	tmps, _ := os.ReadDir(filepath.Join(dir, "tmp"))
	for _, t := range tmps {
		os.Remove(filepath.Join(dir, "tmp", t.Name()))
	}
	var n, used int64
	filepath.WalkDir(filepath.Join(dir, "chunks"), func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			n++
			if fi, err := e.Info(); err == nil {
				used += fi.Size()
			}
		}
		return nil
	})
	d.chunks.Store(n)
	d.used.Store(used)
	d.io.init(dir)
	return d, nil
}

// refuseDirect records that this volume's file system refuses O_DIRECT,
// so that later chunks go straight to plain writes.
func (d *Disk) refuseDirect() {
	if !d.noDirect.Swap(true) {
		d.opts.Logger.Info("volume file system refuses O_DIRECT; chunks are written through the page cache", "dir", d.dir)
	}
}

func (d *Disk) path(id strata.ChunkID) string {
	return filepath.Join(d.dir, "chunks", string(id[:2]), string(id))
}

// Put stores a chunk durably.
func (d *Disk) Put(ctx context.Context, id strata.ChunkID, ref BackRef, r io.Reader) (ChunkInfo, error) {
	const op = "blob.Put"
	if !id.Valid() {
		return ChunkInfo{}, strata.Errorf(op, strata.Invalid, "bad chunk id %q", id)
	}
	final := d.path(id)
	if _, err := os.Lstat(final); err == nil {
		return ChunkInfo{}, strata.Errorf(op, strata.Exist, "chunk %s exists", id)
	}
	if d.opts.Capacity > 0 && d.used.Load() >= d.opts.Capacity {
		return ChunkInfo{}, strata.Errorf(op, strata.NoSpace, "volume full (capacity %d bytes)", d.opts.Capacity)
	}
	tmp := filepath.Join(d.dir, "tmp", fmt.Sprintf("%s.%d", id, d.tmpSeq.Add(1)))
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return ChunkInfo{}, strata.E(op, diskKind(err), err)
	}
	info := ChunkInfo{ID: id, Ref: ref, Created: time.Now().UTC()}
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	var w io.Writer = f
	var dw *directWriter
	switch {
	case d.opts.NoSync:
	case d.noDirect.Load():
		w = &writeBehind{f: f}
	default:
		dw = newDirectWriter(f, d.refuseDirect)
		w = dw
	}
	size, sum, err := writeChunk(ctx, w, header{Ref: ref, Created: info.Created}, r)
	if err == nil && dw != nil {
		err = dw.finish()
	}
	if err != nil {
		return ChunkInfo{}, strata.E(op, diskKind(err), err)
	}
	if !d.opts.NoSync {
		if err := f.Sync(); err != nil {
			return ChunkInfo{}, strata.E(op, diskKind(err), err)
		}
	}
	if err := f.Close(); err != nil {
		return ChunkInfo{}, strata.E(op, diskKind(err), err)
	}
	parent := filepath.Dir(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return ChunkInfo{}, strata.E(op, diskKind(err), err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return ChunkInfo{}, strata.E(op, diskKind(err), err)
	}
	ok = true
	if !d.opts.NoSync {
		if err := syncDir(parent); err != nil {
			os.Remove(final)
			return ChunkInfo{}, strata.E(op, diskKind(err), err)
		}
	}
	d.chunks.Add(1)
	if fi, err := os.Stat(final); err == nil {
		d.used.Add(fi.Size())
	}
	info.Size, info.Checksum = size, fmt.Sprintf("%016x", sum)
	return info, nil
}

var blockPool = sync.Pool{New: func() any { b := make([]byte, 16*blockStride); return &b }}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func diskKind(err error) strata.Kind {
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return strata.Unavailable
	case errors.Is(err, fs.ErrNotExist):
		return strata.NotExist
	case strings.Contains(err.Error(), "no space"):
		return strata.NoSpace
	}
	if k := strata.KindOf(err); k != strata.Other {
		return k
	}
	return strata.Internal
}

// chunkFile is an open chunk with its decoded header and footer.
type chunkFile struct {
	f         *os.File
	headerLen int64
	info      ChunkInfo
}

func (d *Disk) openChunk(op string, id strata.ChunkID) (*chunkFile, error) {
	if !id.Valid() {
		return nil, strata.Errorf(op, strata.Invalid, "bad chunk id %q", id)
	}
	f, err := os.Open(d.path(id))
	if err != nil {
		return nil, strata.E(op, diskKind(err), err)
	}
	c, err := readMeta(f, id)
	if err != nil {
		f.Close()
		return nil, strata.E(op, strata.Other, err)
	}
	return c, nil
}

func readMeta(f *os.File, id strata.ChunkID) (*chunkFile, error) {
	corrupt := func(msg string) error { return strata.Errorf("blob.readMeta", strata.Corrupt, "chunk %s: %s", id, msg) }
	var pre [12]byte
	if _, err := io.ReadFull(f, pre[:]); err != nil || string(pre[:8]) != headerMagic {
		return nil, corrupt("bad header")
	}
	hl := binary.BigEndian.Uint32(pre[8:])
	if hl > 1<<20 {
		return nil, corrupt("header too large")
	}
	hb := make([]byte, hl)
	if _, err := io.ReadFull(f, hb); err != nil {
		return nil, corrupt("short header")
	}
	var h header
	if err := json.Unmarshal(hb, &h); err != nil {
		return nil, corrupt("bad header json")
	}
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	fb := make([]byte, footerSize)
	if st.Size() < int64(12+hl+footerSize) {
		return nil, corrupt("truncated")
	}
	if _, err := f.ReadAt(fb, st.Size()-footerSize); err != nil {
		return nil, corrupt("no footer")
	}
	size, sum, err := decodeFooter(fb)
	if err != nil {
		return nil, corrupt("bad footer")
	}
	if dataFileSize(int64(12+hl), size) != st.Size() {
		return nil, corrupt("size mismatch")
	}
	return &chunkFile{f: f, headerLen: int64(12 + hl), info: ChunkInfo{ID: id, Size: size,
		Checksum: fmt.Sprintf("%016x", sum), Ref: h.Ref, Created: h.Created}}, nil
}

// Stat describes a chunk from its header and footer.
func (d *Disk) Stat(ctx context.Context, id strata.ChunkID) (ChunkInfo, error) {
	c, err := d.openChunk("blob.Stat", id)
	if err != nil {
		return ChunkInfo{}, err
	}
	c.f.Close()
	return c.info, nil
}

// Open returns a verifying reader over a range of the chunk's data.
func (d *Disk) Open(ctx context.Context, id strata.ChunkID, off, length int64) (io.ReadCloser, error) {
	const op = "blob.Open"
	c, err := d.openChunk(op, id)
	if err != nil {
		return nil, err
	}
	if length < 0 {
		length = c.info.Size - off
	}
	if off < 0 || length < 0 || off+length > c.info.Size {
		c.f.Close()
		return nil, strata.Errorf(op, strata.Invalid, "range %d+%d outside chunk of %d bytes", off, length, c.info.Size)
	}
	return &blockReader{c: c, off: off, end: off + length}, nil
}

// Delete removes a chunk.
func (d *Disk) Delete(ctx context.Context, id strata.ChunkID) error {
	if !id.Valid() {
		return strata.Errorf("blob.Delete", strata.Invalid, "bad chunk id %q", id)
	}
	fi, _ := os.Stat(d.path(id))
	if err := os.Remove(d.path(id)); err != nil {
		return strata.E("blob.Delete", diskKind(err), err)
	}
	d.chunks.Add(-1)
	if fi != nil {
		d.used.Add(-fi.Size())
	}
	return nil
}

// Walk calls fn for every chunk. Chunks that cannot be read are reported
// with only their id set, so that a scrubber can see them.
func (d *Disk) Walk(ctx context.Context, fn func(ChunkInfo) error) error {
	root := filepath.Join(d.dir, "chunks")
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		id := strata.ChunkID(e.Name())
		if !id.Valid() {
			return nil
		}
		info, serr := d.Stat(ctx, id)
		if serr != nil {
			info = ChunkInfo{ID: id}
		}
		return fn(info)
	})
}

// Verify reads the whole chunk and checks every block and the whole-data
// checksum.
func (d *Disk) Verify(ctx context.Context, id strata.ChunkID) error {
	rc, err := d.Open(ctx, id, 0, -1)
	if err != nil {
		return err
	}
	defer rc.Close()
	br := rc.(*blockReader)
	h := xxh3.New()
	if _, err := io.Copy(h, br); err != nil {
		return err
	}
	if fmt.Sprintf("%016x", h.Sum64()) != br.c.info.Checksum {
		return strata.Errorf("blob.Verify", strata.Corrupt, "chunk %s: whole-data checksum mismatch", id)
	}
	return nil
}

// Usage reports space, chunk count and disk idleness.
func (d *Disk) Usage(ctx context.Context) (Usage, error) {
	total, free, err := statfs(d.dir)
	if err != nil {
		return Usage{}, strata.E("blob.Usage", strata.Unavailable, err)
	}
	if c := d.opts.Capacity; c > 0 {
		total, free = c, min(free, max(0, c-d.used.Load()))
	}
	return Usage{TotalBytes: total, FreeBytes: free, Chunks: d.chunks.Load(), IOIdle: d.io.idle()}, nil
}

// Dir is the volume's folder.
func (d *Disk) Dir() string { return d.dir }
