package fsapi

import (
	"syscall"
	"testing"
)

// TestErrnoByName: an error answer's errno name wins over its number, so
// a mount on another system (macOS, the BSDs) returns its own system's
// errno for what a Linux gateway meant.
func TestErrnoByName(t *testing.T) {
	for _, c := range []struct {
		body ErrorBody
		want syscall.Errno
	}{
		{ErrorBody{Errno: int(syscall.ENOTEMPTY), Name: ErrnoName(syscall.ENOTEMPTY)}, syscall.ENOTEMPTY},
		{ErrorBody{Errno: 66, Name: "ENOTEMPTY"}, syscall.ENOTEMPTY}, // macOS's number, named
		{ErrorBody{Errno: 39, Name: "ENOTEMPTY"}, syscall.ENOTEMPTY}, // Linux's number, named
		{ErrorBody{Errno: 999, Name: "ENOENT"}, syscall.ENOENT},
		{ErrorBody{Errno: int(syscall.EEXIST)}, syscall.EEXIST},  // a gateway that sends no name
		{ErrorBody{Errno: 2, Name: "ENOSUCHERRNO"}, syscall.EIO}, // a name this system lacks
	} {
		if got := c.body.localErrno(); got != c.want {
			t.Errorf("%+v: errno %d (%v), want %d (%v)", c.body, got, got, c.want, c.want)
		}
	}
	if ErrnoName(syscall.ENOENT) != "ENOENT" || ErrnoName(syscall.EACCES) != "EACCES" {
		t.Fatalf("names: %q %q", ErrnoName(syscall.ENOENT), ErrnoName(syscall.EACCES))
	}
	// Every number this system names comes back from its name (aliases,
	// such as EWOULDBLOCK for EAGAIN, share one number).
	for e := syscall.Errno(1); e < 200; e++ {
		name := ErrnoName(e)
		if name == "" {
			continue
		}
		if got := (ErrorBody{Errno: int(e), Name: name}).localErrno(); got != e {
			t.Errorf("%s: errno %d back, want %d", name, got, e)
		}
	}
}
