package audit

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

func record(i int) Record {
	return Record{Time: time.Date(2026, 1, 2, 3, 4, 5, i, time.UTC), RequestID: "req", Account: "acct",
		AccessKey: "AKID", SourceIP: "127.0.0.1", Operation: "s3:PutObject", Bucket: "b",
		Key: strings.Repeat("k", 200), Status: 200, BytesIn: int64(i), BytesOut: 0, DurationMS: 1.5}
}

// logFiles lists the live file and its rotated copies, oldest first, and
// the records they hold.
func logFiles(t *testing.T, dir string) ([]string, []Record) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	// Rotated names carry their time (audit-2026-...log) and sort
	// before the live "audit.log".
	sort.Strings(names)
	var recs []Record
	for _, n := range names {
		f, err := os.Open(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var r Record
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("%s: line %q: %v", n, sc.Text(), err)
			}
			recs = append(recs, r)
		}
		f.Close()
	}
	return names, recs
}

// TestFileRotation: past MaxSizeMB the file is rotated; no record is
// lost or split across files, and the order is kept.
func TestFileRotation(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "logs")
	f, err := OpenFile(FileConfig{Path: filepath.Join(dir, "audit.log"), MaxSizeMB: 1})
	if err != nil {
		t.Fatal(err)
	}
	line, _ := json.Marshal(record(0))
	n := 3<<20/len(line) + 1 // a bit over 3 MiB: three rotations
	for i := range n {
		f.Audit(record(i))
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	names, recs := logFiles(t, dir)
	if len(names) != 4 || names[3] != "audit.log" {
		t.Fatalf("files %v, want 3 rotated and audit.log", names)
	}
	for _, name := range names {
		st, _ := os.Stat(filepath.Join(dir, name))
		if st.Size() > 1<<20 {
			t.Errorf("%s is %d bytes, over the 1 MiB limit", name, st.Size())
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", name, st.Mode().Perm())
		}
	}
	if len(recs) != n {
		t.Fatalf("%d records in the files, wrote %d", len(recs), n)
	}
	for i, r := range recs {
		if r.BytesIn != int64(i) {
			t.Fatalf("record %d is #%d: order lost", i, r.BytesIn)
		}
	}
}

// TestFileBackupsPruned: only MaxBackups rotated files are kept.
func TestFileBackupsPruned(t *testing.T) {
	dir := t.TempDir()
	f, err := OpenFile(FileConfig{Path: filepath.Join(dir, "audit.log"), MaxBackups: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i := range 5 {
		f.Audit(record(i))
		if err := f.Rotate(); err != nil {
			t.Fatal(err)
		}
		// Rotated names have millisecond times: keep them distinct.
		time.Sleep(2 * time.Millisecond)
	}
	// lumberjack prunes in its own goroutine: wait for it, bounded.
	var names []string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if names, _ = logFiles(t, dir); len(names) == 3 {
			break
		}
	}
	names, recs := logFiles(t, dir)
	if len(names) != 3 {
		t.Fatalf("files %v, want 2 rotated and audit.log", names)
	}
	// The newest backups are kept: records 3 and 4; the live file is empty.
	if len(recs) != 2 || recs[0].BytesIn != 3 || recs[1].BytesIn != 4 {
		t.Fatalf("records kept %+v", recs)
	}
}

func TestOpenFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := OpenFile(FileConfig{}); err == nil {
		t.Error("no path accepted")
	}
	if _, err := OpenFile(FileConfig{Path: filepath.Join(dir, "a.log"), MaxBackups: -1}); err == nil {
		t.Error("negative backups accepted")
	}
	// A folder where the file should be: the start fails, not a request.
	if _, err := OpenFile(FileConfig{Path: dir}); err == nil {
		t.Error("a folder accepted as the log file")
	}
}
