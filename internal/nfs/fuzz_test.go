package nfs

import (
	"encoding/binary"
	"testing"
)

// sampleCall is an NFSv3 GETATTR call from uid 1000 with AUTH_SYS.
func sampleCall() []byte {
	u := func(b []byte, v uint32) []byte { return binary.BigEndian.AppendUint32(b, v) }
	var cred []byte
	cred = u(cred, 7)                       // stamp
	cred = u(cred, 4)                       // machine name length
	cred = append(cred, 'h', 'o', 's', 't') //
	cred = u(u(cred, 1000), 1000)           // uid, gid
	cred = u(cred, 0)                       // no groups
	var b []byte
	b = u(u(u(b, 42), 0), 2)      // xid, CALL, rpcvers
	b = u(u(u(b, progNFS), 3), 1) // NFS v3 GETATTR
	b = u(u(b, authSys), uint32(len(cred)))
	b = append(b, cred...)
	b = u(u(b, 0), 0) // AUTH_NONE verifier
	b = u(b, 20)
	return append(b, encodeHandle(fileID{bucket: 9, ino: 3})...)
}

func TestParseCall(t *testing.T) {
	c, err := ParseCall(sampleCall())
	if err != nil {
		t.Fatal(err)
	}
	if c.Xid != 42 || c.Prog != progNFS || c.Vers != 3 || c.Proc != 1 || c.Flavor != authSys || c.UID != 1000 || c.GID != 1000 || len(c.Args) != 24 {
		t.Fatalf("parsed %+v", c)
	}
	for i := range sampleCall() {
		if _, err := ParseCall(sampleCall()[:i]); err == nil && i < len(sampleCall())-24 {
			t.Fatalf("a call cut at %d parsed", i)
		}
	}
}

// FuzzParseCall: any bytes parse or fail, never panic, and what parses
// has its arguments inside the record.
func FuzzParseCall(f *testing.F) {
	f.Add(sampleCall())
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := ParseCall(b)
		if err == nil && len(c.Args) > len(b) {
			t.Fatalf("args longer than the record")
		}
	})
}

// FuzzHandle: a handle decodes to what encoded it, and any bytes decode
// or fail without panicking.
func FuzzHandle(f *testing.F) {
	f.Add(encodeHandle(fileID{bucket: 1, ino: 2}))
	f.Add([]byte{1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		id, err := decodeHandle(b)
		if err != nil {
			return
		}
		if got, err := decodeHandle(encodeHandle(id)); err != nil || got != id {
			t.Fatalf("round trip of %+v: %+v %v", id, got, err)
		}
	})
}

// TestTable: paths are found by walking parents, a folder's rename moves
// its subtree, and entries survive reopening the table.
func TestTable(t *testing.T) {
	dir := t.TempDir()
	tb, err := openTable(dir)
	if err != nil {
		t.Fatal(err)
	}
	k := tb.putBucket("data")
	tb.put(fileID{k, 10}, node{parent: 0, name: "a"})
	tb.put(fileID{k, 11}, node{parent: 10, name: "b"})
	tb.put(fileID{k, 12}, node{parent: 11, name: "c.txt"})
	if p, ok := tb.path(fileID{k, 12}); !ok || p != "a/b/c.txt" {
		t.Fatalf("path: %q %v", p, ok)
	}
	tb.put(fileID{k, 11}, node{parent: 0, name: "moved"})
	if p, _ := tb.path(fileID{k, 12}); p != "moved/c.txt" {
		t.Fatalf("path after moving its folder: %q", p)
	}
	tb.forget(fileID{k, 10})
	tb.put(fileID{k, 13}, node{parent: 13, name: "loop"}) // corrupt: a cycle ends
	if _, ok := tb.path(fileID{k, 13}); ok {
		t.Fatalf("a cycle resolved")
	}
	if err := tb.Close(); err != nil {
		t.Fatal(err)
	}
	tb, err = openTable(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	if name, ok := tb.bucket(k); !ok || name != "data" {
		t.Fatalf("bucket after reopen: %q %v", name, ok)
	}
	if p, ok := tb.path(fileID{k, 12}); !ok || p != "moved/c.txt" {
		t.Fatalf("path after reopen: %q %v", p, ok)
	}
	if _, ok := tb.path(fileID{k, 10}); ok {
		t.Fatalf("a forgotten file resolved")
	}
}

// FuzzRewriteUnstable: the WRITE reply rewriter never panics and only
// touches the "committed" word of a well-formed reply.
func FuzzRewriteUnstable(f *testing.F) {
	u := func(b []byte, v uint32) []byte { return binary.BigEndian.AppendUint32(b, v) }
	var reply []byte
	reply = u(u(u(u(u(u(reply, 5), 1), 0), 0), 0), 0) // xid, REPLY, accepted, verifier, SUCCESS
	reply = u(u(u(reply, 0), 0), 0)                   // NFS3_OK, no pre-op, no post-op attributes
	reply = u(u(u(u(reply, 4), 2), 0), 0)             // count, FILE_SYNC, verifier
	f.Add(u(nil, 1<<31|uint32(len(reply))), reply)
	f.Add([]byte{}, []byte{})
	f.Fuzz(func(t *testing.T, mark, body []byte) {
		p := append(append([]byte{}, mark...), body...)
		if len(p) < 8 {
			return
		}
		c := &recordConn{}
		c.expectUnstable(binary.BigEndian.Uint32(p[4:]), &nfsFile{})
		before := append([]byte{}, p...)
		_, ok := c.rewriteUnstable(p)
		changed := 0
		for i := range p {
			if p[i] != before[i] {
				changed++
			}
		}
		if changed > 0 && !ok || changed > 1 {
			t.Fatalf("rewrite changed %d bytes (ok=%v)", changed, ok)
		}
	})
}
