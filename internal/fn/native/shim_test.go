//go:build linux

package native

import (
	"bytes"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// TestExecDoesNotAllocate: once the shim has set RLIMIT_AS, exec must not
// allocate (an allocation that needs fresh address space kills the Go
// runtime there). The arguments are built before; exec only passes them.
func TestExecDoesNotAllocate(t *testing.T) {
	ex, err := prepareExec("/bin/prog", []string{"prog", "a", "b"}, []string{"K=V"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	old := execve
	defer func() { execve = old }()
	execve = func(prog *byte, argv, envv **byte) syscall.Errno {
		if got == nil {
			got = []string{cString(prog)}
			for _, p := range unsafe.Slice(argv, 4) {
				got = append(got, cString(p))
			}
			got = append(got, cString(*envv))
		}
		return syscall.ENOENT
	}
	if allocs := testing.AllocsPerRun(100, func() { _ = ex.exec() }); allocs != 0 {
		t.Fatalf("exec allocates %v times", allocs)
	}
	want := []string{"/bin/prog", "prog", "a", "b", "", "K=V"} // argv ends with NULL
	if len(got) != len(want) {
		t.Fatalf("execve got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("execve got %q, want %q", got, want)
		}
	}
	if err := ex.exec(); err != syscall.ENOENT {
		t.Fatalf("exec error %v, want the system call's", err)
	}
}

// cString reads a NUL-terminated string ("" for NULL).
func cString(p *byte) string {
	if p == nil {
		return ""
	}
	n := 0
	for *(*byte)(unsafe.Add(unsafe.Pointer(p), n)) != 0 {
		n++
	}
	return string(unsafe.Slice(p, n))
}

// TestLateFailDoesNotAllocate: a failure after RLIMIT_AS (no_new_privs,
// exec) is reported without allocating, with the errno's text, and a
// long program path is cut rather than grown into a new buffer.
func TestLateFailDoesNotAllocate(t *testing.T) {
	var out bytes.Buffer
	out.Grow(8192)
	late := newLateFail(&out)
	what := "exec /bin/prog"
	var code int
	if allocs := testing.AllocsPerRun(100, func() {
		out.Reset()
		code = late.report(what, syscall.ENOENT)
	}); allocs != 0 {
		t.Fatalf("report allocates %v times", allocs)
	}
	if code != 126 {
		t.Fatalf("exit status %d, want 126", code)
	}
	if got, want := out.String(), "strata sandbox: exec /bin/prog: no such file or directory\n"; got != want {
		t.Fatalf("report wrote %q, want %q", got, want)
	}
	out.Reset()
	late.report("exec /"+strings.Repeat("x", 5000), syscall.E2BIG)
	if got := out.String(); len(got) != 4096 || !strings.HasSuffix(got, "\n") {
		t.Fatalf("long report: %d bytes, ends %q", len(got), got[len(got)-5:])
	}
}
