package auth

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestClaimedAccessKey(t *testing.T) {
	for _, c := range []struct {
		target, authz, want string
	}{
		{"/b/k", "AWS4-HMAC-SHA256 Credential=AKID1/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=ab", "AKID1"},
		{"/b/k", "AWS AKID2:c2lnbmF0dXJl", "AKID2"},
		{"/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID3%2F20260101%2Fus-east-1%2Fs3%2Faws4_request", "", "AKID3"},
		{"/b/k?AWSAccessKeyId=AKID4&Expires=1&Signature=x", "", "AKID4"},
		{"/b/k", "", ""},
		{"/b/k", "Bearer token", ""},
		{"/b/k", "AWS4-HMAC-SHA256 SignedHeaders=host", ""},
		{"/b/k", "AWS " + strings.Repeat("K", 500), strings.Repeat("K", maxClaimedKey)},
		{"/b/k", "AWS4-HMAC-SHA256 Credential=AK\x01evil/x", "AK"},
	} {
		r := httptest.NewRequest(http.MethodGet, c.target, nil)
		if c.authz != "" {
			r.Header.Set("Authorization", c.authz)
		}
		if got := ClaimedAccessKey(r); got != c.want {
			t.Errorf("%q %q: got %q, want %q", c.target, c.authz, got, c.want)
		}
	}
}

// FuzzClaimedAccessKey: whatever the headers say, the key is short,
// printable and has no separators.
func FuzzClaimedAccessKey(f *testing.F) {
	f.Add("AWS4-HMAC-SHA256 Credential=AK/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc", "")
	f.Add("AWS AK:sig", "")
	f.Add("", "X-Amz-Credential=AK%2Fx")
	f.Add("", "AWSAccessKeyId=AK")
	f.Fuzz(func(t *testing.T, authz, query string) {
		r := &http.Request{Header: http.Header{"Authorization": {authz}}, URL: &url.URL{RawQuery: query}}
		k := ClaimedAccessKey(r)
		if len(k) > maxClaimedKey || strings.ContainsAny(k, ",/: \t\r\n") {
			t.Fatalf("claimed key %q", k)
		}
		for i := 0; i < len(k); i++ {
			if k[i] < ' ' || k[i] >= 0x7f {
				t.Fatalf("unprintable byte in %q", k)
			}
		}
	})
}
