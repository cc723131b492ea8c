package tieringtest

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/testenv"
)

// checkMountArchived: a FUSE mount of the bucket lists every archived
// object as a file of its size, and reading one fails with the archive
// errno (ENODATA, docs/ARCHIVE.md).
func checkMountArchived(t *testing.T, n *node, bucket string, objs []stored) {
	dir := testenv.Mount(t, n.URL(), bucket, fuse.Options{})
	ents, err := os.ReadDir(filepath.Join(dir, "raw"))
	if err != nil {
		t.Fatal(err)
	}
	sizes := map[string]int64{}
	for _, e := range ents {
		fi, err := e.Info()
		if err != nil {
			t.Fatalf("stat %s: %v", e.Name(), err)
		}
		if !fi.Mode().IsRegular() {
			t.Fatalf("%s: mode %v, want a regular file", e.Name(), fi.Mode())
		}
		sizes[e.Name()] = fi.Size()
	}
	if len(sizes) != len(objs) {
		t.Fatalf("the mount lists %d files in raw/, want %d", len(sizes), len(objs))
	}
	for _, o := range objs {
		name := strings.TrimPrefix(o.key, "raw/")
		if got, ok := sizes[name]; !ok || got != o.size {
			t.Fatalf("the mount lists %s with size %d (listed %v), want %d", name, got, ok, o.size)
		}
	}
	for _, o := range []stored{objs[0], objs[len(objs)/2], objs[len(objs)-1]} {
		_, err = os.ReadFile(filepath.Join(dir, o.key))
		if !errors.Is(err, object.ErrnoArchived) {
			t.Fatalf("read of the unrestored archived file %s: %v, want %v", o.key, err, object.ErrnoArchived)
		}
	}
}

// checkMountRestored: once restored, files read through a new mount
// return the bytes written.
func checkMountRestored(t *testing.T, n *node, bucket string, objs []stored) {
	dir := testenv.Mount(t, n.URL(), bucket, fuse.Options{})
	var sample []stored
	for i := 0; i < len(objs); i += max(1, len(objs)/20) {
		sample = append(sample, objs[i])
	}
	for _, o := range append(sample, objs[len(objs)-1]) { // the last is a multipart upload
		b, err := os.ReadFile(filepath.Join(dir, o.key))
		if err != nil {
			t.Fatalf("read restored %s through the mount: %v", o.key, err)
		}
		if sum := sha256.Sum256(b); !bytes.Equal(sum[:], o.sum[:]) {
			t.Fatalf("read restored %s through the mount: %d bytes with another sha256", o.key, len(b))
		}
	}
}
