package webdav_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestLocksAcrossGateways: a lock taken through one gateway holds on
// another (locks are attributes in the namespace, not server memory),
// and a MOVE through one is seen by the other.
func TestLocksAcrossGateways(t *testing.T) {
	cl := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 2, Edit: func(i int, c *server.Config) {
		c.WebDAVAddr = "127.0.0.1:0"
	}})
	cl.WaitReady(t)
	if _, err := cl.S3(0).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("dav")}); err != nil {
		t.Fatal(err)
	}
	a := newClient(t, "http://"+cl.Node(0).ProtocolAddr("webdav"), testenv.AccessKey, testenv.SecretKey)
	b := newClient(t, "http://"+cl.Node(1).ProtocolAddr("webdav"), testenv.AccessKey, testenv.SecretKey)

	a.want(201, "PUT", "/dav/doc.txt", "v1")
	tok := a.lock(200, "/dav/doc.txt", "exclusive", "Timeout", "Second-600")
	b.want(423, "PUT", "/dav/doc.txt", "from b, no token")
	b.want(423, "LOCK", "/dav/doc.txt", lockBody("exclusive"))
	b.want(423, "DELETE", "/dav/doc.txt", "")
	b.want(204, "PUT", "/dav/doc.txt", "v2 from b", "If", "(<"+tok+">)") // the token works on any gateway
	if _, body := a.want(200, "GET", "/dav/doc.txt", ""); body != "v2 from b" {
		t.Fatalf("gateway a reads %q", body)
	}
	b.want(204, "UNLOCK", "/dav/doc.txt", "", "Lock-Token", "<"+tok+">")
	a.want(204, "PUT", "/dav/doc.txt", "v3 unlocked")

	// A depth-infinity lock on a collection covers what is below it.
	a.want(201, "MKCOL", "/dav/dir/", "")
	tok = a.lock(200, "/dav/dir/", "exclusive")
	b.want(423, "PUT", "/dav/dir/new.txt", "x")
	b.want(201, "PUT", "/dav/dir/new.txt", "x", "If", "(<"+tok+">)")
	a.want(204, "UNLOCK", "/dav/dir/", "", "Lock-Token", "<"+tok+">")
	b.want(201, "MOVE", "/dav/dir/", "", "Destination", "http://"+cl.Node(1).ProtocolAddr("webdav")+"/dav/renamed/")
	a.want(404, "GET", "/dav/dir/new.txt", "")
	if _, body := a.want(200, "GET", "/dav/renamed/new.txt", ""); body != "x" {
		t.Fatalf("gateway a reads %q after b's MOVE", body)
	}
}
