package fusetest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestClusterMounts mounts one bucket of a 3-node cluster (replicated
// etcd directory, remote blob servers, THREECOPIES) through two different
// gateways: the namespace is one, renames are atomic, and S3 through a
// third gateway sees the files at once.
func TestClusterMounts(t *testing.T) {
	if testing.Short() {
		t.Skip("cluster")
	}
	testenv.RequireFUSE(t)
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 3, Policy: "THREECOPIES"})
	if _, err := c.S3(0).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("files")}); err != nil {
		t.Fatal(err)
	}
	a := testenv.Mount(t, c.Node(0).URL(), "files", fuse.Options{})
	b := testenv.Mount(t, c.Node(1).URL(), "files", fuse.Options{})
	s3c := c.S3(2)

	body := bytes.Repeat([]byte("cluster"), 200000) // 1.4 MB: chunks on three nodes
	if err := os.MkdirAll(filepath.Join(a, "proj/src"), 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		if err := os.WriteFile(filepath.Join(a, fmt.Sprintf("proj/src/f%02d", i)), body[:len(body)-i], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := os.ReadFile(filepath.Join(b, "proj/src/f07")); err != nil || !bytes.Equal(got, body[:len(body)-7]) {
		t.Fatalf("mount b reads %d bytes, %v", len(got), err)
	}
	if err := os.Rename(filepath.Join(b, "proj"), filepath.Join(b, "proj2")); err != nil {
		t.Fatal(err)
	}
	out, err := s3c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("files")})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range out.Contents {
		if len(*o.Key) < 6 || (*o.Key)[:6] != "proj2/" {
			t.Fatalf("key %q after the rename", *o.Key)
		}
	}
	if len(out.Contents) != 22 { // 20 files and two directory markers
		t.Fatalf("%d keys after the rename", len(out.Contents))
	}
	eventually(t, 3*time.Second, "mount a sees the rename", func() error {
		_, err := os.Stat(filepath.Join(a, "proj2/src/f19"))
		return err
	})
	// Partial write through a: S3 through node 3 reads the patched bytes.
	f, err := os.OpenFile(filepath.Join(a, "proj2/src/f00"), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte("PATCH"), 700000)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	want := bytes.Clone(body)
	copy(want[700000:], "PATCH")
	if got := get(t, s3c, "proj2/src/f00"); !bytes.Equal(got, want) {
		t.Fatal("S3 through another gateway reads the wrong bytes after a partial write")
	}
}

// TestClusterRenameLarge renames a directory of 10,000 files on the etcd
// directory in one transaction (four writes per file, no data copied).
func TestClusterRenameLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of objects")
	}
	// 2,000 keys in the default run: one etcd transaction of that size
	// commits in seconds even on a loaded 2-core machine. The README's
	// figure is 10,000 (STRATA_SCALE=1), which needs an idle machine.
	n := 2000
	if os.Getenv("STRATA_SCALE") != "" {
		n = 10000
	}
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 3, Policy: "THREECOPIES"})
	if _, err := c.S3(0).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("files")}); err != nil {
		t.Fatal(err)
	}
	svc := c.Node(0).Objects
	var wg sync.WaitGroup
	next := make(chan int)
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if _, err := svc.PutObject(ctx, "files", fmt.Sprintf("big/f%05d", i), bytes.NewReader([]byte{byte(i)}), object.PutOptions{Size: 1}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	start := time.Now()
	if err := c.Node(1).Objects.FSRename(ctx, "files", "big", "moved", 0); err != nil {
		t.Fatal(err)
	}
	t.Logf("rename of a directory of %d files on a 3-node cluster: %v", n, time.Since(start))
	out, err := c.S3(2).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("files"), Prefix: aws.String("big/")})
	if err != nil || len(out.Contents) != 0 {
		t.Fatalf("old prefix still lists %d keys (%v)", len(out.Contents), err)
	}
	p := s3.NewListObjectsV2Paginator(c.S3(2), &s3.ListObjectsV2Input{Bucket: aws.String("files"), Prefix: aws.String("moved/")})
	count := 0
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		count += len(page.Contents)
	}
	if count != n+1 { // the files and the new directory marker
		t.Fatalf("new prefix lists %d keys, want %d", count, n+1)
	}
}
