package classestest

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestClassesAcrossGateways: in a 3-node cluster whose nodes each have an
// ssd and an hdd volume, a class set on one gateway is used by the
// others' new writes (within the class cache's second), and places data
// on the pool's volumes of every node.
func TestClassesAcrossGateways(t *testing.T) {
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 3, Edit: func(i int, cfg *server.Config) {
		cfg.Volumes = []string{
			filepath.Join(cfg.DataDir, "volumes", "ssd") + ":pool=ssd",
			filepath.Join(cfg.DataDir, "volumes", "hdd") + ":pool=hdd",
		}
	}})
	p := &pooled{dirs: map[string][]string{}}
	for i := range c.Nodes {
		for _, d := range c.VolumeDirs(i) {
			pool := filepath.Base(d)
			p.dirs[pool] = append(p.dirs[pool], d)
		}
	}
	if err := c.Nodes[0].Objects.CreateBucket(ctx, object.Bucket{Name: "x", Account: "root"}); err != nil {
		t.Fatal(err)
	}
	b := body(1<<20, 5)
	// node3 has read the (empty) class configuration before the change.
	if info, err := c.Nodes[2].Objects.PutObject(ctx, "x", "k", bytes.NewReader(b), object.PutOptions{Size: int64(len(b))}); err != nil || info.Policy == "EC2+1" {
		t.Fatalf("before any class: %+v %v", info, err)
	}
	if _, err := c.Nodes[0].Objects.Classes().Put(ctx, object.StorageClass{Name: "STANDARD", Pool: "hdd", Policy: "EC2+1"}); err != nil {
		t.Fatal(err)
	}
	set := time.Now()
	var info object.ObjectInfo
	for {
		var err error
		info, err = c.Nodes[2].Objects.PutObject(ctx, "x", "k", bytes.NewReader(b), object.PutOptions{Size: int64(len(b))})
		if err != nil {
			t.Fatal(err)
		}
		if info.Policy == "EC2+1" || time.Since(set) > 10*time.Second {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("the class change reached another gateway's writes after %v", time.Since(set).Round(time.Millisecond))
	if info.Policy != "EC2+1" {
		t.Fatalf("node3's write 10 s after the class change on node1: policy %s", info.Policy)
	}
	if got := p.chunks(); got["ssd"] != 0 || got["hdd"] != 3 {
		t.Fatalf("chunks by pool %v, want the 3 fragments on the 3 hdd volumes", got)
	}
	rc, err := getAll(c.Nodes[1], "x", "k")
	if err != nil || !bytes.Equal(rc, b) {
		t.Fatalf("read through node2: %v", err)
	}
}

func getAll(n *server.Node, bucket, key string) ([]byte, error) {
	_, rc, err := n.Objects.GetObject(ctx, bucket, key, object.GetOptions{})
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var buf bytes.Buffer
	_, err = buf.ReadFrom(rc)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	return buf.Bytes(), nil
}
