package website_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

const domain = "s3-website.localhost"

// site is a node with the website endpoint on, and its S3 client.
type site struct {
	t    *testing.T
	srv  *testenv.Server
	s3   *s3.Client
	addr string // the website endpoint's host:port
	port string
}

func startSite(t *testing.T) *site {
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.WebsiteAddr = "127.0.0.1:0"
		c.WebsiteDomains = []string{domain}
	}})
	addr := srv.ProtocolAddr("website")
	if addr == "" {
		t.Fatal("website endpoint not started")
	}
	_, port, _ := strings.Cut(addr, ":")
	return &site{t: t, srv: srv, s3: srv.S3(), addr: addr, port: port}
}

func (s *site) put(bucket, key, body, ctype string, edit ...func(*s3.PutObjectInput)) {
	s.t.Helper()
	in := &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: strings.NewReader(body), ContentType: aws.String(ctype)}
	for _, e := range edit {
		e(in)
	}
	if _, err := s.s3.PutObject(context.Background(), in); err != nil {
		s.t.Fatalf("put %s/%s: %v", bucket, key, err)
	}
}

func (s *site) bucket(name string, cfg *types.WebsiteConfiguration, policy string) {
	s.t.Helper()
	ctx := context.Background()
	if _, err := s.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &name}); err != nil {
		s.t.Fatal(err)
	}
	if cfg != nil {
		if _, err := s.s3.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: &name, WebsiteConfiguration: cfg}); err != nil {
			s.t.Fatalf("PutBucketWebsite %s: %v", name, err)
		}
	}
	if policy != "" {
		if _, err := s.s3.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: &name, Policy: &policy}); err != nil {
			s.t.Fatalf("PutBucketPolicy %s: %v", name, err)
		}
	}
}

// publicRead lets anyone get and list: missing keys are then 404.
func publicRead(bucket string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",` +
		`"Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::` + bucket + `","arn:aws:s3:::` + bucket + `/*"]}]}`
}

// reply is one answer, as curl saw it.
type reply struct {
	status int
	header http.Header
	body   string
}

// curl fetches the website URL of bucket (virtual-host style, resolved
// to the endpoint) with the given extra curl arguments.
func (s *site) curl(bucket, path string, args ...string) reply {
	s.t.Helper()
	host := bucket + "." + domain + ":" + s.port
	return s.curlURL("http://"+host+path, append(args, "--resolve", host+":127.0.0.1")...)
}

func (s *site) curlURL(u string, args ...string) reply {
	s.t.Helper()
	bin := testenv.RequireTool(s.t, "curl")
	dir := s.t.TempDir()
	hf, bf := filepath.Join(dir, "h"), filepath.Join(dir, "b")
	cmd := exec.Command(bin, append([]string{"-sS", "--max-time", "20", "-D", hf, "-o", bf, "-w", "%{http_code}"}, append(args, u)...)...)
	out, err := cmd.Output()
	if err != nil {
		raw, _ := os.ReadFile(hf)
		s.t.Fatalf("curl %s: %v\n%s", u, err, raw)
	}
	var r reply
	var err2 error
	if r.status, err2 = strconv.Atoi(string(out)); err2 != nil {
		s.t.Fatalf("curl %s: status %q", u, out)
	}
	r.header = http.Header{}
	raw, _ := os.ReadFile(hf)
	for _, line := range strings.Split(string(raw), "\r\n")[1:] {
		if k, v, ok := strings.Cut(line, ":"); ok {
			r.header.Add(strings.TrimSpace(k), strings.TrimSpace(v))
		}
	}
	b, _ := os.ReadFile(bf)
	r.body = string(b)
	return r
}

func (r reply) want(t *testing.T, what string, status int, body, ctype string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: status %d, want %d (body %q)", what, r.status, status, r.body)
	}
	if body != "" && !strings.Contains(r.body, body) {
		t.Fatalf("%s: body %q, want it to hold %q", what, r.body, body)
	}
	if ctype != "" && !strings.HasPrefix(r.header.Get("Content-Type"), ctype) {
		t.Fatalf("%s: Content-Type %q, want %q", what, r.header.Get("Content-Type"), ctype)
	}
}

