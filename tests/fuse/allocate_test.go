package fusetest

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestPunchHole: fallocate's punch-hole and zero-range modes read back as
// zeros, through the mount and S3 (Samba's FSCTL_SET_ZERO_DATA is a
// punch), and only zero-range without KEEP_SIZE grows the file.
func TestPunchHole(t *testing.T) {
	_, c, dir := mounted(t, testenv.Options{})
	p := filepath.Join(dir, "f")
	data := bytes.Repeat([]byte("abcdefgh"), 512<<10) // 4 MiB
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := append([]byte(nil), data...)
	// Punch 1.5 MiB from offset 1000, then zero a range running past the
	// end with KEEP_SIZE (clipped), then one past the end without it.
	steps := []struct {
		mode      uint32
		off, size int64
	}{{0x03, 1000, 3 << 19}, {0x11, 4<<20 - 10, 100}, {0x10, 4<<20 - 10, 110},
		{0x03, 8 << 20, 10}} // past the end: nothing to do
	for _, st := range steps {
		if err := syscall.Fallocate(int(f.Fd()), st.mode, st.off, st.size); err != nil {
			t.Fatalf("fallocate mode %#x: %v", st.mode, err)
		}
		end := st.off + st.size
		if st.mode&0x01 != 0 {
			end = min(end, int64(len(want)))
		}
		if end <= st.off {
			continue
		}
		for int64(len(want)) < end {
			want = append(want, 0)
		}
		clear(want[st.off:end])
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	if !bytes.Equal(got, want) {
		t.Fatalf("mount reads %d bytes, want %d with the punched ranges zeroed", len(got), len(want))
	}
	o, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("files"), Key: aws.String("f")})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(o.Body)
	if !bytes.Equal(b.Bytes(), want) {
		t.Fatalf("S3 GET reads %d bytes, want %d with the punched ranges zeroed", b.Len(), len(want))
	}
}
