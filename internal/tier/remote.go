package tier

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/strata-storage/strata/internal/strata"
)

// partSize is the part size of multipart uploads to a tier: bodies of
// unknown length are streamed in parts of this size (one part in memory).
const partSize = 16 << 20

// Remote is a client of one tier: keys are relative to its prefix.
type Remote struct {
	t  Tier
	mc *minio.Client
}

func newRemote(t Tier) (*Remote, error) {
	const op = "tier.Remote"
	u, err := url.Parse(t.Endpoint)
	if err != nil {
		return nil, strata.E(op, strata.Invalid, err)
	}
	opts := &minio.Options{Creds: credentials.NewStaticV4(t.AccessKey, t.SecretKey, ""),
		Secure: u.Scheme == "https", Region: t.Region, BucketLookup: minio.BucketLookupPath,
		MaxRetries: 3} // a dead tier fails a request in about a second, not after minutes of backoff
	if opts.Region == "" {
		opts.Region = "us-east-1"
	}
	if t.CA != "" {
		roots := x509.NewCertPool()
		if !roots.AppendCertsFromPEM([]byte(t.CA)) {
			return nil, strata.Errorf(op, strata.Invalid, "tier %s: no certificate in its CA", t.Name)
		}
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.TLSClientConfig = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
		opts.Transport = tr
	}
	mc, err := minio.New(u.Host, opts)
	if err != nil {
		return nil, strata.E(op, strata.Invalid, err)
	}
	return &Remote{t: t, mc: mc}, nil
}

// Name is the tier's name.
func (r *Remote) Name() string { return r.t.Name }

func (r *Remote) key(k string) string {
	if r.t.Prefix == "" {
		return k
	}
	return strings.TrimSuffix(r.t.Prefix, "/") + "/" + k
}

// Put streams body (size bytes, or -1 if unknown) to the remote object
// key and returns the bytes written. Large bodies go up as a multipart
// upload in parts of 16 MiB.
func (r *Remote) Put(ctx context.Context, key string, body io.Reader, size int64) (int64, error) {
	info, err := r.mc.PutObject(ctx, r.t.Bucket, r.key(key), body, size,
		minio.PutObjectOptions{PartSize: partSize, ContentType: "application/octet-stream", DisableContentSha256: true})
	if err != nil {
		return 0, r.err("tier.Put", err)
	}
	return info.Size, nil
}

// Open reads length bytes at off of the remote object key.
func (r *Remote) Open(ctx context.Context, key string, off, length int64) (io.ReadCloser, error) {
	var opts minio.GetObjectOptions
	if length > 0 {
		if err := opts.SetRange(off, off+length-1); err != nil {
			return nil, strata.E("tier.Open", strata.Invalid, err)
		}
	}
	obj, err := r.mc.GetObject(ctx, r.t.Bucket, r.key(key), opts)
	if err != nil {
		return nil, r.err("tier.Open", err)
	}
	// GetObject is lazy: Stat makes the request, so that a missing object
	// or a dead tier fails here rather than in the first Read.
	if _, err := obj.Stat(); err != nil {
		obj.Close()
		return nil, r.err("tier.Open", err)
	}
	if length == 0 {
		obj.Close()
		return io.NopCloser(strings.NewReader("")), nil
	}
	return obj, nil
}

// Delete removes the remote object key (no error if it is gone).
func (r *Remote) Delete(ctx context.Context, key string) error {
	if err := r.mc.RemoveObject(ctx, r.t.Bucket, r.key(key), minio.RemoveObjectOptions{}); err != nil {
		return r.err("tier.Delete", err)
	}
	return nil
}

// err gives a remote failure its kind: a missing object is NotExist,
// refused credentials Permission, anything else (the tier is down or
// unreachable) Unavailable.
func (r *Remote) err(op string, err error) error {
	if resp := minio.ToErrorResponse(err); resp.StatusCode != 0 {
		switch {
		case resp.Code == "NoSuchKey" || resp.StatusCode == http.StatusNotFound:
			return strata.Errorf(op, strata.NotExist, "tier %s: %s", r.t.Name, resp.Message)
		case resp.StatusCode == http.StatusForbidden:
			return strata.Errorf(op, strata.Permission, "tier %s: %s: %s", r.t.Name, resp.Code, resp.Message)
		}
	}
	return strata.Errorf(op, strata.Unavailable, "tier %s: %v", r.t.Name, err)
}

// List calls fn for every object under the tier's prefix whose key
// (relative to the prefix) sorts after after, in key order. An error
// from fn stops the listing and is returned.
func (r *Remote) List(ctx context.Context, after string, fn func(key string, size int64, modified time.Time) error) error {
	pfx := ""
	if r.t.Prefix != "" {
		pfx = strings.TrimSuffix(r.t.Prefix, "/") + "/"
	}
	opts := minio.ListObjectsOptions{Prefix: pfx, Recursive: true}
	if after != "" {
		opts.StartAfter = pfx + after
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the listing goroutine when fn fails
	for o := range r.mc.ListObjects(ctx, r.t.Bucket, opts) {
		if o.Err != nil {
			return r.err("tier.List", o.Err)
		}
		if err := fn(strings.TrimPrefix(o.Key, pfx), o.Size, o.LastModified); err != nil {
			return err
		}
	}
	return ctx.Err()
}
