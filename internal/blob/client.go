package blob

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// Client is a Store on a remote blob server.
type Client struct {
	base string
	hc   *http.Client
	// StallTimeout aborts a Put whose server stops taking data for this
	// long (a hung, not dead, server); time spent waiting for the
	// caller's own reader does not count.
	StallTimeout time.Duration
}

// DefaultStallTimeout is a Client's StallTimeout.
const DefaultStallTimeout = 30 * time.Second

var (
	_ Store    = (*Client)(nil)
	_ Verifier = (*Client)(nil)
)

// DefaultHTTPClient reuses connections and bounds connection set-up; it
// has no overall timeout because chunk bodies stream for as long as they
// need (contexts bound requests).
var DefaultHTTPClient = &http.Client{Transport: &http.Transport{
	DialContext:           (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
	MaxIdleConns:          256,
	MaxIdleConnsPerHost:   64,
	IdleConnTimeout:       90 * time.Second,
	ResponseHeaderTimeout: 30 * time.Second,
}}

// NewClient returns a client for the server at base (e.g. http://10.0.0.2:9201).
func NewClient(base string, hc *http.Client) *Client {
	if hc == nil {
		hc = DefaultHTTPClient
	}
	return &Client{base: strings.TrimRight(base, "/"), hc: hc, StallTimeout: DefaultStallTimeout}
}

func (c *Client) do(ctx context.Context, op, method, path string, body io.Reader, hdr http.Header) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return nil, strata.E(op, strata.Invalid, err)
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	resp, err := c.hc.Do(req)
	// Requests without a body are idempotent: retry a transport failure
	// (a reset pooled connection) twice, briefly. A refused connection
	// means the server is down: fail at once so reads fail over.
	for attempt := 1; err != nil && body == nil && attempt <= 2 && ctx.Err() == nil && !errors.Is(err, syscall.ECONNREFUSED); attempt++ {
		select {
		case <-ctx.Done():
		case <-time.After(time.Duration(attempt) * 50 * time.Millisecond):
		}
		if req, err = http.NewRequestWithContext(ctx, method, c.base+path, nil); err != nil {
			break
		}
		for k, v := range hdr {
			req.Header[k] = v
		}
		resp, err = c.hc.Do(req)
	}
	if err != nil {
		return nil, strata.E(op, strata.Unavailable, err)
	}
	if resp.StatusCode >= 300 {
		defer resp.Body.Close()
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		k, _ := strconv.Atoi(resp.Header.Get(hdrKind))
		kind := strata.Kind(k)
		if kind == strata.Other {
			kind = strata.Unavailable
		}
		return nil, strata.Errorf(op, kind, "%s", strings.TrimSpace(string(msg)))
	}
	return resp, nil
}

func chunkPath(id strata.ChunkID) string { return "/chunk/" + url.PathEscape(string(id)) }

func infoFrom(id strata.ChunkID, h http.Header) ChunkInfo {
	size, _ := strconv.ParseInt(h.Get(hdrSize), 10, 64)
	created, _ := time.Parse(time.RFC3339Nano, h.Get(hdrCreated))
	obj, _ := url.PathUnescape(h.Get(hdrObject))
	return ChunkInfo{ID: id, Size: size, Checksum: h.Get(hdrChecksum), Created: created,
		Ref: BackRef{Container: h.Get(hdrContainer), Object: obj, Version: h.Get(hdrVersion), Position: h.Get(hdrPosition)}}
}

// Put streams a chunk to the server.
func (c *Client) Put(ctx context.Context, id strata.ChunkID, ref BackRef, r io.Reader) (ChunkInfo, error) {
	h := http.Header{}
	h.Set(hdrContainer, ref.Container)
	h.Set(hdrObject, url.PathEscape(ref.Object))
	h.Set(hdrVersion, ref.Version)
	h.Set(hdrPosition, ref.Position)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	body := &stallReader{r: r, last: time.Now()}
	if c.StallTimeout > 0 {
		go body.watch(ctx, c.StallTimeout, cancel)
	}
	resp, err := c.do(ctx, "blob.Client.Put", http.MethodPut, chunkPath(id), io.NopCloser(body), h)
	if err != nil {
		if cause := context.Cause(ctx); errors.Is(cause, errStalled) {
			return ChunkInfo{}, strata.E("blob.Client.Put", strata.Unavailable, cause)
		}
		return ChunkInfo{}, err
	}
	resp.Body.Close()
	return infoFrom(id, resp.Header), nil
}

