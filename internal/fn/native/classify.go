//go:build linux

package native

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/fn/invoke"
)

// outcome is what Run observed about a finished child.
type outcome struct {
	ctxErr     error // the caller's context
	stopped    bool  // killed because the caller's context ended
	timedOut   bool
	timeout    time.Duration
	oom        bool // the cgroup saw an OOM kill
	memMiB     int
	outputOver bool
	outMiB     int
	state      *os.ProcessState
	outErr     error // from host.WriteObject
	outKey     string
	tail       string // end of the log
}

// memoryHints are what common programs print when an allocation fails
// under RLIMIT_AS.
var memoryHints = []string{
	"cannot allocate memory",
	"memoryerror",
	"out of memory",
	"memory exhausted",
	"bad_alloc",
	"failed to allocate",
}

// classify turns an outcome into nil or a wrapped invoke error.
func classify(o outcome) error {
	switch {
	case o.stopped && o.ctxErr != nil:
		return fmt.Errorf("native: %w", o.ctxErr)
	case o.timedOut:
		return fmt.Errorf("%w: killed after %v", invoke.ErrTimeLimit, o.timeout)
	case o.oom:
		return fmt.Errorf("%w: %d MiB (cgroup OOM kill)", invoke.ErrMemoryLimit, o.memMiB)
	case o.outputOver:
		return fmt.Errorf("%w: output larger than %d MiB", invoke.ErrFailed, o.outMiB)
	case o.outErr != nil && !errors.Is(o.outErr, errProgramFailed):
		// Checked before the exit status: a program whose stdout the
		// host abandoned dies of SIGPIPE, which says nothing.
		return fmt.Errorf("%w: write %s: %w", invoke.ErrFailed, o.outKey, o.outErr)
	}
	ws, _ := o.state.Sys().(syscall.WaitStatus)
	if ws.Signaled() {
		switch ws.Signal() {
		case syscall.SIGXCPU:
			return fmt.Errorf("%w: CPU time limit (%s)", invoke.ErrTimeLimit, ws.Signal())
		case syscall.SIGKILL:
			// Not ours (that was handled above): the kernel's OOM killer
			// is the usual sender.
			return fmt.Errorf("%w: %d MiB (killed by SIGKILL, likely out of memory)%s", invoke.ErrMemoryLimit, o.memMiB, tailSuffix(o.tail))
		}
		return fmt.Errorf("%w: killed by signal %s%s", invoke.ErrFailed, ws.Signal(), tailSuffix(o.tail))
	}
	if code := o.state.ExitCode(); code != 0 {
		lower := strings.ToLower(o.tail)
		for _, h := range memoryHints {
			if strings.Contains(lower, h) {
				return fmt.Errorf("%w: %d MiB (exit code %d)%s", invoke.ErrMemoryLimit, o.memMiB, code, tailSuffix(o.tail))
			}
		}
		return fmt.Errorf("%w: exit code %d%s", invoke.ErrFailed, code, tailSuffix(o.tail))
	}
	return nil
}

func tailSuffix(tail string) string {
	if tail == "" {
		return ""
	}
	return ": " + tail
}