func (r reply) wantRedirect(t *testing.T, what string, status int, loc string) {
	t.Helper()
	if r.status != status || r.header.Get("Location") != loc {
		t.Fatalf("%s: %d Location %q, want %d %q", what, r.status, r.header.Get("Location"), status, loc)
	}
}

// TestWebsiteEndpoint serves a site with index and error documents,
// routing rules and object redirects, checked with curl.
func TestWebsiteEndpoint(t *testing.T) {
	s := startSite(t)
	cfg := &types.WebsiteConfiguration{
		IndexDocument: &types.IndexDocument{Suffix: aws.String("index.html")},
		ErrorDocument: &types.ErrorDocument{Key: aws.String("error.html")},
		RoutingRules: []types.RoutingRule{
			{Condition: &types.Condition{KeyPrefixEquals: aws.String("old/")},
				Redirect: &types.Redirect{ReplaceKeyPrefixWith: aws.String("new/")}},
			{Condition: &types.Condition{KeyPrefixEquals: aws.String("gone/"), HttpErrorCodeReturnedEquals: aws.String("404")},
				Redirect: &types.Redirect{HostName: aws.String("archive.example.com"), Protocol: types.ProtocolHttps,
					ReplaceKeyPrefixWith: aws.String("attic/"), HttpRedirectCode: aws.String("302")}},
		},
	}
	s.bucket("site", cfg, publicRead("site"))
	s.put("site", "index.html", "<h1>home</h1>", "text/html")
	s.put("site", "docs/index.html", "<h1>docs</h1>", "text/html")
	s.put("site", "error.html", "<h1>oops</h1>", "text/html; charset=utf-8")
	s.put("site", "gone/kept.html", "still here", "text/html")
	s.put("site", "moved.html", "", "text/html", func(in *s3.PutObjectInput) { in.WebsiteRedirectLocation = aws.String("/docs/") })
	s.put("site", "away.html", "", "text/html", func(in *s3.PutObjectInput) {
		in.WebsiteRedirectLocation = aws.String("https://example.org/x")
	})
	base := "http://site." + domain + ":" + s.port

	s.curl("site", "/").want(t, "index at /", 200, "<h1>home</h1>", "text/html")
	s.curl("site", "/docs/").want(t, "index of a folder", 200, "<h1>docs</h1>", "text/html")
	s.curl("site", "/docs").wantRedirect(t, "folder without its slash", 302, base+"/docs/")
	r := s.curl("site", "/missing.html")
	r.want(t, "missing key", 404, "<h1>oops</h1>", "text/html; charset=utf-8")
	s.curl("site", "/old/a%20b.html").wantRedirect(t, "prefix rule", 301, base+"/new/a%20b.html")
	s.curl("site", "/gone/lost.html").wantRedirect(t, "error-code rule", 302, "https://archive.example.com/attic/lost.html")
	s.curl("site", "/gone/kept.html").want(t, "error-code rule on a key that exists", 200, "still here", "")
	s.curl("site", "/moved.html").wantRedirect(t, "x-amz-website-redirect-location", 301, "/docs/")
	s.curl("site", "/away.html").wantRedirect(t, "x-amz-website-redirect-location (absolute)", 301, "https://example.org/x")
	s.curl("site", "/index.html", "-X", "POST").want(t, "POST", 405, "MethodNotAllowed", "text/html")
	s.curl("site", "/index.html", "-I").want(t, "HEAD", 200, "", "text/html")

	// Conditional requests and ranges, as an S3 GET.
	full := s.curl("site", "/index.html")
	etag := full.header.Get("Etag")
	if etag == "" || full.header.Get("Last-Modified") == "" {
		t.Fatalf("GET answers no ETag or Last-Modified: %v", full.header)
	}
	s.curl("site", "/index.html", "-H", "If-None-Match: "+etag).want(t, "If-None-Match", 304, "", "")
	s.curl("site", "/index.html", "-H", `If-Match: "nope"`).want(t, "If-Match", 412, "", "")
	r = s.curl("site", "/index.html", "-H", "Range: bytes=4-7")
	r.want(t, "range", 206, "home", "")
	if r.body != "home" || r.header.Get("Content-Range") != "bytes 4-7/13" {
		t.Fatalf("range: %q %q", r.body, r.header.Get("Content-Range"))
	}

	// An object larger than what is read before the status, whole and
	// in a range.
	big := make([]byte, 100<<10)
	rand.NewChaCha8([32]byte{1}).Read(big)
	s.put("site", "big.bin", string(big), "application/octet-stream")
	if r := s.curl("site", "/big.bin"); r.status != 200 || r.body != string(big) {
		t.Fatalf("big object: %d, %d bytes", r.status, len(r.body))
	}
	if r := s.curl("site", "/big.bin", "-H", "Range: bytes=30000-70000"); r.status != 206 || r.body != string(big[30000:70001]) {
		t.Fatalf("big object range: %d, %d bytes", r.status, len(r.body))
	}

	if r := s.curl("site", "/index.html", "-H", "Range: bytes=0-1,4-7"); r.status != 200 || r.body != "<h1>home</h1>" {
		t.Fatalf("multi-range: %d %q, want the whole object as S3 sends it", r.status, r.body)
	}

	// Path-style, when the Host names no bucket.
	s.curlURL("http://"+s.addr+"/site/docs/").want(t, "path-style folder", 200, "<h1>docs</h1>", "")
	s.curlURL("http://"+s.addr+"/site").wantRedirect(t, "path-style bucket without slash", 302, "http://"+s.addr+"/site/")

	// A bucket without a website configuration, and none at all.
	s.bucket("plain", nil, publicRead("plain"))
	s.curl("plain", "/").want(t, "no website configuration", 404, "NoSuchWebsiteConfiguration", "text/html")
	s.curl("nobucket", "/").want(t, "no bucket", 404, "NoSuchBucket", "text/html")
}

