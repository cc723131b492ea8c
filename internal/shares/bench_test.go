package shares_test

import (
	"fmt"
	"syscall"
	"testing"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/vfs"
)

// benchSize is the file each benchmark iteration writes or reads: large
// enough to cross several 32 MiB flushes, as a protocol upload does.
const benchSize = 256 << 20

// benchSession logs in to a fresh node and makes bucket "bench".
func benchSession(b *testing.B) *vfs.FS {
	b.Helper()
	n := testenv.Start(b, testenv.Options{})
	s, err := n.Shares().Login(ctx, testenv.AccessKey, testenv.SecretKey, shares.Client{Protocol: "bench", Remote: "127.0.0.1:1"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.MakeBucket(ctx, "bench"); err != nil {
		b.Fatal(err)
	}
	fs, err := s.FS(ctx, "bench")
	if err != nil {
		b.Fatal(err)
	}
	return fs
}

// writeFile writes benchSize bytes at p in chunk-sized sequential writes
// and closes it, as a protocol server does for one upload.
func writeFile(b *testing.B, fs *vfs.FS, p string, chunk int) {
	buf := make([]byte, chunk)
	for i := range buf {
		buf[i] = byte(i * 7)
	}
	_, h, err := fs.Create(ctx, p, vfs.Attrs{Mode: 0o644}, syscall.O_WRONLY|syscall.O_TRUNC)
	if err != nil {
		b.Fatal(err)
	}
	for off := int64(0); off < benchSize; off += int64(chunk) {
		if _, err := h.Write(ctx, buf, off); err != nil {
			b.Fatal(err)
		}
	}
	if err := h.Flush(ctx); err != nil {
		b.Fatal(err)
	}
	if err := h.Release(ctx); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSequentialWrite: a 256 MiB upload through a session's vfs, in
// 32 KiB (SFTP, NFS), 128 KiB and 1 MiB writes; MB/s is the figure.
func BenchmarkSequentialWrite(b *testing.B) {
	testenv.Heavy(b)
	for _, chunk := range []int{32 << 10, 128 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dK", chunk>>10), func(b *testing.B) {
			fs := benchSession(b)
			b.SetBytes(benchSize)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				writeFile(b, fs, fmt.Sprintf("f%d", i), chunk)
			}
		})
	}
}

// BenchmarkSequentialRead reads a 256 MiB file back in 32 KiB and 1 MiB
// reads through a new handle each time.
func BenchmarkSequentialRead(b *testing.B) {
	testenv.Heavy(b)
	fs := benchSession(b)
	writeFile(b, fs, "f", 1<<20)
	for _, chunk := range []int{32 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dK", chunk>>10), func(b *testing.B) {
			buf := make([]byte, chunk)
			b.SetBytes(benchSize)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				e, err := fs.Stat(ctx, "f")
				if err != nil {
					b.Fatal(err)
				}
				h, err := fs.Open(ctx, "f", e, syscall.O_RDONLY)
				if err != nil {
					b.Fatal(err)
				}
				var got int64
				for got < benchSize {
					n, err := h.Read(ctx, buf, got)
					if err != nil {
						b.Fatal(err)
					}
					if n == 0 {
						b.Fatalf("short read at %d", got)
					}
					got += int64(n)
				}
				h.Release(ctx)
			}
		})
	}
}
