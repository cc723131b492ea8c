package wasm

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"

	"github.com/strata-storage/strata/internal/fn/invoke"
)

const (
	hostModule = "strata"
	maxHandles = 64
)

// instance is the per-invocation state the host functions work on. The
// host module is shared by all instances of a wazero.Runtime, so each
// call finds its instance in the context.
type instance struct {
	host    invoke.Host
	limits  invoke.Limits
	sink    *logSink
	handles map[int32]*handle
	next    int32
}

type instanceKey struct{}

func instanceFrom(ctx context.Context) *instance {
	in, _ := ctx.Value(instanceKey{}).(*instance)
	return in
}

// handle is an object opened by the guest.
type handle struct {
	r    io.ReadCloser
	read int64  // bytes given to the guest so far
	buf  []byte // bytes taken from r but not yet given (after a size probe)
	size int64  // -1 until known
}

// closeAll releases handles the guest left open.
func (in *instance) closeAll() {
	for h, o := range in.handles {
		o.r.Close()
		delete(in.handles, h)
	}
}

// hostError reports err in the function's log, where its author can see
// it (the guest only gets a number), and returns its errno.
func (in *instance) hostError(op string, err error) int32 {
	in.sink.line(fmt.Sprintf("strata: %s: %v", op, err))
	return errno(err)
}

// instantiateHost adds the "strata" host module to rt.
func instantiateHost(ctx context.Context, rt wazero.Runtime) error {
	_, err := rt.NewHostModuleBuilder(hostModule).
		NewFunctionBuilder().WithFunc(objectOpen).Export("object_open").
		NewFunctionBuilder().WithFunc(objectSize).Export("object_size").
		NewFunctionBuilder().WithFunc(objectRead).Export("object_read").
		NewFunctionBuilder().WithFunc(objectClose).Export("object_close").
		NewFunctionBuilder().WithFunc(objectWrite).Export("object_write").
		NewFunctionBuilder().WithFunc(logLine).Export("log").
		Instantiate(ctx)
	return err
}

// str copies a guest string; ok is false if the range is outside memory.
func str(m api.Module, ptr, n uint32) (string, bool) {
	b, ok := m.Memory().Read(ptr, n)
	return string(b), ok
}

func objectOpen(ctx context.Context, m api.Module, bPtr, bLen, kPtr, kLen uint32) int32 {
	in := instanceFrom(ctx)
	bucket, ok1 := str(m, bPtr, bLen)
	key, ok2 := str(m, kPtr, kLen)
	if in == nil || !ok1 || !ok2 {
		return -errInvalid
	}
	if len(in.handles) >= maxHandles {
		return -errTooMany
	}
	r, err := in.host.ReadObject(ctx, bucket, key)
	if err != nil {
		return in.hostError("read "+bucket+"/"+key, err)
	}
	in.next++
	in.handles[in.next] = &handle{r: r, size: -1}
	return in.next
}

func objectSize(ctx context.Context, h int32) int64 {
	in := instanceFrom(ctx)
	if in == nil {
		return -errInvalid
	}
	o := in.handles[h]
	if o == nil {
		return -errBadHandle
	}
	if o.size >= 0 {
		return o.size
	}
	if n, ok := knownSize(o.r); ok {
		o.size = o.read + n
		return o.size
	}
	// Unknown: buffer the rest, up to what the guest could ever hold.
	limit := int64(in.limits.MemoryMiB) << 20
	b, err := io.ReadAll(io.LimitReader(o.r, limit+1))
	o.buf = append(o.buf, b...)
	if err != nil {
		return int64(in.hostError("size", err))
	}
	if int64(len(o.buf)) > limit {
		return -errTooLarge
	}
	o.size = o.read + int64(len(o.buf))
	return o.size
}

// knownSize returns the bytes left in r when r can tell without reading.
func knownSize(r io.Reader) (int64, bool) {
	switch v := r.(type) {
	case interface{ Len() int }: // bytes.Reader, strings.Reader: remaining
		return int64(v.Len()), true
	case interface{ Stat() (fs.FileInfo, error) }:
		if s, ok := v.(io.Seeker); ok {
			fi, err1 := v.Stat()
			off, err2 := s.Seek(0, io.SeekCurrent)
			if err1 == nil && err2 == nil && fi.Mode().IsRegular() {
				return fi.Size() - off, true
			}
		}
	}
	return 0, false
}

func objectRead(ctx context.Context, m api.Module, h int32, ptr, n uint32) int32 {
	in := instanceFrom(ctx)
	if in == nil {
		return -errInvalid
	}
	o := in.handles[h]
	if o == nil {
		return -errBadHandle
	}
	n = min(n, 1<<30)                  // the result is an i32
	dst, ok := m.Memory().Read(ptr, n) // a view: reading into it fills guest memory
	if !ok {
		return -errInvalid
	}
	if n == 0 {
		return 0
	}
	if len(o.buf) > 0 {
		c := copy(dst, o.buf)
		o.buf = o.buf[c:]
		o.read += int64(c)
		return int32(c)
	}
	for {
		c, err := o.r.Read(dst)
		o.read += int64(c)
		if c > 0 {
			return int32(c)
		}
		if err == io.EOF {
			return 0
		}
		if err != nil {
			return in.hostError("read", err)
		}
	}
}

func objectClose(ctx context.Context, h int32) int32 {
	in := instanceFrom(ctx)
	if in == nil {
		return -errInvalid
	}
	o := in.handles[h]
	if o == nil {
		return -errBadHandle
	}
	delete(in.handles, h)
	if err := o.r.Close(); err != nil {
		return in.hostError("close", err)
	}
	return 0
}

func objectWrite(ctx context.Context, m api.Module, bPtr, bLen, kPtr, kLen, dPtr, dLen, cPtr, cLen uint32) int32 {
	in := instanceFrom(ctx)
	bucket, ok1 := str(m, bPtr, bLen)
	key, ok2 := str(m, kPtr, kLen)
	ctype, ok3 := str(m, cPtr, cLen)
	// A view of guest memory: no copy, and the guest is paused meanwhile.
	data, ok4 := m.Memory().Read(dPtr, dLen)
	if in == nil || !ok1 || !ok2 || !ok3 || !ok4 {
		return -errInvalid
	}
	if int64(len(data)) > int64(in.limits.OutputMiB)<<20 {
		in.sink.line(fmt.Sprintf("strata: write %s/%s: %d bytes is over the %d MiB output limit",
			bucket, key, len(data), in.limits.OutputMiB))
		return -errTooLarge
	}
	err := in.host.WriteObject(ctx, bucket, key, bytes.NewReader(data), int64(len(data)), ctype)
	if err != nil {
		return in.hostError("write "+bucket+"/"+key, err)
	}
	return 0
}

func logLine(ctx context.Context, m api.Module, ptr, n uint32) {
	in := instanceFrom(ctx)
	if in == nil {
		return
	}
	s, ok := str(m, ptr, min(n, uint32(in.limits.LogBytes)))
	if !ok {
		return
	}
	for _, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		in.sink.line(l)
	}
}
