package console

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// keys is a fixed key table, standing in for the IAM cache.
type keys map[string]string

func (k keys) Secret(ctx context.Context, ak string) (string, string, string, error) {
	s, ok := k[ak]
	if !ok {
		return "", "", "", strata.Errorf("test", strata.Permission, "unknown key")
	}
	return s, "acct", "user-" + ak, nil
}
func (k keys) May(ctx context.Context, ak, action, resource string) bool { return ak == "ADMIN" }
func (k keys) Lookup(ctx context.Context, ak string) (string, string, bool) {
	s, ok := k[ak]
	return s, "acct", ok
}

// gateway checks each request's SigV4 signature with the real verifier and
// echoes who signed it, the path and the body it read.
func gateway(k keys) http.Handler {
	v := &auth.Verifier{Creds: k}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, body, err := v.Verify(r)
		if err != nil {
			http.Error(w, "AccessDenied: "+err.Error(), http.StatusForbidden)
			return
		}
		b, err := io.ReadAll(body)
		if err != nil {
			http.Error(w, "BadDigest: "+err.Error(), http.StatusBadRequest)
			return
		}
		json.NewEncoder(w).Encode(map[string]string{"key": id.AccessKey, "path": r.URL.EscapedPath(), "query": r.URL.RawQuery,
			"body": string(b), "service": id.Service, "cookie": r.Header.Get("Cookie")})
	})
}

type fixture struct {
	t    testing.TB
	srv  *httptest.Server
	c    *http.Client
	csrf string
}

func newFixture(t testing.TB) *fixture {
	f := &fixture{t: t}
	k := keys{"ADMIN": "adminsecretadminsecret", "READER": "readersecretreadersecret"}
	cfg := DefaultConfig()
	cfg.Gateway, cfg.Keys, cfg.GatewayHost, cfg.PublicURL = gateway(k), k, "gw.local:9000", "http://gw.local:9000"
	cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.srv = httptest.NewServer(s)
	t.Cleanup(f.srv.Close)
	jar, _ := cookiejar.New(nil)
	f.c = &http.Client{Jar: jar}
	return f
}

func (f *fixture) login(ak, sk string) int {
	res, err := f.c.Post(f.srv.URL+"/_console/login", "application/json", strings.NewReader(`{"accessKey":"`+ak+`","secretKey":"`+sk+`"}`))
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	var info sessionInfo
	json.NewDecoder(res.Body).Decode(&info)
	f.csrf = info.CSRF
	return res.StatusCode
}