// TestWebsitePrivate: a bucket nobody granted anything answers 403, with
// its error document when that one is readable.
func TestWebsitePrivate(t *testing.T) {
	s := startSite(t)
	cfg := &types.WebsiteConfiguration{
		IndexDocument: &types.IndexDocument{Suffix: aws.String("index.html")},
		ErrorDocument: &types.ErrorDocument{Key: aws.String("error.html")},
	}
	// Only the error document is public.
	s.bucket("private", cfg, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::private/error.html"}]}`)
	s.put("private", "index.html", "secret", "text/html")
	s.put("private", "error.html", "<p>forbidden here</p>", "text/html")
	s.curl("private", "/").want(t, "private index", 403, "<p>forbidden here</p>", "text/html")
	// No s3:ListBucket: a missing key is 403 too, as on S3.
	s.curl("private", "/nothing").want(t, "private missing key", 403, "<p>forbidden here</p>", "text/html")

	// Without a readable error document: the HTML error page.
	s.bucket("closed", cfg, "")
	s.put("closed", "index.html", "secret", "text/html")
	r := s.curl("closed", "/")
	r.want(t, "closed index", 403, "AccessDenied", "text/html")
	if !strings.Contains(r.body, "Custom Error Document") || strings.Contains(r.body, "secret") {
		t.Fatalf("closed bucket page: %q", r.body)
	}
}

// TestWebsiteRedirectAll: RedirectAllRequestsTo sends every request, key
// kept, to another host, checked with net/http.
func TestWebsiteRedirectAll(t *testing.T) {
	s := startSite(t)
	s.bucket("moved", &types.WebsiteConfiguration{RedirectAllRequestsTo: &types.RedirectAllRequestsTo{
		HostName: aws.String("www.example.com"), Protocol: types.ProtocolHttps}}, "")
	req, _ := http.NewRequest(http.MethodGet, "http://"+s.addr+"/a/b.html?x=1", nil)
	req.Host = "moved." + domain
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "https://www.example.com/a/b.html" {
		t.Fatalf("redirect all: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	u, _ := url.Parse(resp.Header.Get("Location"))
	if u.Path != "/a/b.html" {
		t.Fatalf("redirect path %q", u.Path)
	}
}
