//go:build linux

package native

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// ShimMain is the sandbox shim: it runs as the first process of the
// sandbox, applies limits and identity, then replaces itself with the
// program. args are the arguments after ShimCommand:
//
//	--mem-mib N --cpu-seconds S --nofile N --nproc N [--fsize-mib N]
//	[--uid U --gid G] [--ns] -- prog args...
//
// It returns an exit status only when it could not exec the program.
func ShimMain(args []string) int {
	return shimMain(args, os.Stderr)
}

func shimMain(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet(ShimCommand, flag.ContinueOnError)
	fs.SetOutput(stderr)
	memMiB := fs.Int("mem-mib", 0, "address space limit in MiB (0: none)")
	cpuSec := fs.Int("cpu-seconds", 0, "CPU time limit in seconds (0: none)")
	nofile := fs.Int("nofile", 256, "open file limit")
	nproc := fs.Int("nproc", 64, "process limit")
	fsizeMiB := fs.Int("fsize-mib", 0, "largest file the program may write, in MiB (0: none)")
	uid := fs.Int("uid", -1, "user to run as (-1: keep)")
	gid := fs.Int("gid", -1, "group to run as (-1: keep)")
	ns := fs.Bool("ns", false, "running in fresh namespaces: mount a private /proc")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	argv := fs.Args()
	if len(argv) == 0 {
		fmt.Fprintln(stderr, "strata sandbox: no program given")
		return 2
	}
	fail := func(what string, err error) int {
		fmt.Fprintf(stderr, "strata sandbox: %s: %v\n", what, err)
		return 126
	}

	if *ns {
		setupNamespaces()
	}
	// Resolve before the limits: the Go runtime must not need fresh
	// address space once RLIMIT_AS is low.
	prog, err := exec.LookPath(argv[0])
	if err != nil {
		fmt.Fprintf(stderr, "strata sandbox: %v\n", err)
		return 127
	}
	// The exec's C strings too: from setrlimit on, nothing may allocate.
	ex, err := prepareExec(prog, argv, os.Environ())
	execWhat := "exec " + prog
	if err != nil {
		return fail(execWhat, err)
	}
	late := newLateFail(stderr)

	if *gid >= 0 {
		if err := unix.Setgroups([]int{*gid}); err != nil {
			return fail("setgroups", err)
		}
		if err := unix.Setgid(*gid); err != nil {
			return fail("setgid", err)
		}
	}
	if *uid >= 0 {
		if err := unix.Setuid(*uid); err != nil {
			return fail("setuid", err)
		}
		// A credential change clears the parent-death signal.
		if err := unix.Prctl(unix.PR_SET_PDEATHSIG, uintptr(unix.SIGKILL), 0, 0, 0); err != nil {
			return fail("pdeathsig", err)
		}
	}

	limits := []rlimit{
		{"core", unix.RLIMIT_CORE, 0, 0},
		{"nofile", unix.RLIMIT_NOFILE, uint64(*nofile), uint64(*nofile)},
		{"nproc", unix.RLIMIT_NPROC, uint64(*nproc), uint64(*nproc)},
	}
	if *cpuSec > 0 {
		// SIGXCPU at the soft limit, SIGKILL a second later.
		limits = append(limits, rlimit{"cpu", unix.RLIMIT_CPU, uint64(*cpuSec), uint64(*cpuSec) + 1})
	}
	if *fsizeMiB > 0 {
		n := uint64(*fsizeMiB) << 20
		limits = append(limits, rlimit{"fsize", unix.RLIMIT_FSIZE, n, n})
	}
	if *memMiB > 0 {
		n := uint64(*memMiB) << 20
		limits = append(limits, rlimit{"as", unix.RLIMIT_AS, n, n})
	}
	for _, l := range limits {
		// Never ask for more than the hard limit we already have.
		var cur unix.Rlimit
		if unix.Getrlimit(l.resource, &cur) == nil && cur.Max != unix.RLIM_INFINITY {
			l.soft, l.hard = min(l.soft, cur.Max), min(l.hard, cur.Max)
		}
		if err := unix.Setrlimit(l.resource, &unix.Rlimit{Cur: l.soft, Max: l.hard}); err != nil {
			return fail("setrlimit "+l.name, err)
		}
	}

	// The shim may hold CAP_SYS_ADMIN in its user namespace (for /proc);
	// the program must not.
	_ = unix.Prctl(unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
	// No regaining privilege through setuid binaries (su, mount, ...).
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return late.report("no_new_privs", err)
	}
	return late.report(execWhat, ex.exec())
}

// lateFail reports a failure once RLIMIT_AS is set, where fmt could
// need fresh address space and crash the shim instead of saying why:
// the message is put together in a buffer made before the limits.
type lateFail struct {
	w   io.Writer
	buf []byte
}

func newLateFail(w io.Writer) *lateFail { return &lateFail{w: w, buf: make([]byte, 0, 4096)} }

// report writes "strata sandbox: what: error" and returns the shim's
// exit status for a program it could not run (126).
func (f *lateFail) report(what string, err error) int {
	msg := "failed"
	if errno, ok := err.(syscall.Errno); ok {
		msg = errno.Error() // a static string for every known errno
	}
	b := f.buf[:0]
	for _, s := range [...]string{"strata sandbox: ", what, ": ", msg} {
		n := min(len(s), cap(b)-len(b)-1) // room for the newline, never a new array
		b = append(b, s[:n]...)
	}
	b = append(b, '\n')
	_, _ = f.w.Write(b)
	return 126
}

// execArgs are execve's arguments, made before the limits. unix.Exec
// builds them itself, and did so after RLIMIT_AS: when the allocation
// needed a fresh span the shim died with "runtime: cannot allocate
// memory" instead of running the program (seen in CI on a machine
// without cgroup v2, where RLIMIT_AS is the memory limit).
type execArgs struct {
	prog       *byte
	argv, envv []*byte
}

func prepareExec(prog string, argv, env []string) (execArgs, error) {
	var e execArgs
	var err error
	if e.prog, err = syscall.BytePtrFromString(prog); err != nil {
		return e, err
	}
	if e.argv, err = syscall.SlicePtrFromStrings(argv); err != nil {
		return e, err
	}
	e.envv, err = syscall.SlicePtrFromStrings(env)
	return e, err
}

// execve is the system call, replaced in tests.
var execve = func(prog *byte, argv, envv **byte) syscall.Errno {
	_, _, errno := syscall.RawSyscall(syscall.SYS_EXECVE, uintptr(unsafe.Pointer(prog)),
		uintptr(unsafe.Pointer(argv)), uintptr(unsafe.Pointer(envv)))
	return errno
}

// exec replaces the process with the program without allocating; it
// returns only on failure.
func (e execArgs) exec() error {
	return execve(e.prog, &e.argv[0], &e.envv[0])
}

type rlimit struct {
	name       string
	resource   int
	soft, hard uint64
}

// setupNamespaces makes the fresh mount namespace private and mounts a
// /proc that shows only the sandbox's PID namespace. Best effort: the
// network and PID isolation hold without it.
func setupNamespaces() {
	// Private first, so nothing below propagates to the host.
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		return
	}
	_ = unix.Mount("proc", "/proc", "proc", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, "")
	_ = unix.Sethostname([]byte("strata-fn"))
}
