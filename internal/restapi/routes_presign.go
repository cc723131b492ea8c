package restapi

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/strata-storage/strata/internal/strata"
)

// PresignRequest asks for a share link to an object.
type PresignRequest struct {
	Key     string `json:"key"`
	Method  string `json:"method,omitempty"`          // GET (default) or PUT
	Expires int    `json:"expires_seconds,omitempty"` // default 3600; at most 7 days
}

// Presigned is a URL anyone may use until it expires, with the rights
// of the caller's key.
type Presigned struct {
	URL     string    `json:"url"`
	Method  string    `json:"method"`
	Expires time.Time `json:"expires"`
}

// maxPresign is SigV4's limit on a presigned URL's life.
const maxPresign = 7 * 24 * 3600

// presignRoutes sign S3 URLs with the caller's own key: the link can do
// no more than the caller, and disabling the key revokes it.
func (a *API) presignRoutes() {
	a.Handle(Route{Method: "POST", Path: "/buckets/{bucket}/presign", Resource: a.bucketRes(""),
		Handle: func(c *Call) (any, error) {
			var req PresignRequest
			if err := c.Decode(&req); err != nil {
				return nil, err
			}
			if req.Method == "" {
				req.Method = http.MethodGet
			}
			if req.Expires == 0 {
				req.Expires = 3600
			}
			action := map[string]string{http.MethodGet: "s3:GetObject", http.MethodPut: "s3:PutObject"}[req.Method]
			switch {
			case req.Key == "":
				return nil, strata.Errorf("restapi", strata.Invalid, "key is required")
			case action == "":
				return nil, strata.Errorf("restapi", strata.Invalid, "method is GET or PUT")
			case req.Expires < 1 || req.Expires > maxPresign:
				return nil, strata.Errorf("restapi", strata.Invalid, "expires_seconds is 1..%d", maxPresign)
			}
			bucket := c.Path("bucket")
			res, err := a.bucketRes("/" + req.Key)(c)
			if err != nil {
				return nil, err
			}
			if err := c.Authorize(action, res); err != nil {
				return nil, err
			}
			return a.presign(c, bucket, req)
		}})
}

func (a *API) presign(c *Call, bucket string, req PresignRequest) (Presigned, error) {
	token := c.R.Header.Get("X-Amz-Security-Token")
	_, secret, err := a.opts.IAM.Authenticate(c.Context(), c.Identity.AccessKey, token)
	if err != nil || c.Identity.AccessKey == "" {
		return Presigned{}, strata.Errorf("restapi", strata.Invalid, "a share link is signed with the caller's access key, which this session cannot use")
	}
	scheme := "http"
	if c.R.TLS != nil {
		scheme = "https"
	}
	p := "/" + bucket + "/" + req.Key
	u := &url.URL{Scheme: scheme, Host: c.R.Host, Path: p, RawPath: s3Escape(p)}
	q := url.Values{"X-Amz-Expires": {strconv.Itoa(req.Expires)}}
	if token != "" {
		q.Set("X-Amz-Security-Token", token)
	}
	u.RawQuery = q.Encode()
	hr, err := http.NewRequestWithContext(c.Context(), req.Method, u.String(), nil)
	if err != nil {
		return Presigned{}, err
	}
	region := a.opts.Region
	if region == "" {
		region = "us-east-1"
	}
	now := time.Now().UTC()
	// S3 signs the path as sent, not escaped a second time.
	signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	signed, _, err := signer.PresignHTTP(c.Context(), aws.Credentials{AccessKeyID: c.Identity.AccessKey, SecretAccessKey: secret, SessionToken: token},
		hr, "UNSIGNED-PAYLOAD", "s3", region, now)
	if err != nil {
		return Presigned{}, strata.E("restapi.presign", strata.Internal, err)
	}
	return Presigned{URL: signed, Method: req.Method, Expires: now.Add(time.Duration(req.Expires) * time.Second)}, nil
}

// s3Escape encodes a path as SigV4 does for S3: every byte but the
// unreserved ones and "/" as %XX (url.PathEscape keeps "+" and others,
// which S3 would then canonicalize differently).
func s3Escape(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		ch := p[i]
		if 'A' <= ch && ch <= 'Z' || 'a' <= ch && ch <= 'z' || '0' <= ch && ch <= '9' || strings.IndexByte("-_.~/", ch) >= 0 {
			b.WriteByte(ch)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", ch)
	}
	return b.String()
}
