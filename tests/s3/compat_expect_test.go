package s3test

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/minio/minio-go/v7/pkg/signer"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestUnknownExpectIgnored: an Expect value other than 100-continue does
// not get 417 from net/http; the request is served, also when the client
// signed the Expect header, and on a keep-alive connection whose earlier
// body holds an "Expect:" line.
func TestUnknownExpectIgnored(t *testing.T) {
	s, c, bucket := node(t, testenv.Options{})
	u, _ := url.Parse(s.URL())
	nc, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	br := bufio.NewReader(nc)
	send := func(key string, body []byte, expect string, signExpect bool) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPut, s.URL()+"/"+bucket+"/"+key, bytes.NewReader(body))
		req.Header.Set("Expect", expect)
		if signExpect {
			// minio-go signs every header, Expect included.
			req = signer.SignV4(*req, testenv.AccessKey, testenv.SecretKey, "", "us-east-1")
		} else {
			req.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
			v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: testenv.AccessKey, SecretAccessKey: testenv.SecretKey},
				req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now())
		}
		nc.SetDeadline(time.Now().Add(30 * time.Second))
		if err := req.Write(nc); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(br, req)
		for err == nil && resp.StatusCode == http.StatusContinue {
			resp, err = http.ReadResponse(br, req) // the interim answer to 100-continue
		}
		if err != nil {
			t.Fatalf("PUT %s: %v", key, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Logf("%s: %d %s", key, resp.StatusCode, b)
		}
		return resp.StatusCode
	}
	tricky := []byte("line\r\nExpect: in-the-body\r\n\r\nmore")
	for _, tc := range []struct {
		key, expect string
		signed      bool
		body        []byte
	}{
		{"a", "something-else", false, []byte("hello")},
		{"b", "foo=bar", true, []byte("signed expect")},
		{"c", "100-continue", false, tricky},
		{"d", "x", false, []byte("after a body with an Expect line")},
	} {
		if st := send(tc.key, tc.body, tc.expect, tc.signed); st != 200 {
			t.Fatalf("PUT %s with Expect %q: status %d", tc.key, tc.expect, st)
		}
	}
	got, _ := get(t, c, &s3.GetObjectInput{Bucket: &bucket, Key: aws.String("c")})
	if !bytes.Equal(got, tricky) {
		t.Fatalf("body with an Expect line stored as %q", got)
	}
}
