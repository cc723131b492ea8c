//go:build wasip1

package fn

import (
	"runtime"
	"unsafe"
)

const inside = true

// The host module "strata" (internal/fn/wasm). Results below zero are
// error numbers, see errnoErr.

//go:wasmimport strata object_open
func objectOpen(bucket unsafe.Pointer, bucketLen uint32, key unsafe.Pointer, keyLen uint32) int32

//go:wasmimport strata object_size
func objectSize(h int32) int64

//go:wasmimport strata object_read
func objectRead(h int32, buf unsafe.Pointer, bufLen uint32) int32

//go:wasmimport strata object_close
func objectClose(h int32) int32

//go:wasmimport strata object_write
func objectWrite(bucket unsafe.Pointer, bucketLen uint32, key unsafe.Pointer, keyLen uint32,
	data unsafe.Pointer, dataLen uint32, ctype unsafe.Pointer, ctypeLen uint32) int32

//go:wasmimport strata log
func logLine(p unsafe.Pointer, n uint32)

func strPtr(s string) (unsafe.Pointer, uint32) {
	return unsafe.Pointer(unsafe.StringData(s)), uint32(len(s))
}

func bytesPtr(b []byte) (unsafe.Pointer, uint32) {
	return unsafe.Pointer(unsafe.SliceData(b)), uint32(len(b))
}

func hostOpen(bucket, key string) (int32, error) {
	bp, bl := strPtr(bucket)
	kp, kl := strPtr(key)
	h := objectOpen(bp, bl, kp, kl)
	runtime.KeepAlive(bucket)
	runtime.KeepAlive(key)
	return h, errnoErr(int64(h))
}

func hostSize(h int32) (int64, error) {
	n := objectSize(h)
	return n, errnoErr(n)
}

func hostRead(h int32, p []byte) (int, error) {
	if len(p) > 1<<30 {
		p = p[:1<<30] // the result must fit an int32
	}
	bp, bl := bytesPtr(p)
	n := objectRead(h, bp, bl)
	runtime.KeepAlive(p)
	if err := errnoErr(int64(n)); err != nil {
		return 0, err
	}
	return int(n), nil
}

func hostClose(h int32) error { return errnoErr(int64(objectClose(h))) }

func hostWrite(bucket, key string, data []byte, contentType string) error {
	bp, bl := strPtr(bucket)
	kp, kl := strPtr(key)
	dp, dl := bytesPtr(data)
	cp, cl := strPtr(contentType)
	r := objectWrite(bp, bl, kp, kl, dp, dl, cp, cl)
	runtime.KeepAlive(bucket)
	runtime.KeepAlive(key)
	runtime.KeepAlive(data)
	runtime.KeepAlive(contentType)
	return errnoErr(int64(r))
}

func hostLog(line string) {
	p, n := strPtr(line)
	logLine(p, n)
	runtime.KeepAlive(line)
}
