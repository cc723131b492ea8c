package fsapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/strata-storage/strata/internal/filetree"
)

// Client calls the API of one bucket.
type Client struct {
	endpoint string
	bucket   string
	creds    aws.Credentials
	region   string
	signer   *v4.Signer
	http     *http.Client
	session  string
	deferred bool // changes durable within a bound (SyncHeader)
}

// SetSession names the mount session the client's changes come from.
func (c *Client) SetSession(s string) { c.session = s }

// SetDeferredSync makes the gateway answer the client's changes once
// they are visible, before they are durable: each is durable within
// meta.DeferredSyncBound, or at the next Sync.
func (c *Client) SetDeferredSync(on bool) { c.deferred = on }

// NewClient returns a client of bucket at endpoint (the S3 URL).
func NewClient(endpoint, bucket, accessKey, secretKey, region string) *Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	tr.MaxIdleConns = 128
	tr.ResponseHeaderTimeout = 2 * time.Minute // requests are not cancelled (see do)
	return &Client{endpoint: strings.TrimRight(endpoint, "/"), bucket: bucket, region: region,
		creds:  aws.Credentials{AccessKeyID: accessKey, SecretAccessKey: secretKey},
		signer: v4.NewSigner(), http: &http.Client{Transport: tr}}
}

// SetHTTP makes the client send its requests through hc: a client that
// trusts the cluster's CA, or one whose transport calls a gateway in the
// same process (see internal/shares).
func (c *Client) SetHTTP(hc *http.Client) { c.http = hc }

// Bucket returns the bucket the client works on.
func (c *Client) Bucket() string { return c.bucket }

// Error is an API error with its errno.
type Error struct {
	Errno syscall.Errno
	Msg   string
}

func (e *Error) Error() string { return e.Msg }

// Unwrap lets errors.Is match the errno.
func (e *Error) Unwrap() error { return e.Errno }

// Errno returns the errno of an error from the client: the gateway's, or
// EIO for transport failures.
func Errno(err error) syscall.Errno {
	if err == nil {
		return 0
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Errno
	}
	if errors.Is(err, context.Canceled) {
		return syscall.EINTR
	}
	return syscall.EIO
}

// do sends one signed request and returns the response (status 200) or
// the API error.
func (c *Client) do(ctx context.Context, method, op string, q url.Values, hdr http.Header, body io.Reader, size int64) (*http.Response, error) {
	u := c.endpoint + Prefix + url.PathEscape(c.bucket) + "/" + op
	if len(q) > 0 {
		u += "?" + strings.ReplaceAll(q.Encode(), "+", "%20")
	}
	// The kernel interrupts a request whenever the caller's thread gets a
	// signal, and Go programs get SIGURG all the time. Gateway calls are
	// short, so they finish; waits (locks) watch ctx between calls.
	req, err := http.NewRequestWithContext(context.WithoutCancel(ctx), method, u, body)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.ContentLength = size
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
	if c.session != "" {
		req.Header.Set("X-Strata-Session", c.session)
	}
	if c.deferred {
		req.Header.Set(SyncHeader, SyncDeferred)
	}
	if err := c.signer.SignHTTP(ctx, c.creds, req, "UNSIGNED-PAYLOAD", "s3", c.region, time.Now()); err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, &Error{Errno: syscall.EIO, Msg: err.Error()}
	}
	if resp.StatusCode == http.StatusOK {
		return resp, nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	var eb ErrorBody
	if json.Unmarshal(b, &eb) == nil && eb.Errno != 0 {
		return nil, &Error{Errno: eb.localErrno(), Msg: eb.Error}
	}
	errno := syscall.EIO
	if resp.StatusCode == http.StatusForbidden {
		errno = syscall.EACCES
	}
	return nil, &Error{Errno: errno, Msg: fmt.Sprintf("%s %s: %s", op, resp.Status, bytes.TrimSpace(b))}
}

