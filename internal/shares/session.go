package shares

import (
	"context"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/strata-storage/strata/internal/fsapi"
	"github.com/strata-storage/strata/internal/vfs"
)

// Session is one logged-in user of one protocol connection.
type Session struct {
	svc                              *Service
	accessKey, secret, account, user string
	client                           Client
	http                             *http.Client
	log                              *slog.Logger
	ctx                              context.Context // ends with Close: stops the file systems' feeds
	cancel                           context.CancelFunc

	mu      sync.Mutex
	buckets map[string]*vfs.FS
	closed  bool
}

// AccessKey is the key the session signs with.
func (s *Session) AccessKey() string { return s.accessKey }

// Account is the account of the session's user.
func (s *Session) Account() string { return s.account }

// User is the session's user name ("root" for an account's root key).
func (s *Session) User() string { return s.user }

// Log is the session's logger.
func (s *Session) Log() *slog.Logger { return s.log }

// Close stops the session's background work. Files still open are the
// caller's to release first.
func (s *Session) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.cancel()
}

// Split cleans a protocol path ("/bucket/dir/file", with or without the
// leading slash) into its bucket and the path inside it ("dir/file").
// The root is ("", ""); a bucket's own folder is (bucket, ""). ".." never
// climbs above the root.
func Split(p string) (bucket, rel string) {
	p = strings.TrimPrefix(path.Clean("/"+p), "/")
	if p == "" {
		return "", ""
	}
	bucket, rel, _ = strings.Cut(p, "/")
	return bucket, rel
}

// errno wraps an errno as the error every layer below returns.
func errno(e syscall.Errno, msg string) error { return &fsapi.Error{Errno: e, Msg: msg} }

// FS is the file system of one bucket, opened on first use and kept for
// the session. A bucket that does not exist is ENOENT; one the user may
// not reach fails on its first operation with EACCES.
func (s *Session) FS(ctx context.Context, bucket string) (*vfs.FS, error) {
	if bucket == "" {
		return nil, errno(syscall.EISDIR, "the root holds buckets, not files")
	}
	s.mu.Lock()
	fs, ok := s.buckets[bucket]
	closed := s.closed
	s.mu.Unlock()
	if ok {
		return fs, nil
	}
	if closed {
		return nil, errno(syscall.EIO, "session closed")
	}
	c := fsapi.NewClient("http://"+s.svc.cfg.Host, bucket, s.accessKey, s.secret, s.svc.cfg.Region)
	c.SetHTTP(s.http)
	fs = vfs.New(c, s.svc.cfg.VFS, s.log.With("bucket", bucket))
	if _, err := fs.Stat(ctx, ""); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.buckets[bucket]; ok {
		return prev, nil
	}
	s.buckets[bucket] = fs
	// The feed empties the list cache (when on) after other clients'
	// changes, and refreshes the leases of the locks the session holds.
	go fs.Run(s.ctx, s.svc.cfg.Poll, func(vfs.Change) {})
	return fs, nil
}

// Bucket is a top-level folder.
type Bucket struct {
	Name    string
	Created time.Time
}

// Buckets lists the buckets of the session's account, as S3 ListBuckets
// does for the same key.
func (s *Session) Buckets(ctx context.Context) ([]Bucket, error) {
	resp, err := s.s3(ctx, http.MethodGet, "/")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out struct {
		Buckets []struct {
			Name         string `xml:"Name"`
			CreationDate time.Time
		} `xml:"Buckets>Bucket"`
	}
	if err := xml.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, errno(syscall.EIO, "list buckets: "+err.Error())
	}
	bs := make([]Bucket, len(out.Buckets))
	for i, b := range out.Buckets {
		bs[i] = Bucket{Name: b.Name, Created: b.CreationDate}
	}
	return bs, nil
}

// RootEntry is the attributes of the root folder "/".
func RootEntry() vfs.Entry {
	return vfs.Entry{Ino: 1, Mode: syscall.S_IFDIR | 0o755, Nlink: 2}
}

