package s3test

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/testenv"
)

// v2Request sends a SigV2-signed request the way botocore signs it: the
// Date line always holds the Date header (even with x-amz-date), and the
// resource is the given string (botocore signs "/bucket/" for bucket
// operations on "/bucket").
func v2Request(t *testing.T, url, method, path, resource string, amz map[string]string, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	date := time.Now().UTC().Format(http.TimeFormat)
	req.Header.Set("Date", date)
	sts := method + "\n\n\n" + date + "\n"
	for _, k := range []string{"x-amz-date", "x-amz-meta-a"} {
		if v, ok := amz[k]; ok {
			req.Header[http.CanonicalHeaderKey(k)] = []string{v}
			sts += k + ":" + v + "\n"
		}
	}
	sts += resource
	m := hmac.New(sha1.New, []byte(testenv.SecretKey))
	m.Write([]byte(sts))
	req.Header.Set("Authorization", "AWS "+testenv.AccessKey+":"+base64.StdEncoding.EncodeToString(m.Sum(nil)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestSigV2AsBotocoreSigns(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	u := s.URL()
	if st, body := v2Request(t, u, "PUT", "/v2bkt", "/v2bkt/", nil, ""); st != 200 {
		t.Fatalf("create bucket signed as /v2bkt/: %d %s", st, body)
	}
	now := time.Now().UTC().Format(http.TimeFormat)
	if st, body := v2Request(t, u, "PUT", "/v2bkt/k", "/v2bkt/k", map[string]string{"x-amz-date": now}, "bar"); st != 200 {
		t.Fatalf("put with Date and x-amz-date both signed: %d %s", st, body)
	}
	for name, d := range map[string]string{"empty": "", "before epoch": "Tue, 07 Jul 1950 21:53:04 GMT", "garbage": "Bad Date"} {
		st, body := v2Request(t, u, "PUT", "/v2bkt/k", "/v2bkt/k", map[string]string{"x-amz-date": d}, "bar")
		if st != 403 || !strings.Contains(body, "<Code>AccessDenied</Code>") {
			t.Fatalf("x-amz-date %s: got %d %s, want 403 AccessDenied", name, st, body)
		}
	}
	st, body := v2Request(t, u, "PUT", "/v2bkt/k", "/v2bkt/k", map[string]string{"x-amz-date": "Tue, 07 Jul 2010 21:53:04 GMT"}, "bar")
	if st != 403 || !strings.Contains(body, "RequestTimeTooSkewed") {
		t.Fatalf("old x-amz-date: got %d %s, want RequestTimeTooSkewed", st, body)
	}
	// A signature over another resource still fails.
	if st, _ := v2Request(t, u, "PUT", "/v2bkt/k", "/v2bkt/other", nil, "bar"); st != 403 {
		t.Fatalf("signature over another key accepted: %d", st)
	}
}
