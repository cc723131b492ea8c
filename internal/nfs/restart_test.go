package nfs_test

import (
	"testing"

	nfsc "github.com/willscott/go-nfs-client/nfs"
	"github.com/willscott/go-nfs-client/nfs/rpc"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestHandlesSurviveRestart: handles given out before a restart find
// their files after it, a handle kept across a rename through NFS still
// works, and one whose file another protocol moved is NFS3ERR_STALE.
func TestHandlesSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	n := startNFS(t, dir, "data")
	nfsUser(t, n, "alice", fullPolicy, "1000")
	v := mustMount(t, n.ProtocolAddr("nfs"), "/data", 1000)
	if _, err := v.Mkdir("d", 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, v, "d/f", []byte("before restart"))
	writeFile(t, v, "d/moved-by-s3", []byte("m"))
	_, dirFH, err := v.Lookup("d")
	if err != nil {
		t.Fatal(err)
	}
	_, fileFH, err := v.Lookup("d/f")
	if err != nil {
		t.Fatal(err)
	}
	_, otherFH, err := v.Lookup("d/moved-by-s3")
	if err != nil {
		t.Fatal(err)
	}
	// A rename through NFS keeps the handle.
	if err := rename(v, 1000, "d/f", "d/g"); err != nil {
		t.Fatal(err)
	}
	n.Close()

	n2 := testenv.Start(t, testenv.Options{Dir: dir, Edit: func(c *server.Config) { c.NFSAddr = "127.0.0.1:0" }})
	c := testenv.DialNFS(t, n2.ProtocolAddr("nfs"))
	auth := rpc.NewAuthUnix("test", 1000, 1000).Auth()
	// No MOUNT: the directory handle from before the restart is the root.
	v2, err := nfsc.NewTargetWithClient(c, auth, dirFH, "/data/d", 0)
	if err != nil {
		t.Fatalf("old directory handle after restart: %v", err)
	}
	if got := readFile(t, v2, "g"); string(got) != "before restart" {
		t.Fatalf("read through the old directory handle: %q", got)
	}
	attr, err := v2.GetAttr(fileFH)
	if err != nil || attr.Size() != int64(len("before restart")) {
		t.Fatalf("getattr of the old file handle after rename and restart: %+v %v", attr, err)
	}

	// Another protocol renames a file: its NFS handle is stale.
	sess, err := n2.Shares().Login(ctx, testenv.AccessKey, testenv.SecretKey, shares.Client{Protocol: "test", Remote: "127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	fs, err := sess.FS(ctx, "data")
	if err != nil {
		t.Fatal(err)
	}
	if err := fs.Rename(ctx, "d/moved-by-s3", "elsewhere", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := v2.GetAttr(otherFH); !isStale(err) {
		t.Fatalf("handle of a file another protocol moved: %v", err)
	}
}
