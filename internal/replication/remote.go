package replication

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	smithy "github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// ReplicaHeader marks the replicator's writes (see internal/s3).
const ReplicaHeader = "X-Strata-Replica"

// remote is a target's bucket as the replicator writes it.
type remote struct {
	t  Target
	c  *s3.Client
	hc *http.Client
	at time.Time // when the target was last read (see Service.remote)
}

// dial builds the S3 client of a target. Checksums are sent only when
// required, so that any S3 endpoint accepts the writes.
func dial(t Target) (*remote, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	if t.CA != "" || t.Insecure {
		cfg := &tls.Config{InsecureSkipVerify: t.Insecure}
		if t.CA != "" {
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM([]byte(t.CA)) {
				return nil, strata.Errorf("replication.dial", strata.Invalid, "target %s: no certificate in its CA", t.Name)
			}
			cfg.RootCAs = pool
		}
		tr.TLSClientConfig = cfg
	}
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Minute}
	region := t.Region
	if region == "" {
		region = "us-east-1"
	}
	c := s3.New(s3.Options{
		BaseEndpoint: aws.String(t.Endpoint), Region: region, UsePathStyle: true, HTTPClient: hc,
		Credentials:                credentials.NewStaticCredentialsProvider(t.AccessKey, t.SecretKey, ""),
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
		RetryMaxAttempts:           1, // the replicator retries, with backoff, itself
	})
	return &remote{t: t, c: c, hc: hc}, nil
}

// replicaOpt adds the replica marker, before signing (it is signed).
func replicaOpt(origin string) func(*s3.Options) {
	return func(o *s3.Options) {
		o.APIOptions = append(o.APIOptions, smithyhttp.AddHeaderValue(ReplicaHeader, origin))
	}
}

// state is a version on the destination, as HEAD shows it.
type state struct {
	exists   bool
	etag     string
	modified time.Time
	replica  bool
	meta     map[string]string
	headers  map[string]string
	// vid and created, when set, are the source version's id and
	// creation time (Unix ns) the write keeps (see remoteversion.go).
	vid     string
	created int64
	lock    lockState // by headVersion only
}

func (r *remote) head(ctx context.Context, key string) (state, error) {
	out, err := r.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &r.t.Bucket, Key: &key})
	if err != nil {
		if notFound(err) {
			return state{}, nil
		}
		return state{}, err
	}
	st := state{exists: true, etag: strings.Trim(aws.ToString(out.ETag), `"`), modified: aws.ToTime(out.LastModified),
		replica: out.ReplicationStatus == types.ReplicationStatusReplica, meta: out.Metadata,
		headers: map[string]string{}}
	for k, v := range map[string]*string{"Content-Type": out.ContentType, "Content-Encoding": out.ContentEncoding,
		"Content-Disposition": out.ContentDisposition, "Content-Language": out.ContentLanguage, "Cache-Control": out.CacheControl} {
		if v != nil && *v != "" {
			st.headers[k] = *v
		}
	}
	return st, nil
}

func notFound(err error) bool {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch ae.ErrorCode() {
		case "NotFound", "NoSuchKey", "404":
			return true
		}
	}
	var re *smithyhttp.ResponseError
	return errors.As(err, &re) && re.HTTPStatusCode() == http.StatusNotFound
}

func (r *remote) tags(ctx context.Context, key string) (map[string]string, error) {
	out, err := r.c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: &r.t.Bucket, Key: &key})
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, t := range out.TagSet {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m, nil
}

func tagSet(tags map[string]string) []types.Tag {
	out := make([]types.Tag, 0, len(tags))
	for k, v := range tags {
		out = append(out, types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}

func (r *remote) putTags(ctx context.Context, key string, tags map[string]string, origin string) error {
	if len(tags) == 0 {
		_, err := r.c.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: &r.t.Bucket, Key: &key}, replicaOpt(origin))
		return err
	}
	_, err := r.c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: &r.t.Bucket, Key: &key,
		Tagging: &types.Tagging{TagSet: tagSet(tags)}}, replicaOpt(origin))
	return err
}

func (r *remote) delete(ctx context.Context, key, origin string) error {
	_, err := r.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &r.t.Bucket, Key: &key}, replicaOpt(origin))
	return err
}

// memLimit is the largest body sent from memory; larger ones are spooled
// to a file, since signing over plain http needs a seekable body.
const memLimit = 16 << 20

func bytesReader(b []byte) io.ReadSeeker { return bytes.NewReader(b) }

// put writes one version: bytes, content headers, user metadata, tags.
// It applies only if the destination's current version is still the one
// seen (If-Match its ETag, or If-None-Match * when there was none): a
// local write made on the destination since then makes it fail with 412,
// and the retry sees that write (the conflict rule then decides).
func (r *remote) put(ctx context.Context, info object.ObjectInfo, body io.Reader, class, origin string, seen state) error {
	if len(info.PartSizes) > 0 {
		return r.putParts(ctx, info, body, class, origin, seen)
	}
	rd, cleanup, err := spool(body, info.Size)
	if err != nil {
		return err
	}
	defer cleanup()
	in := r.putInput(info, rd, class)
	in.IfMatch, in.IfNoneMatch = seen.cond()
	_, err = r.c.PutObject(ctx, in, seen.opt(origin))
	return err
}

// cond is the If-Match / If-None-Match pair that keeps a write from
// replacing a version other than the one seen.
func (st state) cond() (ifMatch, ifNoneMatch *string) {
	if st.vid != "" {
		return nil, nil // a version by id: it joins the others, replacing none
	}
	if st.exists {
		return aws.String(`"` + st.etag + `"`), nil
	}
	return nil, aws.String("*")
}

// putInput is the PutObject of a version's bytes and metadata.
func (r *remote) putInput(info object.ObjectInfo, rd io.ReadSeeker, class string) *s3.PutObjectInput {
	in := &s3.PutObjectInput{Bucket: &r.t.Bucket, Key: aws.String(info.Key), Body: rd,
		ContentLength: aws.Int64(info.Size), Metadata: info.UserMeta}
	h := info.Headers
	opt := func(k string) *string {
		if v, ok := h[k]; ok && v != "" {
			return aws.String(v)
		}
		return nil
	}
	in.ContentType, in.ContentEncoding, in.ContentDisposition = opt("Content-Type"), opt("Content-Encoding"), opt("Content-Disposition")
	in.ContentLanguage, in.CacheControl = opt("Content-Language"), opt("Cache-Control")
	if v := opt("Expires"); v != nil {
		if t, err := http.ParseTime(*v); err == nil {
			in.Expires = &t
		}
	}
	if class == "" {
		class = info.StorageClass
	}
	if class != "" {
		in.StorageClass = types.StorageClass(class)
	}
	if len(info.Tags) > 0 {
		in.Tagging = aws.String(encodeTags(info.Tags))
	}
	in.ObjectLockMode, in.ObjectLockRetainUntilDate, in.ObjectLockLegalHoldStatus = lockInput(info.ObjectLock)
	return in
}
