package swifttest

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

var ctx = context.Background()

func md5hex(s string) string { h := md5.Sum([]byte(s)); return hex.EncodeToString(h[:]) }

// TestSwiftAPI covers the Swift model over plain HTTP on one node.
func TestSwiftAPI(t *testing.T) {
	s, auth := node(t)
	c := newClient(t, auth, testenv.AccessKey, testenv.SecretKey)

	run := func(name string, fn func(t *testing.T)) {
		t.Run(name, func(t *testing.T) {
			c.t = t
			fn(t)
		})
	}
	run("auth", func(t *testing.T) {
		// ACCOUNT:KEY works too, a wrong secret or account does not.
		tok, st := login(t, auth, "root:"+testenv.AccessKey, testenv.SecretKey)
		if tok == "" || !strings.HasSuffix(st, "/v1/AUTH_root") {
			t.Fatalf("token %q url %q", tok, st)
		}
		for _, u := range []string{"other:" + testenv.AccessKey, testenv.AccessKey} {
			req, _ := http.NewRequest("GET", auth, nil)
			req.Header.Set("X-Auth-User", u)
			req.Header.Set("X-Auth-Key", "wrong")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 401 {
				t.Fatalf("bad login %s: %d", u, resp.StatusCode)
			}
		}
		bad := &client{t: t, token: tok + "x", storage: st}
		bad.must(401, "GET", "", nil, "")
		anon := &client{t: t, storage: st}
		anon.must(401, "GET", "", nil, "")
	})

	run("listings", func(t *testing.T) {
		c.must(201, "PUT", "/lst", nil, "")
		c.must(202, "PUT", "/lst", nil, "")
		for _, k := range []string{"a/1", "a/2", "b", "c/x/1", "d"} {
			c.must(201, "PUT", "/lst/"+k, map[string]string{"Content-Type": "text/plain"}, k)
		}
		_, b := c.must(200, "GET", "/lst", nil, "")
		if b != "a/1\na/2\nb\nc/x/1\nd\n" {
			t.Fatalf("plain: %q", b)
		}
		_, b = c.must(200, "GET", "/lst?delimiter=/", nil, "")
		if b != "a/\nb\nc/\nd\n" {
			t.Fatalf("delimiter: %q", b)
		}
		_, b = c.must(200, "GET", "/lst?marker=a/2&end_marker=d", nil, "")
		if b != "b\nc/x/1\n" {
			t.Fatalf("markers: %q", b)
		}
		_, b = c.must(200, "GET", "/lst?reverse=true&limit=2", nil, "")
		if b != "d\nc/x/1\n" {
			t.Fatalf("reverse: %q", b)
		}
		_, b = c.must(200, "GET", "/lst?prefix=a/&format=json", nil, "")
		var rows []map[string]any
		if err := json.Unmarshal([]byte(b), &rows); err != nil || len(rows) != 2 || rows[0]["hash"] != md5hex("a/1") ||
			rows[0]["bytes"].(float64) != 3 || rows[0]["content_type"] != "text/plain" {
			t.Fatalf("json: %s", b)
		}
		h, b := c.must(200, "GET", "/lst?prefix=b&format=xml", nil, "")
		if !strings.Contains(b, `<container name="lst"><object><name>b</name>`) || !strings.Contains(h.Get("Content-Type"), "xml") {
			t.Fatalf("xml: %s", b)
		}
		c.must(204, "GET", "/lst?prefix=zzz", nil, "")
		c.must(412, "GET", "/lst?limit=10001", nil, "")
		_, b = c.must(200, "GET", "?format=json&prefix=ls", nil, "")
		if !strings.Contains(b, `"name":"lst"`) || !strings.Contains(b, `"count":5`) {
			t.Fatalf("account json: %s", b)
		}
		h, _ = c.must(204, "HEAD", "/lst", nil, "")
		if h.Get("X-Container-Object-Count") != "5" {
			t.Fatalf("count %q", h.Get("X-Container-Object-Count"))
		}
		c.must(409, "DELETE", "/lst", nil, "")
	})

	run("metadata", func(t *testing.T) {
		c.must(201, "PUT", "/meta", map[string]string{"X-Container-Meta-Team": "blue"}, "")
		c.must(204, "POST", "/meta", map[string]string{"X-Container-Meta-Floor": "3", "X-Remove-Container-Meta-Team": "x"}, "")
		h, _ := c.must(204, "HEAD", "/meta", nil, "")
		if h.Get("X-Container-Meta-Floor") != "3" || h.Get("X-Container-Meta-Team") != "" {
			t.Fatalf("container meta: %v", h)
		}
		c.must(204, "POST", "", map[string]string{"X-Account-Meta-Owner": "ops"}, "")
		h, _ = c.must(204, "HEAD", "", nil, "")
		if h.Get("X-Account-Meta-Owner") != "ops" {
			t.Fatalf("account meta: %v", h)
		}
		c.must(201, "PUT", "/meta/o", map[string]string{"X-Object-Meta-Color": "red", "X-Object-Meta-Size": "L"}, "data")
		c.must(202, "POST", "/meta/o", map[string]string{"X-Object-Meta-Color": "green"}, "")
		h, b := c.must(200, "GET", "/meta/o", nil, "")
		if b != "data" || h.Get("X-Object-Meta-Color") != "green" || h.Get("X-Object-Meta-Size") != "" {
			t.Fatalf("object meta after POST: %v %q", h, b)
		}
		// Range and conditional requests.
		c.must(201, "PUT", "/meta/r", nil, "0123456789")
		_, b = c.must(206, "GET", "/meta/r", map[string]string{"Range": "bytes=2-4"}, "")
		if b != "234" {
			t.Fatalf("range: %q", b)
		}
		_, b = c.must(206, "GET", "/meta/r", map[string]string{"Range": "bytes = -3"}, "")
		if b != "789" {
			t.Fatalf("suffix range: %q", b)
		}
		c.must(416, "GET", "/meta/r", map[string]string{"Range": "bytes=20-"}, "")
		h, b = c.must(206, "GET", "/meta/r", map[string]string{"Range": "bytes=0-1,4-5"}, "")
		if !strings.HasPrefix(h.Get("Content-Type"), "multipart/byteranges") || !strings.Contains(b, "bytes 4-5/10\r\n\r\n45") {
			t.Fatalf("multi-range: %v %q", h, b)
		}
		c.must(304, "GET", "/meta/r", map[string]string{"If-None-Match": md5hex("0123456789")}, "")
		c.must(412, "GET", "/meta/r", map[string]string{"If-Match": "nope"}, "")
		// ETag on PUT is checked.
		c.must(422, "PUT", "/meta/e", map[string]string{"Etag": md5hex("other")}, "body")
		c.must(201, "PUT", "/meta/e", map[string]string{"Etag": md5hex("body")}, "body")
		c.must(412, "PUT", "/meta/e", map[string]string{"If-None-Match": "*"}, "again")
		// COPY and X-Copy-From keep metadata unless fresh.
		c.must(201, "COPY", "/meta/o", map[string]string{"Destination": "meta/o2", "X-Object-Meta-Extra": "1"}, "")
		h, b = c.must(200, "GET", "/meta/o2", nil, "")
		if b != "data" || h.Get("X-Object-Meta-Color") != "green" || h.Get("X-Object-Meta-Extra") != "1" {
			t.Fatalf("copy: %v %q", h, b)
		}
		c.must(201, "PUT", "/meta/o3", map[string]string{"X-Copy-From": "/meta/o", "X-Fresh-Metadata": "true"}, "")
		h, _ = c.must(200, "GET", "/meta/o3", nil, "")
		if h.Get("X-Object-Meta-Color") != "" {
			t.Fatalf("fresh copy kept meta: %v", h)
		}
	})

	run("s3-coherence", func(t *testing.T) {
		s3c := s.S3()
		c.must(201, "PUT", "/coh", nil, "")
		c.must(201, "PUT", "/coh/from-swift", map[string]string{"X-Object-Meta-Origin": "swift", "Content-Type": "text/x-swift"}, "swift body")
		out, err := s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("coh"), Key: aws.String("from-swift")})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(out.Body)
		out.Body.Close()
		if string(b) != "swift body" || out.Metadata["origin"] != "swift" || aws.ToString(out.ContentType) != "text/x-swift" {
			t.Fatalf("S3 sees %q %v %v", b, out.Metadata, aws.ToString(out.ContentType))
		}
		if _, err := s3c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("coh"), Key: aws.String("from-s3"),
			Body: strings.NewReader("s3 body"), Metadata: map[string]string{"origin": "s3"}}); err != nil {
			t.Fatal(err)
		}
		h, body := c.must(200, "GET", "/coh/from-s3", nil, "")
		if body != "s3 body" || h.Get("X-Object-Meta-Origin") != "s3" || h.Get("Etag") != md5hex("s3 body") {
			t.Fatalf("Swift sees %q %v", body, h)
		}
		// The S3 API refuses the bucket names the Swift paths take.
		if _, err := s3c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("auth")}); err == nil {
			t.Fatal("bucket auth was created")
		}
	})

	run("tempurl", func(t *testing.T) {
		c.must(201, "PUT", "/tmp", nil, "")
		c.must(201, "PUT", "/tmp/obj", nil, "secret data")
		c.must(204, "POST", "", map[string]string{"X-Account-Meta-Temp-URL-Key": "acctkey"}, "")
		c.must(204, "POST", "/tmp", map[string]string{"X-Container-Meta-Temp-URL-Key": "ctrkey"}, "")
		anon := &client{t: t, storage: c.storage}
		p := "/v1/AUTH_root/tmp/obj"
		exp := strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)
		sign := func(newHash func() hash.Hash, key, method, path, exp string) string {
			m := hmac.New(newHash, []byte(key))
			m.Write([]byte(method + "\n" + exp + "\n" + path))
			return hex.EncodeToString(m.Sum(nil))
		}
		for _, tc := range []struct {
			h   func() hash.Hash
			key string
		}{{sha1f, "acctkey"}, {sha256f, "ctrkey"}} {
			sig := sign(tc.h, tc.key, "GET", p, exp)
			_, b := anon.must(200, "GET", "/tmp/obj?temp_url_sig="+sig+"&temp_url_expires="+exp, nil, "")
			if b != "secret data" {
				t.Fatalf("tempurl body %q", b)
			}
			anon.must(401, "PUT", "/tmp/obj?temp_url_sig="+sig+"&temp_url_expires="+exp, nil, "x")
		}
		sig := sign(sha256f, "acctkey", "PUT", p, exp)
		anon.must(201, "PUT", "/tmp/obj?temp_url_sig="+sig+"&temp_url_expires="+exp, nil, "new")
		old := strconv.FormatInt(time.Now().Add(-time.Minute).Unix(), 10)
		anon.must(401, "GET", "/tmp/obj?temp_url_sig="+sign(sha1f, "acctkey", "GET", p, old)+"&temp_url_expires="+old, nil, "")
		anon.must(401, "GET", "/tmp/obj?temp_url_sig="+sign(sha1f, "wrong", "GET", p, exp)+"&temp_url_expires="+exp, nil, "")
	})

	run("formpost", func(t *testing.T) {
		c.must(201, "PUT", "/form", map[string]string{"X-Container-Meta-Temp-URL-Key": "formkey"}, "")
		path := "/v1/AUTH_root/form/up/"
		exp := strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)
		msg := path + "\n\n1024\n2\n" + exp
		m := hmac.New(sha1.New, []byte("formkey"))
		m.Write([]byte(msg))
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for k, v := range map[string]string{"redirect": "", "max_file_size": "1024", "max_file_count": "2",
			"expires": exp, "signature": hex.EncodeToString(m.Sum(nil))} {
			mw.WriteField(k, v)
		}
		fw, _ := mw.CreateFormFile("file1", "a.txt")
		fw.Write([]byte("form file"))
		mw.Close()
		anon := &client{t: t, storage: c.storage}
		anon.must(201, "POST", "/form/up/", map[string]string{"Content-Type": mw.FormDataContentType()}, buf.String())
		_, b := c.must(200, "GET", "/form/up/a.txt", nil, "")
		if b != "form file" {
			t.Fatalf("formpost object %q", b)
		}
		bad := strings.Replace(buf.String(), hex.EncodeToString(m.Sum(nil)), strings.Repeat("0", 40), 1)
		anon.must(401, "POST", "/form/up/", map[string]string{"Content-Type": mw.FormDataContentType()}, bad)
	})

	run("acl", func(t *testing.T) {
		ak, sk := s.CreateUser(t, "reader", "")
		u := newClient(t, auth, ak, sk)
		c.must(201, "PUT", "/acl", nil, "")
		c.must(201, "PUT", "/acl/o", nil, "acl data")
		u.must(403, "GET", "/acl/o", nil, "")
		anon := &client{t: t, storage: c.storage}
		anon.must(401, "GET", "/acl/o", nil, "")
		c.must(204, "POST", "/acl", map[string]string{"X-Container-Read": "root:" + ak}, "")
		u.must(200, "GET", "/acl/o", nil, "")
		u.must(200, "GET", "/acl", nil, "")
		u.must(403, "PUT", "/acl/w", nil, "x")
		c.must(204, "POST", "/acl", map[string]string{"X-Container-Write": "root:reader"}, "")
		u.must(201, "PUT", "/acl/w", nil, "x")
		// Referrer rules: anonymous reads but no listing without .rlistings.
		c.must(204, "POST", "/acl", map[string]string{"X-Container-Read": ".r:*"}, "")
		anon.must(200, "GET", "/acl/o", nil, "")
		anon.must(401, "GET", "/acl", nil, "")
		c.must(204, "POST", "/acl", map[string]string{"X-Container-Read": ".r:*,.rlistings"}, "")
		anon.must(200, "GET", "/acl", nil, "")
		c.must(204, "POST", "/acl", map[string]string{"X-Container-Read": ".r:.example.com"}, "")
		anon.must(200, "GET", "/acl/o", map[string]string{"Referer": "http://www.example.com/page"}, "")
		anon.must(401, "GET", "/acl/o", map[string]string{"Referer": "http://evil.test/"}, "")
		c.must(400, "POST", "/acl", map[string]string{"X-Container-Read": ".bogus"}, "")
	})

	run("confined", func(t *testing.T) {
		c.must(201, "PUT", "/conf", nil, "")
		ak, sk := s.CreateUser(t, "teamer", testenv.ConfinedPolicy("conf", "team/"))
		u := newClient(t, auth, ak, sk)
		u.must(201, "PUT", "/conf/team/a", nil, "ok")
		u.must(403, "PUT", "/conf/other", nil, "no")
		u.must(200, "GET", "/conf?prefix=team/", nil, "")
		u.must(403, "GET", "/conf?prefix=other", nil, "")
		c.must(201, "PUT", "/conf/other", nil, "x")
		u.must(403, "GET", "/conf/other", nil, "")
		u.must(403, "DELETE", "/conf/other", nil, "")
	})

	run("versioning", func(t *testing.T) {
		c.must(201, "PUT", "/vers", nil, "")
		c.must(201, "PUT", "/stack", map[string]string{"X-Versions-Location": "vers"}, "")
		c.must(201, "PUT", "/stack/o", nil, "v1")
		c.must(201, "PUT", "/stack/o", nil, "v2")
		c.must(201, "PUT", "/stack/o", nil, "v3")
		_, b := c.must(200, "GET", "/vers?prefix=001o/", nil, "")
		if strings.Count(b, "\n") != 2 {
			t.Fatalf("versions: %q", b)
		}
		c.must(204, "DELETE", "/stack/o", nil, "")
		if _, b := c.must(200, "GET", "/stack/o", nil, ""); b != "v2" {
			t.Fatalf("after delete: %q", b)
		}
		c.must(202, "PUT", "/vers", nil, "") // exists
	})

	run("history", func(t *testing.T) {
		c.must(201, "PUT", "/hist", nil, "")
		c.must(201, "PUT", "/cur", map[string]string{"X-History-Location": "hist"}, "")
		c.must(201, "PUT", "/cur/o", nil, "v1")
		c.must(201, "PUT", "/cur/o", nil, "v2")
		c.must(204, "DELETE", "/cur/o", nil, "")
		c.must(404, "GET", "/cur/o", nil, "")
		// Two archived versions and the delete marker.
		_, b := c.must(200, "GET", "/hist?prefix=001o/&format=json", nil, "")
		if strings.Count(b, `"name"`) != 3 || !strings.Contains(b, "application/x-deleted") {
			t.Fatalf("history: %q", b)
		}
	})

	run("expiry", func(t *testing.T) {
		c.must(201, "PUT", "/exp", nil, "")
		c.must(400, "PUT", "/exp/past", map[string]string{"X-Delete-At": "1000"}, "x")
		at := time.Now().Unix() + 2
		c.must(201, "PUT", "/exp/o", map[string]string{"X-Delete-At": strconv.FormatInt(at, 10)}, "x")
		h, _ := c.must(200, "GET", "/exp/o", nil, "")
		if h.Get("X-Delete-At") != strconv.FormatInt(at, 10) {
			t.Fatalf("X-Delete-At %q", h.Get("X-Delete-At"))
		}
		for time.Now().Unix() < at {
			time.Sleep(100 * time.Millisecond)
		}
		c.must(404, "GET", "/exp/o", nil, "")
		c.must(204, "GET", "/exp", nil, "")
	})

	run("bulk", func(t *testing.T) {
		var tarball bytes.Buffer
		tw := newTar(&tarball)
		for i := 0; i < 3; i++ {
			tw.add(fmt.Sprintf("bulk/dir/f%d", i), "file"+strconv.Itoa(i))
		}
		tw.close()
		h, b := c.must(201, "PUT", "?extract-archive=tar", map[string]string{"Accept": "application/json"}, tarball.String())
		if !strings.Contains(b, `"Number Files Created":3`) {
			t.Fatalf("extract: %v %s", h, b)
		}
		_, b = c.must(200, "GET", "/bulk/dir/f1", nil, "")
		if b != "file1" {
			t.Fatalf("extracted %q", b)
		}
		_, b = c.must(200, "POST", "?bulk-delete", map[string]string{"Accept": "application/json", "Content-Type": "text/plain"},
			"/bulk/dir/f0\n/bulk/dir/f1\n/bulk/dir/f2\n/bulk/missing\n/bulk\n")
		var res map[string]any
		json.Unmarshal([]byte(b), &res)
		if res["Number Deleted"].(float64) != 4 || res["Number Not Found"].(float64) != 1 {
			t.Fatalf("bulk delete: %s", b)
		}
		c.must(404, "HEAD", "/bulk", nil, "")
	})

	run("dlo-slo", func(t *testing.T) {
		c.must(201, "PUT", "/big", nil, "")
		c.must(201, "PUT", "/big/seg/2", nil, "BBB")
		c.must(201, "PUT", "/big/seg/1", nil, "AAA")
		c.must(201, "PUT", "/big/dlo", map[string]string{"X-Object-Manifest": "big/seg/"}, "")
		_, b := c.must(200, "GET", "/big/dlo", nil, "")
		if b != "AAABBB" {
			t.Fatalf("dlo %q", b)
		}
		_, b = c.must(206, "GET", "/big/dlo", map[string]string{"Range": "bytes=2-3"}, "")
		if b != "AB" {
			t.Fatalf("dlo range %q", b)
		}
		man := fmt.Sprintf(`[{"path":"/big/seg/1","etag":"%s","size_bytes":3},{"path":"/big/seg/2","etag":null,"size_bytes":null}]`, md5hex("AAA"))
		h, _ := c.must(201, "PUT", "/big/slo?multipart-manifest=put", nil, man)
		want := md5hex(md5hex("AAA") + md5hex("BBB"))
		if strings.Trim(h.Get("Etag"), `"`) != want {
			t.Fatalf("slo etag %q want %q", h.Get("Etag"), want)
		}
		h, b = c.must(200, "GET", "/big/slo", nil, "")
		if b != "AAABBB" || h.Get("Content-Length") != "6" {
			t.Fatalf("slo %q %v", b, h)
		}
		_, b = c.must(200, "GET", "/big/slo?multipart-manifest=get", nil, "")
		if !strings.Contains(b, `"name":"/big/seg/1"`) {
			t.Fatalf("manifest %s", b)
		}
		c.must(400, "PUT", "/big/bad?multipart-manifest=put", nil, `[{"path":"/big/seg/1","etag":"0000","size_bytes":3}]`)
		c.must(400, "PUT", "/big/bad?multipart-manifest=put", nil, `[{"path":"/big/seg/1","size_bytes":4}]`)
		c.must(200, "DELETE", "/big/slo?multipart-manifest=delete", nil, "")
		c.must(404, "HEAD", "/big/seg/1", nil, "")
	})

	run("cors-info", func(t *testing.T) {
		c.must(201, "PUT", "/web", map[string]string{"X-Container-Meta-Access-Control-Allow-Origin": "http://site.test"}, "")
		anon := &client{t: t, storage: c.storage}
		h, _ := anon.must(200, "OPTIONS", "/web/x", map[string]string{"Origin": "http://site.test", "Access-Control-Request-Method": "GET"}, "")
		if h.Get("Access-Control-Allow-Origin") != "http://site.test" {
			t.Fatalf("preflight %v", h)
		}
		anon.must(401, "OPTIONS", "/web/x", map[string]string{"Origin": "http://other.test", "Access-Control-Request-Method": "GET"}, "")
		c.must(201, "PUT", "/web/x", nil, "x")
		h, _ = c.must(200, "GET", "/web/x", map[string]string{"Origin": "http://site.test"}, "")
		if h.Get("Access-Control-Allow-Origin") != "http://site.test" {
			t.Fatalf("cors %v", h)
		}
		_, b := anon.must(200, "GET", s.URL()+"/info", nil, "")
		var info map[string]any
		if err := json.Unmarshal([]byte(b), &info); err != nil || info["slo"] == nil || info["tempurl"] == nil {
			t.Fatalf("info %s", b)
		}
	})
}

var (
	sha1f   = sha1.New
	sha256f = sha256.New
)