// call sends a request and decodes its JSON answer into out (if not nil).
func (c *Client) call(ctx context.Context, method, op string, q url.Values, in any, out any) error {
	var body io.Reader
	var size int64
	if in != nil {
		b, _ := json.Marshal(in)
		body, size = bytes.NewReader(b), int64(len(b))
	}
	resp, err := c.do(ctx, method, op, q, nil, body, size)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if out == nil {
		io.Copy(io.Discard, resp.Body)
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return &Error{Errno: syscall.EIO, Msg: "bad answer: " + err.Error()}
	}
	return nil
}

func pathQ(p string, kv ...string) url.Values {
	q := url.Values{"path": {p}}
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	return q
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// Stat describes a path.
func (c *Client) Stat(ctx context.Context, p string) (filetree.Entry, error) {
	var e filetree.Entry
	err := c.call(ctx, "GET", "stat", pathQ(p), nil, &e)
	return e, err
}

// List returns one page of a directory.
func (c *Client) List(ctx context.Context, p, after string, max int) (ListResult, error) {
	var res ListResult
	err := c.call(ctx, "GET", "list", pathQ(p, "after", after, "max", strconv.Itoa(max)), nil, &res)
	return res, err
}

// Mkdir creates a directory.
func (c *Client) Mkdir(ctx context.Context, p string, a filetree.FileAttr) (filetree.Entry, error) {
	var e filetree.Entry
	err := c.call(ctx, "POST", "mkdir", pathQ(p), a, &e)
	return e, err
}

// Create creates (or with excl false, opens) a regular file.
func (c *Client) Create(ctx context.Context, p string, a filetree.FileAttr, excl bool) (filetree.Entry, error) {
	var e filetree.Entry
	err := c.call(ctx, "POST", "create", pathQ(p, "excl", flag(excl)), a, &e)
	return e, err
}

// Symlink creates a symbolic link.
func (c *Client) Symlink(ctx context.Context, p, target string, a filetree.FileAttr) (filetree.Entry, error) {
	var e filetree.Entry
	err := c.call(ctx, "POST", "symlink", pathQ(p, "target", target), a, &e)
	return e, err
}

// Link makes newPath a hard link of oldPath.
func (c *Client) Link(ctx context.Context, oldPath, newPath string) (filetree.Entry, error) {
	var e filetree.Entry
	err := c.call(ctx, "POST", "link", pathQ(oldPath, "to", newPath), nil, &e)
	return e, err
}

// Unlink removes a file.
func (c *Client) Unlink(ctx context.Context, p string) error {
	return c.call(ctx, "POST", "unlink", pathQ(p), nil, nil)
}

// Sync returns once every change the bucket's gateway answered before
// it is durable (a no-op unless changes were sent with SetDeferredSync).
func (c *Client) Sync(ctx context.Context) error {
	return c.call(ctx, "POST", "sync", nil, nil, nil)
}

// Rmdir removes an empty directory.
func (c *Client) Rmdir(ctx context.Context, p string) error {
	return c.call(ctx, "POST", "rmdir", pathQ(p), nil, nil)
}

// Rename moves a file or directory.
func (c *Client) Rename(ctx context.Context, oldPath, newPath string, flags uint32) error {
	return c.call(ctx, "POST", "rename", pathQ(oldPath, "to", newPath, "flags", strconv.Itoa(int(flags))), nil, nil)
}

// SetAttr changes mode, owner or times.
func (c *Client) SetAttr(ctx context.Context, p string, set filetree.SetAttr) (filetree.Entry, error) {
	var e filetree.Entry
	err := c.call(ctx, "POST", "setattr", pathQ(p), set, &e)
	return e, err
}

// Truncate sets a file's size, pending or published.
func (c *Client) Truncate(ctx context.Context, p string, size int64, publish bool) (filetree.Entry, error) {
	var e filetree.Entry
	err := c.call(ctx, "POST", "truncate", pathQ(p, "size", strconv.FormatInt(size, 10), "publish", flag(publish)), nil, &e)
	return e, err
}

// Write sends dirty extents (body holds the runs end to end) as a log
// write, publishing the file with publish.
func (c *Client) Write(ctx context.Context, p string, runs []filetree.Run, body []byte, publish bool, mtime int64) (filetree.Entry, error) {
	return c.WriteSetAttr(ctx, p, runs, body, publish, mtime, nil)
}

// WriteSetAttr is Write; with set (and publish) the gateway also makes
// set's attribute changes after the publish, in the same commit.
func (c *Client) WriteSetAttr(ctx context.Context, p string, runs []filetree.Run, body []byte, publish bool, mtime int64, set *filetree.SetAttr) (filetree.Entry, error) {
	rb, _ := json.Marshal(runs)
	hdr := http.Header{"X-Strata-Runs": {string(rb)}}
	if set != nil {
		sb, _ := json.Marshal(set)
		hdr.Set(SetAttrHeader, string(sb))
	}
	q := pathQ(p, "publish", flag(publish), "mtime", strconv.FormatInt(mtime, 10))
	resp, err := c.do(ctx, "POST", "write", q, hdr, bytes.NewReader(body), int64(len(body)))
	if err != nil {
		return filetree.Entry{}, err
	}
	defer resp.Body.Close()
	var e filetree.Entry
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
		return e, &Error{Errno: syscall.EIO, Msg: "bad answer: " + err.Error()}
	}
	return e, nil
}