// Open streams a range of a chunk; a connection broken mid-body (the
// server found corruption) reads as a strata.Corrupt error.
func (c *Client) Open(ctx context.Context, id strata.ChunkID, off, length int64) (io.ReadCloser, error) {
	h := http.Header{}
	if off != 0 || length >= 0 {
		end := ""
		if length >= 0 {
			if length == 0 {
				return io.NopCloser(strings.NewReader("")), nil
			}
			end = strconv.FormatInt(off+length-1, 10)
		}
		h.Set("Range", fmt.Sprintf("bytes=%d-%s", off, end))
	}
	resp, err := c.do(ctx, "blob.Client.Open", http.MethodGet, chunkPath(id), nil, h)
	if err != nil {
		return nil, err
	}
	return &remoteReader{rc: resp.Body, id: id}, nil
}

type remoteReader struct {
	rc io.ReadCloser
	id strata.ChunkID
}

func (r *remoteReader) Read(p []byte) (int, error) {
	n, err := r.rc.Read(p)
	if err != nil && err != io.EOF {
		err = strata.Errorf("blob.Client.Read", strata.Corrupt, "chunk %s: stream broken: %v", r.id, err)
	}
	return n, err
}

func (r *remoteReader) Close() error { return r.rc.Close() }

// Stat describes a chunk.
func (c *Client) Stat(ctx context.Context, id strata.ChunkID) (ChunkInfo, error) {
	resp, err := c.do(ctx, "blob.Client.Stat", http.MethodHead, chunkPath(id), nil, nil)
	if err != nil {
		return ChunkInfo{}, err
	}
	resp.Body.Close()
	return infoFrom(id, resp.Header), nil
}

// Verify has the server read the whole chunk and check its checksums.
func (c *Client) Verify(ctx context.Context, id strata.ChunkID) error {
	resp, err := c.do(ctx, "blob.Client.Verify", http.MethodPost, chunkPath(id)+"/verify", nil, nil)
	if err == nil {
		resp.Body.Close()
	}
	return err
}

// Delete removes a chunk.
func (c *Client) Delete(ctx context.Context, id strata.ChunkID) error {
	resp, err := c.do(ctx, "blob.Client.Delete", http.MethodDelete, chunkPath(id), nil, nil)
	if err == nil {
		resp.Body.Close()
	}
	return err
}

// Walk lists every chunk of the remote volume.
func (c *Client) Walk(ctx context.Context, fn func(ChunkInfo) error) error {
	resp, err := c.do(ctx, "blob.Client.Walk", http.MethodGet, "/chunks", nil, nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var ci ChunkInfo
		if err := json.Unmarshal(sc.Bytes(), &ci); err != nil || ci.ID == "" {
			return strata.Errorf("blob.Client.Walk", strata.Unavailable, "bad listing line %q", sc.Text())
		}
		if err := fn(ci); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, io.EOF) {
		return strata.E("blob.Client.Walk", strata.Unavailable, err)
	}
	return nil
}

// Usage reports the remote volume's usage.
func (c *Client) Usage(ctx context.Context) (Usage, error) {
	resp, err := c.do(ctx, "blob.Client.Usage", http.MethodGet, "/usage", nil, nil)
	if err != nil {
		return Usage{}, err
	}
	defer resp.Body.Close()
	var u Usage
	if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
		return u, strata.E("blob.Client.Usage", strata.Unavailable, err)
	}
	return u, nil
}

var errStalled = errors.New("blob server stopped taking data")

// stallReader notes when the transport last came back for data; the
// watchdog cancels the request when it stays away too long.
type stallReader struct {
	r      io.Reader
	mu     sync.Mutex
	inRead bool
	done   bool // the body is sent: ResponseHeaderTimeout takes over
	last   time.Time
}

func (s *stallReader) Read(p []byte) (int, error) {
	s.mu.Lock()
	s.inRead = true
	s.mu.Unlock()
	n, err := s.r.Read(p)
	s.mu.Lock()
	s.inRead, s.last, s.done = false, time.Now(), err != nil
	s.mu.Unlock()
	return n, err
}

func (s *stallReader) watch(ctx context.Context, limit time.Duration, cancel context.CancelCauseFunc) {
	t := time.NewTicker(max(limit/10, 10*time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.mu.Lock()
			stalled := !s.inRead && !s.done && time.Since(s.last) > limit
			done := s.done
			s.mu.Unlock()
			if done {
				return
			}
			if stalled {
				cancel(errStalled)
				return
			}
		}
	}
}
