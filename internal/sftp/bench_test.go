package sftp_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/strata-storage/strata/internal/testenv"
)

// BenchmarkSequential puts and gets a 64 MiB file with pkg/sftp's client
// (pipelined 32 KiB requests, as OpenSSH's sftp sends them).
func BenchmarkSequential(b *testing.B) {
	n := testenv.Start(b, testenv.Options{Edit: sftpOn})
	c, err := dial(b, n.ProtocolAddr("sftp"), testenv.AccessKey, passwordAuth(testenv.SecretKey))
	if err != nil {
		b.Fatal(err)
	}
	if err := c.Mkdir("/bench"); err != nil {
		b.Fatal(err)
	}
	data := bytes.Repeat([]byte("strata sftp benchmark data 0123"), 64<<20/32)
	b.Run("put", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			f, err := c.Create("/bench/big")
			if err != nil {
				b.Fatal(err)
			}
			if _, err := f.ReadFrom(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
			if err := f.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("get", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			f, err := c.Open("/bench/big")
			if err != nil {
				b.Fatal(err)
			}
			if _, err := f.WriteTo(io.Discard); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	})
}