func (f *fixture) do(method, path, body string, hdr map[string]string) (int, map[string]string) {
	req, _ := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	if body == "" {
		req.Body = http.NoBody
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := f.c.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]string
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// The proxy signs as the session's key, with the body hashed, on the
// gateway's path; the browser's cookie never reaches the gateway.
func TestProxySignsAsTheSession(t *testing.T) {
	f := newFixture(t)
	if code := f.login("READER", "readersecretreadersecret"); code != 200 {
		t.Fatalf("login: %d", code)
	}
	code, out := f.do("PUT", "/_console/s3/bucket/a%20b/c?partNumber=2&uploadId=x", "hello", map[string]string{"X-CSRF-Token": f.csrf})
	if code != 200 || out["key"] != "READER" || out["path"] != "/bucket/a%20b/c" || out["body"] != "hello" || out["cookie"] != "" {
		t.Fatalf("proxied PUT: %d %v", code, out)
	}
	code, out = f.do("POST", "/_console/s3/", "Action=ListUsers&Version=2010-05-08",
		map[string]string{"X-CSRF-Token": f.csrf, "Content-Type": "application/x-www-form-urlencoded"})
	if code != 200 || out["service"] != "iam" {
		t.Fatalf("IAM call: %d %v", code, out)
	}
	code, out = f.do("GET", "/_strata/api/v1/whoami", "", nil)
	if code != 200 || out["path"] != "/_strata/api/v1/whoami" || out["key"] != "READER" {
		t.Fatalf("REST API call: %d %v", code, out)
	}
	// A large body streams unsigned (UNSIGNED-PAYLOAD), still verified.
	big := strings.Repeat("x", signedBodyMax+10)
	code, out = f.do("PUT", "/_console/s3/bucket/big", big, map[string]string{"X-CSRF-Token": f.csrf})
	if code != 200 || len(out["body"]) != len(big) {
		t.Fatalf("large PUT: %d, %d bytes", code, len(out["body"]))
	}
}

func TestUnsafeRequestsNeedTokenAndOrigin(t *testing.T) {
	f := newFixture(t)
	if code, _ := f.do("GET", "/_console/s3/", "", nil); code != 401 {
		t.Fatalf("no session: %d, want 401", code)
	}
	f.login("ADMIN", "adminsecretadminsecret")
	for _, c := range []struct {
		hdr  map[string]string
		want int
	}{
		{nil, 403},
		{map[string]string{"X-CSRF-Token": "nope"}, 403},
		{map[string]string{"X-CSRF-Token": f.csrf, "Origin": "http://evil.example"}, 403},
		{map[string]string{"X-CSRF-Token": f.csrf, "Origin": strings.Replace(f.srv.URL, "http:", "https:", 1)}, 403},
		{map[string]string{"X-CSRF-Token": f.csrf, "Sec-Fetch-Site": "same-site"}, 403},
		{map[string]string{"X-CSRF-Token": f.csrf, "Origin": f.srv.URL}, 200},
	} {
		if code, _ := f.do("DELETE", "/_console/s3/b", "", c.hdr); code != c.want {
			t.Errorf("DELETE with %v: %d, want %d", c.hdr, code, c.want)
		}
	}
	// A cross-origin login is refused too (login CSRF).
	req, _ := http.NewRequest("POST", f.srv.URL+"/_console/login", strings.NewReader(`{"accessKey":"ADMIN","secretKey":"adminsecretadminsecret"}`))
	req.Header.Set("Origin", "http://evil.example")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 403 {
		t.Fatalf("cross-origin login: %d, want 403", res.StatusCode)
	}
}

func TestLogoutEndsTheSession(t *testing.T) {
	f := newFixture(t)
	f.login("ADMIN", "adminsecretadminsecret")
	u, _ := http.NewRequest("GET", f.srv.URL, nil)
	cookie := f.c.Jar.Cookies(u.URL)
	if code, _ := f.do("POST", "/_console/logout", "", map[string]string{"X-CSRF-Token": f.csrf}); code != 200 {
		t.Fatalf("logout: %d", code)
	}
	req, _ := http.NewRequest("GET", f.srv.URL+"/_console/session", nil)
	for _, c := range cookie {
		req.AddCookie(c)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 401 {
		t.Fatalf("old cookie after logout: %d, want 401", res.StatusCode)
	}
}

func TestPresignPointsAtTheS3Endpoint(t *testing.T) {
	f := newFixture(t)
	f.login("ADMIN", "adminsecretadminsecret")
	req, _ := http.NewRequest("POST", f.srv.URL+"/_console/presign", strings.NewReader(`{"bucket":"b","key":"dir/a b.txt","expiresSeconds":3600}`))
	req.Header.Set("X-CSRF-Token", f.csrf)
	res, err := f.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct{ URL string }
	json.NewDecoder(res.Body).Decode(&out)
	if !strings.HasPrefix(out.URL, "http://gw.local:9000/b/dir/a%20b.txt?") || !strings.Contains(out.URL, "X-Amz-Expires=3600") ||
		!strings.Contains(out.URL, "X-Amz-Credential=ADMIN") {
		t.Fatalf("presigned URL %q", out.URL)
	}
	for _, body := range []string{`{"bucket":"b","key":"k","expiresSeconds":0}`, `{"bucket":"b","key":"k","expiresSeconds":604801}`, `{"bucket":"","key":"k","expiresSeconds":5}`} {
		req, _ := http.NewRequest("POST", f.srv.URL+"/_console/presign", strings.NewReader(body))
		req.Header.Set("X-CSRF-Token", f.csrf)
		res, err := f.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 400 {
			t.Errorf("presign %s: %d, want 400", body, res.StatusCode)
		}
	}
}