// Publish makes a file's pending writes its object's content.
func (c *Client) Publish(ctx context.Context, p string, mtime int64) (filetree.Entry, error) {
	var e filetree.Entry
	err := c.call(ctx, "POST", "publish", pathQ(p, "mtime", strconv.FormatInt(mtime, 10)), nil, &e)
	return e, err
}

// ReadAt reads into buf at off and returns the bytes read and the file's
// size.
func (c *Client) ReadAt(ctx context.Context, p string, buf []byte, off int64) (int, int64, error) {
	q := pathQ(p, "off", strconv.FormatInt(off, 10), "len", strconv.Itoa(len(buf)))
	resp, err := c.do(ctx, "GET", "read", q, nil, nil, 0)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	size, _ := strconv.ParseInt(resp.Header.Get("X-Strata-Size"), 10, 64)
	n, err := io.ReadFull(resp.Body, buf)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	if err != nil {
		return n, size, &Error{Errno: syscall.EIO, Msg: err.Error()}
	}
	return n, size, nil
}

// Xattrs returns every xattr of a path.
func (c *Client) Xattrs(ctx context.Context, p string) (map[string][]byte, error) {
	var m map[string][]byte
	err := c.call(ctx, "GET", "xattrs", pathQ(p), nil, &m)
	return m, err
}

// SetXattr sets an xattr, or removes it when value is nil.
func (c *Client) SetXattr(ctx context.Context, p, name string, value []byte, flags uint32) error {
	hdr := http.Header{}
	if value == nil {
		hdr.Set("X-Strata-Remove", "1")
	}
	resp, err := c.do(ctx, "POST", "setxattr", pathQ(p, "name", name, "flags", strconv.Itoa(int(flags))), hdr, bytes.NewReader(value), int64(len(value)))
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

// Changes returns the change feed from since. With skip, the changes of
// that mount session are left out (a keyless marker stands for the
// newest of them, to move the cursor on); a gateway that predates it
// sends them all, which the caller skips by their origin.
func (c *Client) Changes(ctx context.Context, since int64, max int, skip string) ([]filetree.Change, error) {
	var out []filetree.Change
	q := url.Values{"since": {strconv.FormatInt(since, 10)}, "max": {strconv.Itoa(max)}}
	if skip != "" {
		q.Set("skip", skip)
	}
	err := c.call(ctx, "GET", "changes", q, nil, &out)
	return out, err
}

// Lock runs a lock action.
func (c *Client) Lock(ctx context.Context, req LockRequest) (filetree.Lock, error) {
	var out filetree.Lock
	err := c.call(ctx, "POST", "lock", nil, req, &out)
	return out, err
}
