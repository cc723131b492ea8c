package filetree

import (
	"errors"
	"fmt"
	"syscall"
	"testing"

	"github.com/strata-storage/strata/internal/strata"
)

func TestErrno(t *testing.T) {
	for _, c := range []struct {
		err  error
		want syscall.Errno
	}{
		{nil, 0},
		{Errorf("op", syscall.ENOTEMPTY, "dir %q", "a"), syscall.ENOTEMPTY},
		{fmt.Errorf("wrapped: %w", Errorf("op", syscall.EXDEV, "")), syscall.EXDEV},
		{strata.E("op", strata.NotExist, errors.New("gone")), syscall.ENOENT},
		{strata.E("op", strata.Exist, errors.New("there")), syscall.EEXIST},
	} {
		if got := Errno(c.err); got != c.want {
			t.Errorf("Errno(%v) = %v, want %v", c.err, got, c.want)
		}
	}
	if err := Errorf("op", syscall.ENOENT, ""); !strata.Is(err, strata.NotExist) {
		t.Errorf("ENOENT is not NotExist: %v", err)
	}
}

func TestLockConflicts(t *testing.T) {
	w := Lock{Owner: "a", Type: syscall.F_WRLCK, Start: 0, End: 9}
	r := Lock{Owner: "b", Type: syscall.F_RDLCK, Start: 5, End: 20}
	if !w.Conflicts(r) || !r.Conflicts(w) {
		t.Error("an overlapping write lock of another owner does not conflict")
	}
	r.Start = 10
	if w.Conflicts(r) {
		t.Error("disjoint ranges conflict")
	}
	r2 := Lock{Owner: "c", Type: syscall.F_RDLCK, Start: 0, End: 9}
	r.Start = 0
	if r.Conflicts(r2) {
		t.Error("two read locks conflict")
	}
	if w.Conflicts(Lock{Owner: "a", Type: syscall.F_WRLCK, Start: 0, End: 9}) {
		t.Error("an owner conflicts with itself")
	}
	if w.Conflicts(Lock{Owner: "b", Type: syscall.F_WRLCK, Start: 0, End: 9, Flock: true}) {
		t.Error("flock and POSIX locks conflict")
	}
}
