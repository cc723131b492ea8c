package s3test

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/testenv"
)

// postForm sends a browser-form upload signed with SigV2 over policy.
func postForm(t *testing.T, url, bucket, policy string, fields [][2]string, filename, data string) *http.Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	p64 := base64.StdEncoding.EncodeToString([]byte(policy))
	m := hmac.New(sha1.New, []byte(testenv.SecretKey))
	m.Write([]byte(p64))
	all := append([][2]string{{"AWSAccessKeyId", testenv.AccessKey}, {"policy", p64},
		{"signature", base64.StdEncoding.EncodeToString(m.Sum(nil))}}, fields...)
	for _, f := range all {
		w.WriteField(f[0], f[1])
	}
	fw, _ := w.CreateFormFile("file", filename)
	fw.Write([]byte(data))
	w.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Post(url+"/"+bucket, w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func TestPostFormEdgeCases(t *testing.T) {
	s, c, b := node(t, testenv.Options{})
	exp := time.Now().Add(time.Hour).UTC().Format("2006-01-02T15:04:05Z")
	policy := func(conds string) string {
		return fmt.Sprintf(`{"expiration":%q,"conditions":[{"bucket":%q},["starts-with","$key","foo"],%s["content-length-range",0,1024]]}`, exp, b, conds)
	}
	// ${filename} is substituted before the key condition is checked.
	resp := postForm(t, s.URL(), b, policy(""), [][2]string{{"key", "${filename}"}}, "foo.txt", "bar")
	if resp.StatusCode != 204 {
		t.Fatalf("key from filename: %d", resp.StatusCode)
	}
	got, _ := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: aws.String("foo.txt")})
	if string(got) != "bar" {
		t.Fatalf("body %q", got)
	}
	// Tags in the form are stored.
	tagXML := "<Tagging><TagSet><Tag><Key>0</Key><Value>zero</Value></Tag></TagSet></Tagging>"
	resp = postForm(t, s.URL(), b, policy(`["starts-with","$tagging",""],`), [][2]string{{"key", "foo2"}, {"tagging", tagXML}}, "f", "x")
	if resp.StatusCode != 204 {
		t.Fatalf("tagging: %d", resp.StatusCode)
	}
	tg, err := c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: &b, Key: aws.String("foo2")})
	if err != nil || len(tg.TagSet) != 1 || aws.ToString(tg.TagSet[0].Value) != "zero" {
		t.Fatalf("tags %+v %v", tg, err)
	}
	// The redirect gets bucket, key and etag in that order.
	resp = postForm(t, s.URL(), b, policy(`["starts-with","$success_action_redirect",""],`),
		[][2]string{{"key", "foo3"}, {"success_action_redirect", "http://example.com/done"}}, "f", "x")
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "http://example.com/done?bucket="+b+"&key=foo3&etag=%22") {
		t.Fatalf("redirect %d %q", resp.StatusCode, loc)
	}
	// Policy keys are case sensitive; an empty condition and a missing signature are 400.
	bad := fmt.Sprintf(`{"expiration":%q,"CONDITIONS":[{"bucket":%q}]}`, exp, b)
	if resp := postForm(t, s.URL(), b, bad, [][2]string{{"key", "foo4"}}, "f", "x"); resp.StatusCode != 400 {
		t.Fatalf("CONDITIONS: %d", resp.StatusCode)
	}
	empty := fmt.Sprintf(`{"expiration":%q,"conditions":[{}]}`, exp)
	if resp := postForm(t, s.URL(), b, empty, [][2]string{{"key", "foo4"}}, "f", "x"); resp.StatusCode != 400 {
		t.Fatalf("empty condition: %d", resp.StatusCode)
	}
}

// TestPutWithoutContentLength: a PUT with neither Content-Length nor
// Transfer-Encoding is refused with 411, not stored as an empty object.
func TestPutWithoutContentLength(t *testing.T) {
	s, c, b := node(t, testenv.Options{})
	p, err := s3.NewPresignClient(c).PresignPutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(p.URL)
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "PUT %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", u.RequestURI(), u.Host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusLengthRequired {
		t.Fatalf("status %d, want 411", resp.StatusCode)
	}
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("k")}); err == nil {
		t.Fatal("an object was stored")
	}
}

// TestPostFormChecksum: a form's x-amz-checksum-sha256 field need not be
// in the policy; the file must match it (else 400 BadDigest and nothing
// is stored), and the checksum is kept with the object.
func TestPostFormChecksum(t *testing.T) {
	s, c, b := node(t, testenv.Options{})
	exp := time.Now().Add(time.Hour).UTC().Format("2006-01-02T15:04:05Z")
	policy := fmt.Sprintf(`{"expiration":%q,"conditions":[{"bucket":%q},["starts-with","$key","ck"],["content-length-range",0,1024]]}`, exp, b)
	sum := sha256.Sum256([]byte("payload"))
	good := base64.StdEncoding.EncodeToString(sum[:])
	other := sha256.Sum256([]byte("other"))
	for _, tc := range []struct {
		key, value string
		status     int
	}{
		{"ck-good", good, 204},
		{"ck-malformed", "sailorjerry", 400},
		{"ck-wrong", base64.StdEncoding.EncodeToString(other[:]), 400},
	} {
		resp := postForm(t, s.URL(), b, policy, [][2]string{{"key", tc.key}, {"x-amz-checksum-sha256", tc.value}}, "f", "payload")
		if resp.StatusCode != tc.status {
			t.Fatalf("%s: %d, want %d", tc.key, resp.StatusCode, tc.status)
		}
	}
	out, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("ck-good"), ChecksumMode: types.ChecksumModeEnabled})
	if err != nil || aws.ToString(out.ChecksumSHA256) != good {
		t.Fatalf("stored checksum: %v %v", out, err)
	}
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("ck-wrong")}); err == nil {
		t.Fatal("an upload whose checksum did not match was stored")
	}
}
