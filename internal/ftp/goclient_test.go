package ftp_test

import (
	"bytes"
	"errors"
	"net/textproto"
	"sort"
	"strings"
	"testing"
	"time"

	goftp "github.com/jlaffaye/ftp"
)

// TestGoClientFiles drives the common commands with a Go FTP client and
// checks each result through S3: the same objects, at once.
func TestGoClientFiles(t *testing.T) {
	n := start(t, false)
	c := n.root(t)

	// MKD at the root makes a bucket; the root lists it.
	if err := c.MakeDir("/docs"); err != nil {
		t.Fatalf("MKD bucket: %v", err)
	}
	ents, err := c.List("/")
	if err != nil || !hasEntry(ents, "docs", goftp.EntryTypeFolder) {
		t.Fatalf("LIST /: %v %v", names(ents), err)
	}

	// STOR, then S3 reads it at once (close-to-open).
	data := random(t, 3<<20+17)
	if err := c.Stor("/docs/a/../report.bin", bytes.NewReader(data)); err != nil {
		t.Fatalf("STOR: %v", err)
	}
	n.wantObject(t, "docs", "report.bin", data)
	if got := read(t)(c.Retr("/docs/report.bin")); !bytes.Equal(got, data) {
		t.Fatalf("RETR: %d bytes, want %d", len(got), len(data))
	}
	if size, err := c.FileSize("/docs/report.bin"); err != nil || size != int64(len(data)) {
		t.Fatalf("SIZE: %d %v", size, err)
	}
	if mt, err := c.GetTime("/docs/report.bin"); err != nil || time.Since(mt) > time.Hour || time.Until(mt) > time.Minute {
		t.Fatalf("MDTM: %v %v", mt, err)
	}

	// Overwrite: the new content replaces the old whole; no upload
	// leftovers remain beside it.
	small := []byte("second version\n")
	if err := c.Stor("/docs/report.bin", bytes.NewReader(small)); err != nil {
		t.Fatalf("STOR again: %v", err)
	}
	n.wantObject(t, "docs", "report.bin", small)

	// MKD, CWD, relative paths, MLSD (the client uses it when offered).
	if err := c.MakeDir("/docs/sub"); err != nil {
		t.Fatalf("MKD: %v", err)
	}
	if err := c.ChangeDir("/docs/sub"); err != nil {
		t.Fatalf("CWD: %v", err)
	}
	if err := c.Stor("x.txt", strings.NewReader("x")); err != nil {
		t.Fatalf("STOR relative: %v", err)
	}
	if dir, err := c.CurrentDir(); err != nil || dir != "/docs/sub" {
		t.Fatalf("PWD: %q %v", dir, err)
	}
	ents, err = c.List("/docs")
	if err != nil || !hasEntry(ents, "sub", goftp.EntryTypeFolder) || !hasEntry(ents, "report.bin", goftp.EntryTypeFile) {
		t.Fatalf("MLSD /docs: %v %v", names(ents), err)
	}
	for _, e := range ents {
		if e.Name == "report.bin" && e.Size != uint64(len(small)) {
			t.Fatalf("MLSD size %d, want %d", e.Size, len(small))
		}
	}
	if e, err := c.GetEntry("/docs/report.bin"); err != nil || e.Size != uint64(len(small)) {
		t.Fatalf("MLST: %+v %v", e, err)
	}

	// RNFR/RNTO: a file, then a folder with its content.
	if err := c.Rename("/docs/report.bin", "/docs/sub/renamed.bin"); err != nil {
		t.Fatalf("rename file: %v", err)
	}
	n.wantNoObject(t, "docs", "report.bin")
	n.wantObject(t, "docs", "sub/renamed.bin", small)
	if err := c.Rename("/docs/sub", "/docs/moved"); err != nil {
		t.Fatalf("rename folder: %v", err)
	}
	n.wantObject(t, "docs", "moved/x.txt", []byte("x"))
	if err := c.Rename("/docs/moved/x.txt", "/other/x.txt"); err == nil {
		t.Fatal("rename across buckets succeeded")
	}

	// RMD of a folder that is not empty fails; DELE, then RMD.
	if err := c.RemoveDir("/docs/moved"); err == nil {
		t.Fatal("RMD of a non-empty folder succeeded")
	}
	for _, f := range []string{"/docs/moved/x.txt", "/docs/moved/renamed.bin"} {
		if err := c.Delete(f); err != nil {
			t.Fatalf("DELE %s: %v", f, err)
		}
	}
	if err := c.RemoveDir("/docs/moved"); err != nil {
		t.Fatalf("RMD: %v", err)
	}
	if k := n.keys(t, "docs", ""); len(k) != 0 {
		t.Fatalf("S3 still lists %v", k)
	}
	if _, err := c.FileSize("/docs/moved/x.txt"); err == nil {
		t.Fatal("SIZE of a deleted file succeeded")
	}
	// RMD at the root removes the (now empty) bucket.
	if err := c.RemoveDir("/docs"); err != nil {
		t.Fatalf("RMD bucket: %v", err)
	}
	if ents, _ := c.List("/"); hasEntry(ents, "docs", goftp.EntryTypeFolder) {
		t.Fatal("bucket still listed")
	}
}

// TestGoClientResume resumes a download (REST + RETR) and an upload
// (REST + STOR, and APPE).
func TestGoClientResume(t *testing.T) {
	n := start(t, false)
	n.bucket(t, "res")
	c := n.root(t)
	data := random(t, 2<<20+333)

	if err := c.Stor("/res/f", bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	const off = 1<<20 + 5
	if got := read(t)(c.RetrFrom("/res/f", off)); !bytes.Equal(got, data[off:]) {
		t.Fatalf("REST %d + RETR: %d bytes, want %d", off, len(got), len(data)-off)
	}

	// An upload cut at off, resumed with REST + STOR.
	if err := c.Stor("/res/up", bytes.NewReader(data[:off])); err != nil {
		t.Fatal(err)
	}
	if err := c.StorFrom("/res/up", bytes.NewReader(data[off:]), off); err != nil {
		t.Fatalf("REST + STOR: %v", err)
	}
	n.wantObject(t, "res", "up", data)

	// APPE to an existing file, then to a new one.
	if err := c.Stor("/res/app", bytes.NewReader(data[:100])); err != nil {
		t.Fatal(err)
	}
	if err := c.Append("/res/app", bytes.NewReader(data[100:])); err != nil {
		t.Fatalf("APPE: %v", err)
	}
	n.wantObject(t, "res", "app", data)
	if err := c.Append("/res/newapp", bytes.NewReader(data[:10])); err != nil {
		t.Fatalf("APPE new: %v", err)
	}
	n.wantObject(t, "res", "newapp", data[:10])
}

// TestWrongPasswordRefused: a wrong secret and an unknown key are 530.
func TestWrongPasswordRefused(t *testing.T) {
	n := start(t, false)
	for _, login := range [][2]string{{"STRATATESTACCESSKEY1", "wrong"}, {"NOSUCHKEY", "x"}} {
		_, err := n.connect(login[0], login[1])
		var te *textproto.Error
		if !errors.As(err, &te) || te.Code != 530 {
			t.Fatalf("login %s: %v, want 530", login[0], err)
		}
	}
}

func hasEntry(ents []*goftp.Entry, name string, typ goftp.EntryType) bool {
	for _, e := range ents {
		if e.Name == name && e.Type == typ {
			return true
		}
	}
	return false
}

func names(ents []*goftp.Entry) []string {
	var out []string
	for _, e := range ents {
		out = append(out, e.Name)
	}
	sort.Strings(out)
	return out
}
