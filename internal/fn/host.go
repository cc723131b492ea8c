package fn

import (
	"context"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// host is what a running function may do, scoped by its manifest's
// grants: it reads the triggering bucket and the buckets granted for
// reading, writes the buckets granted for writing, always as the
// function's owner. Its writes carry the cause chain (loop guard).
type host struct {
	objects *object.Service
	m       *Manifest
	ev      *event.Event
	log     *logBuf
}

func (h *host) allowed(ctx context.Context, bucket string, grants []string, read bool) error {
	if read && bucket == h.ev.Bucket && bucket != "" {
		return nil
	}
	if !slices.Contains(grants, bucket) && !slices.Contains(grants, "*") {
		return strata.Errorf("fn.host", strata.Permission, "function %s has no grant on bucket %q", h.m.Name, bucket)
	}
	b, err := h.objects.GetBucket(ctx, bucket)
	if err != nil {
		return err
	}
	if h.m.Owner != "" && b.Account != h.m.Owner {
		return strata.Errorf("fn.host", strata.Permission, "bucket %q is not owned by %s", bucket, h.m.Owner)
	}
	return nil
}

func (h *host) ReadObject(ctx context.Context, bucket, key string) (io.ReadCloser, error) {
	if err := h.allowed(ctx, bucket, h.m.Grants.Read, true); err != nil {
		return nil, err
	}
	_, rc, err := h.objects.GetObject(ctx, bucket, key, object.GetOptions{})
	return rc, err
}

func (h *host) WriteObject(ctx context.Context, bucket, key string, body io.Reader, size int64, contentType string) error {
	if err := h.allowed(ctx, bucket, h.m.Grants.Write, false); err != nil {
		return err
	}
	opts := object.PutOptions{Size: size, Owner: h.m.Owner, Cause: append(slices.Clone(h.ev.Cause), h.m.Name)}
	if contentType != "" {
		opts.Headers = map[string]string{"Content-Type": contentType}
	}
	_, err := h.objects.PutObject(ctx, bucket, key, body, opts)
	return err
}

func (h *host) Log(line string) { h.log.add(line) }

// logBuf keeps a function's log up to a size.
type logBuf struct {
	mu        sync.Mutex
	b         strings.Builder
	max       int
	truncated bool
}

func (l *logBuf) add(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.truncated {
		return
	}
	if l.b.Len()+len(line)+1 > l.max {
		l.b.WriteString("…[log truncated]\n")
		l.truncated = true
		return
	}
	l.b.WriteString(line)
	l.b.WriteByte('\n')
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
