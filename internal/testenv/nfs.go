package testenv

import (
	"errors"
	"syscall"
	"testing"

	"github.com/willscott/go-nfs-client/nfs/rpc"
)

// DialNFS connects the Go NFS client to addr and closes it when t ends.
// The client binds a random local port from 49152 up itself, which may
// already be taken by another test's listener: a bind that fails with
// EADDRINUSE is retried with another random port.
func DialNFS(t testing.TB, addr string) *rpc.Client {
	t.Helper()
	var err error
	for range 50 {
		var c *rpc.Client
		c, err = rpc.DialTCP("tcp", addr, false)
		if err == nil {
			t.Cleanup(func() { c.Close() })
			return c
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			break
		}
	}
	t.Fatalf("nfs dial %s: %v", addr, err)
	return nil
}
