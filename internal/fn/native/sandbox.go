//go:build linux

package native

import (
	"errors"
	"math"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/strata-storage/strata/internal/fn/invoke"
	"golang.org/x/sys/unix"
)

// nsFlags are the namespaces every sandboxed child gets.
const nsFlags = syscall.CLONE_NEWNS | syscall.CLONE_NEWPID | syscall.CLONE_NEWIPC |
	syscall.CLONE_NEWUTS | syscall.CLONE_NEWNET

const maxEnvPayload = 64 << 10

// stdio are the child's ends of its standard streams (nil: /dev/null).
type stdio struct {
	in, out, err *os.File
}

// command builds the shim invocation for argv.
func (r *Runtime) command(argv []string, lim invoke.Limits, dir string, env []string, io stdio, ns bool, cg *cgroup) *exec.Cmd {
	cpu := int(math.Ceil(lim.Timeout.Seconds())) + 1
	args := []string{ShimCommand,
		"--mem-mib", strconv.Itoa(lim.MemoryMiB),
		"--cpu-seconds", strconv.Itoa(cpu),
		"--nofile", strconv.Itoa(sandboxNofile),
		"--nproc", strconv.Itoa(sandboxNproc),
		"--fsize-mib", strconv.Itoa(lim.OutputMiB),
	}
	if r.dropUser() {
		args = append(args, "--uid", strconv.Itoa(nobody), "--gid", strconv.Itoa(nobody))
	}
	if ns {
		args = append(args, "--ns")
	}
	args = append(args, "--")
	args = append(args, argv...)

	cmd := exec.Command(r.opts.SelfExe, args...)
	cmd.Dir = dir
	cmd.Env = env
	// Typed nil *os.File would not mean /dev/null to os/exec.
	if io.in != nil {
		cmd.Stdin = io.in
	}
	cmd.Stdout = io.out
	cmd.Stderr = io.err

	attr := &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if ns {
		attr.Cloneflags = nsFlags
		if !r.root {
			attr.Cloneflags |= syscall.CLONE_NEWUSER
			attr.UidMappings = []syscall.SysProcIDMap{{ContainerID: r.uid, HostID: r.uid, Size: 1}}
			attr.GidMappings = []syscall.SysProcIDMap{{ContainerID: r.gid, HostID: r.gid, Size: 1}}
			// Lets the shim mount /proc in its namespaces; it clears
			// the ambient set before exec'ing the program.
			attr.AmbientCaps = []uintptr{unix.CAP_SYS_ADMIN}
		}
	}
	if cg != nil {
		attr.UseCgroupFD = true
		attr.CgroupFD = int(cg.fd.Fd())
	}
	cmd.SysProcAttr = attr
	return cmd
}

// environ is the child's whole environment: nothing is inherited.
// STRATA_* come last so the manifest cannot override them.
func environ(inv invoke.Invocation, home string) []string {
	env := []string{"PATH=" + defaultPath, "HOME=" + home, "TMPDIR=" + home}
	keys := make([]string, 0, len(inv.Env))
	for k := range inv.Env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := inv.Env[k]
		if k == "" || strings.ContainsAny(k, "=\x00") || strings.ContainsRune(v, 0) {
			continue
		}
		env = append(env, k+"="+v)
	}
	env = append(env,
		"STRATA_FUNCTION="+inv.Function,
		"STRATA_INVOCATION="+inv.ID,
		"STRATA_EVENT_ID="+inv.Event.ID,
		"STRATA_BUCKET="+inv.Event.Bucket,
		"STRATA_KEY="+inv.Event.Key,
	)
	// The kernel refuses exec with one string over 128 KiB; a large
	// payload is still available on stdin with input "event".
	if len(inv.Payload) <= maxEnvPayload {
		env = append(env, "STRATA_EVENT="+strings.ReplaceAll(string(inv.Payload), "\x00", ""))
	}
	return env
}

// nsRefused reports whether a start error means the kernel (or a
// container's seccomp policy) forbids the namespaces we asked for.
func nsRefused(err error) bool {
	for _, e := range []syscall.Errno{syscall.EPERM, syscall.EINVAL, syscall.ENOSPC, syscall.EUSERS} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