// Stat describes any path of the tree: the root, a bucket, or a path in
// a bucket.
func (s *Session) Stat(ctx context.Context, p string) (vfs.Entry, error) {
	bucket, rel := Split(p)
	if bucket == "" {
		return RootEntry(), nil
	}
	fs, err := s.FS(ctx, bucket)
	if err != nil {
		return vfs.Entry{}, err
	}
	e, err := fs.Stat(ctx, rel)
	if err == nil && rel == "" {
		e.Name = bucket
	}
	return e, err
}

// ReadDir lists a folder: at the root, the buckets (as folders).
func (s *Session) ReadDir(ctx context.Context, p string) ([]vfs.Entry, error) {
	bucket, rel := Split(p)
	if bucket != "" {
		fs, err := s.FS(ctx, bucket)
		if err != nil {
			return nil, err
		}
		return fs.ReadDir(ctx, rel)
	}
	bs, err := s.Buckets(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]vfs.Entry, 0, len(bs))
	for _, b := range bs {
		t := b.Created.UnixNano()
		out = append(out, vfs.Entry{Name: b.Name, Mode: syscall.S_IFDIR | 0o755, Nlink: 2, Atime: t, Mtime: t, Ctime: t})
	}
	return out, nil
}

// MakeBucket creates a bucket: what mkdir does at the root. A bucket the
// account has already is EEXIST (S3 answers 200 to its owner in
// us-east-1, as AWS does).
func (s *Session) MakeBucket(ctx context.Context, name string) error {
	if resp, err := s.s3(ctx, http.MethodHead, "/"+name); err == nil {
		resp.Body.Close()
		return errno(syscall.EEXIST, "bucket "+name+" exists")
	}
	resp, err := s.s3(ctx, http.MethodPut, "/"+name)
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

// RemoveBucket deletes an empty bucket: what rmdir does at the root.
func (s *Session) RemoveBucket(ctx context.Context, name string) error {
	resp, err := s.s3(ctx, http.MethodDelete, "/"+name)
	if err != nil {
		return err
	}
	resp.Body.Close()
	s.mu.Lock()
	delete(s.buckets, name)
	s.mu.Unlock()
	return nil
}

// s3 sends one signed S3 request with no body, and maps an S3 error to
// an errno.
func (s *Session) s3(ctx context.Context, method, p string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, "http://"+s.svc.cfg.Host+p, nil)
	if err != nil {
		return nil, errno(syscall.EINVAL, err.Error())
	}
	const empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	req.Header.Set("X-Amz-Content-Sha256", empty)
	signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	creds := aws.Credentials{AccessKeyID: s.accessKey, SecretAccessKey: s.secret}
	if err := signer.SignHTTP(ctx, creds, req, empty, "s3", s.svc.cfg.Region, time.Now()); err != nil {
		return nil, errno(syscall.EIO, err.Error())
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return nil, errno(syscall.EIO, err.Error())
	}
	if resp.StatusCode/100 == 2 {
		return resp, nil
	}
	defer resp.Body.Close()
	var e struct{ Code, Message string }
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	xml.Unmarshal(b, &e)
	return nil, errno(s3Errno(resp.StatusCode, e.Code), method+" "+p+": "+e.Code+": "+e.Message)
}

// s3Errno maps an S3 error to the errno a file client understands.
func s3Errno(status int, code string) syscall.Errno {
	switch code {
	case "NoSuchBucket":
		return syscall.ENOENT
	case "BucketAlreadyExists", "BucketAlreadyOwnedByYou":
		return syscall.EEXIST
	case "BucketNotEmpty":
		return syscall.ENOTEMPTY
	case "InvalidBucketName":
		return syscall.EINVAL
	case "QuotaExceeded":
		return syscall.ENOSPC
	}
	switch {
	case status == http.StatusForbidden:
		return syscall.EACCES
	case status == http.StatusNotFound:
		return syscall.ENOENT
	case status == http.StatusServiceUnavailable:
		return syscall.EAGAIN
	}
	return syscall.EIO
}
