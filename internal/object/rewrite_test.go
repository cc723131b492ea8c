package object

import (
	"bytes"
	"io"
	"testing"
)

// TestRewriteEncrypted: an SSE-C object is moved as ciphertext: it still
// decrypts with its key, and keeps its ETag and multipart part sizes.
func TestRewriteEncrypted(t *testing.T) {
	e := newEnv(t, 3, "EC2+1")
	sse := &SSE{Mode: SSEModeC, CustomerKey: bytes.Repeat([]byte{7}, 32)}
	b := data(3<<20+123, 1)
	before, err := e.svc.PutObject(ctx, "b", "enc", bytes.NewReader(b), PutOptions{Size: int64(len(b)), SSE: sse})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Rewrite(ctx, "b", "enc", "", "TWOCOPIES"); err != nil {
		t.Fatal(err)
	}
	info, rc, err := e.svc.GetObject(ctx, "b", "enc", GetOptions{SSE: sse, Range: &Range{Start: 1 << 20, End: 2<<20 + 7}})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(got, b[1<<20:2<<20+8]) || info.ETag != before.ETag || info.Policy != "TWOCOPIES" || info.StorageClass != "TWOCOPIES" {
		t.Fatalf("after Rewrite: %+v, plaintext equal %v", info, bytes.Equal(got, b[1<<20:2<<20+8]))
	}
}

// TestRewriteFile: a file written through the mount, with a hard link,
// is rewritten for both names; the file view reads the same bytes.
func TestRewriteFile(t *testing.T) {
	e := newEnv(t, 3, "SINGLE")
	if _, err := e.svc.FSCreate(ctx, "b", "f", FileAttr{Mode: 0o644}, true); err != nil {
		t.Fatal(err)
	}
	b := data(700<<10, 2)
	if _, err := e.svc.FSWrite(ctx, "b", "f", []Run{{Off: 0, Len: int64(len(b))}}, bytes.NewReader(b), true, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.FSLink(ctx, "b", "f", "g"); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Rewrite(ctx, "b", "f", "", "THREECOPIES"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"f", "g"} {
		if got := e.fsRead(t, name); !bytes.Equal(got, b) {
			t.Fatalf("%s: file view differs after Rewrite", name)
		}
		info, err := e.svc.HeadObject(ctx, "b", name, GetOptions{})
		if err != nil || info.Policy != "THREECOPIES" || info.StorageClass != "THREECOPIES" {
			t.Fatalf("%s: %+v %v", name, info, err)
		}
	}
	if got := e.get(t, "g"); !bytes.Equal(got, b) {
		t.Fatal("S3 view of the link differs after Rewrite")
	}
}
