package blob

import (
	"bytes"
	"context"
	"crypto/rand"
	"testing"

	"github.com/strata-storage/strata/internal/strata"
)

// BenchmarkDiskPut16MiB stores 16 MiB chunks with fsync, as a large PUT
// does on the embedded default.
func BenchmarkDiskPut16MiB(b *testing.B) {
	d, err := OpenDisk(b.TempDir(), DiskOptions{})
	if err != nil {
		b.Fatal(err)
	}
	data := make([]byte, 16<<20)
	rand.Read(data)
	ctx := context.Background()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		id := strata.NewChunkID()
		if _, err := d.Put(ctx, id, BackRef{Container: "c", Object: "o"}, bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
		d.Delete(ctx, id)
	}
}
