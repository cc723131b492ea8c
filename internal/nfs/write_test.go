package nfs_test

import (
	"testing"

	nfsc "github.com/willscott/go-nfs-client/nfs"
	"github.com/willscott/go-nfs-client/nfs/rpc"
	"github.com/willscott/go-nfs-client/nfs/xdr"
)

// rawWrite sends one WRITE and returns the "committed" of its reply.
func rawWrite(t *testing.T, v *nfsc.Target, fh []byte, off uint64, data []byte, how uint32) uint32 {
	t.Helper()
	type args struct {
		rpc.Header
		FH       []byte
		Offset   uint64
		Count    uint32
		How      uint32
		Contents []byte
	}
	type res struct {
		Wcc       nfsc.WccData
		Count     uint32
		How       uint32
		WriteVerf uint64
	}
	r, err := v.Call(&args{Header: rpc.Header{Rpcvers: 2, Prog: nfsc.Nfs3Prog, Vers: nfsc.Nfs3Vers, Proc: nfsc.NFSProc3Write,
		Cred: rpc.NewAuthUnix("test", 1000, 1000).Auth(), Verf: rpc.AuthNull},
		FH: fh, Offset: off, Count: uint32(len(data)), How: how, Contents: data})
	if err != nil {
		t.Fatal(err)
	}
	if st, err := xdr.ReadUint32(r); err != nil || st != 0 {
		t.Fatalf("WRITE status %d %v", st, err)
	}
	var out res
	if err := xdr.Read(r, &out); err != nil {
		t.Fatal(err)
	}
	if out.Count != uint32(len(data)) {
		t.Fatalf("WRITE wrote %d of %d", out.Count, len(data))
	}
	return out.How
}

func rawCommit(t *testing.T, v *nfsc.Target, fh []byte) {
	t.Helper()
	type args struct {
		rpc.Header
		FH     []byte
		Offset uint64
		Count  uint32
	}
	r, err := v.Call(&args{Header: rpc.Header{Rpcvers: 2, Prog: nfsc.Nfs3Prog, Vers: nfsc.Nfs3Vers, Proc: nfsc.NFSProc3Commit,
		Cred: rpc.NewAuthUnix("test", 1000, 1000).Auth(), Verf: rpc.AuthNull}, FH: fh})
	if err != nil {
		t.Fatal(err)
	}
	if st, err := xdr.ReadUint32(r); err != nil || st != 0 {
		t.Fatalf("COMMIT status %d %v", st, err)
	}
}

// TestWriteStability: a FILE_SYNC WRITE is the S3 object when answered;
// an UNSTABLE WRITE is answered UNSTABLE and is the object once
// COMMIT is answered.
func TestWriteStability(t *testing.T) {
	n := startNFS(t, "", "data")
	nfsUser(t, n, "alice", fullPolicy, "1000")
	v := mustMount(t, n.ProtocolAddr("nfs"), "/data", 1000)
	fh, err := v.Create("f", 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if how := rawWrite(t, v, fh, 0, []byte("sync"), 2); how != 2 {
		t.Fatalf("FILE_SYNC write answered %d", how)
	}
	if got := s3Get(t, n, "data", "f"); string(got) != "sync" {
		t.Fatalf("S3 after a FILE_SYNC write: %q", got)
	}
	if how := rawWrite(t, v, fh, 4, []byte("+unstable"), 0); how != 0 {
		t.Fatalf("UNSTABLE write answered %d", how)
	}
	if how := rawWrite(t, v, fh, 13, []byte("+more"), 0); how != 0 {
		t.Fatalf("UNSTABLE write answered %d", how)
	}
	rawCommit(t, v, fh)
	if got := s3Get(t, n, "data", "f"); string(got) != "sync+unstable+more" {
		t.Fatalf("S3 after COMMIT: %q", got)
	}
	if got := readFile(t, v, "f"); string(got) != "sync+unstable+more" {
		t.Fatalf("NFS after COMMIT: %q", got)
	}
}
