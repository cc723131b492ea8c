package webdav_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestNamespace: the WebDAV tree is the S3 namespace. A PUT is the object
// when the answer comes; an S3 write is the next GET; MKCOL at the root
// is a bucket; MOVE and COPY of a collection and DELETE show in S3; dead
// properties are object metadata.
func TestNamespace(t *testing.T) {
	n, base := node(t, "dav")
	c := newClient(t, base, testenv.AccessKey, testenv.SecretKey)

	c.want(409, "PUT", "/dav/dir/a.txt", "no parent yet")
	c.want(201, "MKCOL", "/dav/dir/", "")
	c.want(201, "PUT", "/dav/dir/a.txt", "through webdav")
	if got := s3Get(t, n, "dav", "dir/a.txt"); got != "through webdav" {
		t.Fatalf("S3 reads %q", got)
	}
	s3Put(t, n, "dav", "dir/b.txt", "through s3")
	if _, b := c.want(200, "GET", "/dav/dir/b.txt", ""); b != "through s3" {
		t.Fatalf("WebDAV reads %q", b)
	}
	c.want(204, "PUT", "/dav/dir/b.txt", "overwritten") // RFC 4918: 204 for an existing resource... x/net answers 201
	if got := s3Get(t, n, "dav", "dir/b.txt"); got != "overwritten" {
		t.Fatalf("S3 reads %q after overwrite", got)
	}

	// The root lists the buckets; MKCOL there makes one.
	c.want(403, "MKCOL", "/x/", "") // not a valid bucket name
	c.want(201, "MKCOL", "/made/", "")
	if _, err := n.S3().HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("made")}); err != nil {
		t.Fatalf("MKCOL at the root made no bucket: %v", err)
	}
	_, list := c.want(207, "PROPFIND", "/", "", "Depth", "1")
	for _, want := range []string{"<D:href>/dav/</D:href>", "<D:href>/made/</D:href>"} {
		if !strings.Contains(list, want) {
			t.Fatalf("root listing lacks %s: %s", want, list)
		}
	}

	// Dead properties are metadata S3 sees.
	c.want(207, "PROPPATCH", "/dav/dir/a.txt", `<?xml version="1.0"?><D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:x"><D:set><D:prop><Z:colour>blue</Z:colour></D:prop></D:set></D:propertyupdate>`)
	head, err := n.S3().HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("dav"), Key: aws.String("dir/a.txt")})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for k, v := range head.Metadata {
		found = found || strings.HasPrefix(k, "dav.") && strings.Contains(v, "colour")
	}
	if !found {
		t.Fatalf("dead property not in the object's metadata: %v", head.Metadata)
	}
	_, props := c.want(207, "PROPFIND", "/dav/dir/a.txt", `<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><colour xmlns="urn:x"/></D:prop></D:propfind>`, "Depth", "0")
	if !strings.Contains(props, "blue") {
		t.Fatalf("PROPFIND lacks the dead property: %s", props)
	}

	// MOVE of a collection is a rename; COPY copies the tree and its
	// properties.
	c.want(201, "MOVE", "/dav/dir/", "", "Destination", base+"/dav/moved/")
	keys := s3Keys(t, n, "dav")
	if strings.Join(keys, ",") != "moved/a.txt,moved/b.txt" {
		t.Fatalf("S3 lists %v after MOVE", keys)
	}
	c.want(201, "COPY", "/dav/moved/", "", "Destination", base+"/dav/copy/")
	if got := s3Get(t, n, "dav", "copy/a.txt"); got != "through webdav" {
		t.Fatalf("copy reads %q", got)
	}
	_, props = c.want(207, "PROPFIND", "/dav/copy/a.txt", `<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><colour xmlns="urn:x"/></D:prop></D:propfind>`, "Depth", "0")
	if !strings.Contains(props, "blue") {
		t.Fatalf("COPY lost the dead property: %s", props)
	}
	c.want(204, "DELETE", "/dav/moved/", "")
	if keys := s3Keys(t, n, "dav"); strings.Join(keys, ",") != "copy/a.txt,copy/b.txt" {
		t.Fatalf("S3 lists %v after DELETE", keys)
	}
	// Across buckets a MOVE is refused as a move to another server.
	c.want(502, "MOVE", "/dav/copy/a.txt", "", "Destination", base+"/made/a.txt")

	// Wrong secret: 401 with a challenge.
	bad := newClient(t, base, testenv.AccessKey, "wrong")
	if h, _ := bad.want(401, "PROPFIND", "/", ""); !strings.HasPrefix(h.Get("WWW-Authenticate"), "Basic") {
		t.Fatalf("no Basic challenge: %v", h)
	}
}

func s3Keys(t *testing.T, n *testenv.Server, bucket string) []string {
	t.Helper()
	out, err := n.S3().ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, o := range out.Contents {
		if !strings.HasSuffix(*o.Key, "/") {
			keys = append(keys, *o.Key)
		}
	}
	return keys
}

// TestConfined: a user whose policy confines it to dav/team/ works there
// and gets 403 anywhere else.
func TestConfined(t *testing.T) {
	n, base := node(t, "dav")
	s3Put(t, n, "dav", "secret.txt", "root only")
	s3Put(t, n, "dav", "team/shared.txt", "team data")
	key, secret := n.CreateUser(t, "confined", testenv.ConfinedPolicy("dav", "team/"))
	c := newClient(t, base, key, secret)

	c.want(201, "PUT", "/dav/team/new.txt", "mine")
	if got := s3Get(t, n, "dav", "team/new.txt"); got != "mine" {
		t.Fatalf("S3 reads %q", got)
	}
	if _, b := c.want(200, "GET", "/dav/team/shared.txt", ""); b != "team data" {
		t.Fatalf("GET reads %q", b)
	}
	c.want(207, "PROPFIND", "/dav/team/", "", "Depth", "1")
	c.want(201, "MKCOL", "/dav/team/sub/", "")
	c.want(201, "MOVE", "/dav/team/new.txt", "", "Destination", base+"/dav/team/sub/new.txt")

	c.want(403, "GET", "/dav/secret.txt", "")
	c.want(403, "PUT", "/dav/other.txt", "not allowed")
	c.want(403, "DELETE", "/dav/secret.txt", "")
	c.want(403, "MKCOL", "/dav/elsewhere/", "")
	c.want(403, "MOVE", "/dav/team/shared.txt", "", "Destination", base+"/dav/out.txt")
	c.want(403, "COPY", "/dav/team/shared.txt", "", "Destination", base+"/dav/out.txt")
	if _, b := c.want(207, "PROPPATCH", "/dav/secret.txt", `<?xml version="1.0"?><D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><x xmlns="urn:x">1</x></D:prop></D:set></D:propertyupdate>`); !strings.Contains(b, "403 Forbidden") {
		t.Fatalf("PROPPATCH outside the prefix: %s", b)
	}
	c.want(403, "LOCK", "/dav/secret.txt", lockBody("exclusive"))
	if got := s3Get(t, n, "dav", "secret.txt"); got != "root only" {
		t.Fatalf("secret.txt changed: %q", got)
	}
	if keys := s3Keys(t, n, "dav"); strings.Join(keys, ",") != "secret.txt,team/shared.txt,team/sub/new.txt" {
		t.Fatalf("S3 lists %v", keys)
	}
}

func lockBody(scope string) string {
	return `<?xml version="1.0" encoding="utf-8"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:` + scope +
		`/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner><D:href>tester</D:href></D:owner></D:lockinfo>`
}
