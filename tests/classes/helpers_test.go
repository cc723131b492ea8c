package classestest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

var ctx = context.Background()

// pooled is a node whose volumes are in pools, and its volume folders by
// pool.
type pooled struct {
	*testenv.Server
	dirs map[string][]string
}

// startPooled runs a node with the given number of volumes per pool.
func startPooled(t *testing.T, pools map[string]int) *pooled {
	t.Helper()
	p := &pooled{dirs: map[string][]string{}}
	p.Server = testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.Volumes = nil
		for pool, n := range pools {
			for i := range n {
				d := filepath.Join(c.DataDir, "volumes", fmt.Sprintf("%s-%d", pool, i))
				p.dirs[pool] = append(p.dirs[pool], d)
				c.Volumes = append(c.Volumes, d+":pool="+pool)
			}
		}
	}})
	return p
}

// chunks counts the chunk files of each pool's volumes.
func (p *pooled) chunks() map[string]int {
	out := map[string]int{}
	for pool, dirs := range p.dirs {
		for _, d := range dirs {
			filepath.WalkDir(filepath.Join(d, "chunks"), func(_ string, e fs.DirEntry, err error) error {
				if err == nil && !e.IsDir() {
					out[pool]++
				}
				return nil
			})
		}
	}
	return out
}

func (p *pooled) setClass(t *testing.T, c object.StorageClass) {
	t.Helper()
	if _, err := p.Objects.Classes().Put(ctx, c); err != nil {
		t.Fatal(err)
	}
}

func (p *pooled) bucket(t *testing.T, name, versioning string) {
	t.Helper()
	if err := p.Objects.CreateBucket(ctx, object.Bucket{Name: name, Account: "root", Versioning: versioning}); err != nil {
		t.Fatal(err)
	}
}

func (p *pooled) put(t *testing.T, bucket, key, class string, body []byte) object.ObjectInfo {
	t.Helper()
	info, err := p.Objects.PutObject(ctx, bucket, key, bytes.NewReader(body), object.PutOptions{
		Size: int64(len(body)), StorageClass: class, UserMeta: map[string]string{"k": "v"}})
	if err != nil {
		t.Fatalf("put %s/%s class %q: %v", bucket, key, class, err)
	}
	return info
}

func (p *pooled) get(t *testing.T, bucket, key, version string) (object.ObjectInfo, []byte) {
	t.Helper()
	info, rc, err := p.Objects.GetObject(ctx, bucket, key, object.GetOptions{VersionID: version})
	if err != nil {
		t.Fatalf("get %s/%s: %v", bucket, key, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("read %s/%s: %v", bucket, key, err)
	}
	return info, b
}

func body(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = seed + byte(i*7) + byte(i>>9)
	}
	return b
}
