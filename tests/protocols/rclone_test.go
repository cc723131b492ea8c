package protocols

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// rcloneRemote is one rclone backend pointed at a Strata door: its
// configuration (RCLONE_CONFIG_R_* variables) and the path of the
// bucket's root in it.
type rcloneRemote struct {
	name string   // the door
	env  []string // RCLONE_CONFIG_R_TYPE=..., ...
	root string   // "r:bucket" or "r:" + path to the bucket
}

// TestRcloneSync: rclone, with the backend of each protocol, syncs a tree
// of 500 files and checks it with no difference; S3 then lists the same
// tree; a changed source syncs and checks again.
func TestRcloneSync(t *testing.T) {
	rclone := testenv.RequireTool(t, "rclone")
	n := startAll(t)
	remotes := rcloneRemotes(t, n, testenv.AccessKey, testenv.SecretKey)
	if len(remotes) == 0 {
		t.Skip("no protocol with an rclone backend is built yet")
	}
	for _, rm := range remotes {
		t.Run(rm.name, func(t *testing.T) {
			src := t.TempDir()
			writeTree(t, src, 500)
			dst := rm.root + "/rclone-" + rm.name
			r := func(args ...string) {
				t.Helper()
				cmd := exec.Command(rclone, append(args, "--retries", "1", "--low-level-retries", "2")...)
				cmd.Env = append(append(os.Environ(), "RCLONE_CONFIG=/dev/null"), rm.env...)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("rclone %s: %v\n%s", strings.Join(args, " "), err, out)
				}
			}
			r("sync", src, dst)
			r("check", src, dst)
			if got, want := s3Tree(t, n, "rclone-"+rm.name+"/"), localTree(t, src); got != want {
				t.Fatalf("S3 lists another tree than rclone synced:\nS3:\n%s\nlocal:\n%s", got, want)
			}
			os.RemoveAll(filepath.Join(src, "d1"))
			must(t, "add", os.WriteFile(filepath.Join(src, "d2", "new file.txt"), []byte("new"), 0o644))
			must(t, "modify", os.WriteFile(filepath.Join(src, "d3", "f-3.bin"), []byte("modified"), 0o644))
			r("sync", src, dst)
			r("check", src, dst)
			if got, want := s3Tree(t, n, "rclone-"+rm.name+"/"), localTree(t, src); got != want {
				t.Fatalf("after the second sync, S3 lists another tree:\nS3:\n%s\nlocal:\n%s", got, want)
			}
		})
	}
}

// writeTree makes n files in 10 folders (some with spaces in names).
func writeTree(t *testing.T, dir string, n int) {
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("d%d", i%10), fmt.Sprintf("f-%d.bin", i))
		if i%7 == 0 {
			p = filepath.Join(dir, fmt.Sprintf("d%d", i%10), fmt.Sprintf("file %d.txt", i))
		}
		must(t, "mkdir", os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, "write", os.WriteFile(p, []byte(strings.Repeat(fmt.Sprint(i), i%300)), 0o644))
	}
}

// localTree is "path size" lines of the files under dir.
func localTree(t *testing.T, dir string) string {
	var lines []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			st, _ := d.Info()
			rel, _ := filepath.Rel(dir, p)
			lines = append(lines, fmt.Sprintf("%s %d", filepath.ToSlash(rel), st.Size()))
		}
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// s3Tree is "path size" lines of the objects under prefix (folder
// markers left out).
func s3Tree(t *testing.T, n *testenv.Server, prefix string) string {
	var lines []string
	p := s3.NewListObjectsV2Paginator(n.S3(), &s3.ListObjectsV2Input{Bucket: ptr(bucket), Prefix: &prefix})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		must(t, "list", err)
		for _, o := range page.Contents {
			if strings.HasSuffix(*o.Key, "/") {
				continue
			}
			lines = append(lines, fmt.Sprintf("%s %d", strings.TrimPrefix(*o.Key, prefix), *o.Size))
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
