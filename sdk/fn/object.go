package fn

import (
	"errors"
	"fmt"
	"io"
)

// Object is an open object being read from the host. It is not safe for
// concurrent use.
type Object struct {
	h      int32
	closed bool
}

// OpenObject opens an object for streaming reads; close it when done.
// Use it instead of ReadObject for objects too big to hold in memory.
func OpenObject(bucket, key string) (*Object, error) {
	h, err := hostOpen(bucket, key)
	if err != nil {
		return nil, fmt.Errorf("open %s/%s: %w", bucket, key, err)
	}
	return &Object{h: h}, nil
}

// Size returns the object's size in bytes.
func (o *Object) Size() (int64, error) {
	if o.closed {
		return 0, ErrBadHandle
	}
	return hostSize(o.h)
}

// Read implements io.Reader.
func (o *Object) Read(p []byte) (int, error) {
	if o.closed {
		return 0, ErrBadHandle
	}
	if len(p) == 0 {
		return 0, nil
	}
	n, err := hostRead(o.h, p)
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// Close releases the object's handle.
func (o *Object) Close() error {
	if o.closed {
		return nil
	}
	o.closed = true
	return hostClose(o.h)
}

// ReadObject returns the whole content of an object.
func ReadObject(bucket, key string) ([]byte, error) {
	o, err := OpenObject(bucket, key)
	if err != nil {
		return nil, err
	}
	defer o.Close()
	size, err := o.Size()
	if errors.Is(err, ErrTooLarge) {
		return nil, fmt.Errorf("read %s/%s: %w", bucket, key, err)
	}
	buf := make([]byte, 0, max(size, 0)+1) // +1 so EOF needs no regrowth
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := o.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s/%s: %w", bucket, key, err)
		}
	}
}

// WriteObject stores data as an object. The function's grants decide
// which buckets it may write to.
func WriteObject(bucket, key string, data []byte, contentType string) error {
	if err := hostWrite(bucket, key, data, contentType); err != nil {
		return fmt.Errorf("write %s/%s: %w", bucket, key, err)
	}
	return nil
}

// Log records one line in the invocation's log.
func Log(format string, args ...any) {
	hostLog(fmt.Sprintf(format, args...))
}
