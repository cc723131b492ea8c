//go:build linux

package native

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/fn/invoke"
)

// Run runs the native program of code.Native for inv. See the package
// documentation for the sandbox.
func (r *Runtime) Run(ctx context.Context, code invoke.Code, inv invoke.Invocation, host invoke.Host) (invoke.Result, error) {
	spec := code.Native
	if spec == nil || len(spec.Command) == 0 || spec.Command[0] == "" {
		return invoke.Result{}, errors.New("native: spec has no command")
	}
	lim := inv.Limits.WithDefaults()
	ev := inv.Event
	argv := expandCommand(spec.Command, ev.Bucket, ev.Key)
	start := time.Now()

	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	input, err := openInput(runCtx, spec.Input, inv, host)
	if err != nil {
		return invoke.Result{}, err
	}
	if input != nil {
		defer input.Close()
	}

	dir, err := os.MkdirTemp(r.opts.WorkDir, "inv-")
	if err != nil {
		return invoke.Result{}, fmt.Errorf("native: work dir: %w", err)
	}
	defer os.RemoveAll(dir)
	if r.dropUser() {
		if err := os.Chown(dir, nobody, nobody); err != nil {
			return invoke.Result{}, fmt.Errorf("native: work dir: %w", err)
		}
	}

	p, err := newPipes(input != nil, spec.Output != "")
	if err != nil {
		return invoke.Result{}, fmt.Errorf("native: %w", err)
	}
	defer p.closeAll()

	cg := r.makeCgroup(inv.ID, lim)
	cmd, err := r.start(argv, lim, dir, environ(inv, dir), p.child, &cg)
	if err != nil {
		if cg != nil {
			cg.remove()
		}
		return invoke.Result{}, fmt.Errorf("native: start %s: %w", argv[0], err)
	}
	p.closeChild()
	pid := cmd.Process.Pid

	// kill stops the whole sandbox and records why; after exit it does
	// nothing, so a reused pid is never signalled.
	var (
		killMu                        sync.Mutex
		exited                        bool
		timedOut, stopped, outputOver atomic.Bool
	)
	kill := func(why *atomic.Bool) {
		killMu.Lock()
		defer killMu.Unlock()
		if exited {
			return
		}
		if why != nil {
			why.Store(true)
		}
		syscall.Kill(-pid, syscall.SIGKILL)
		if cg != nil {
			cg.kill()
		}
	}
	timer := time.AfterFunc(lim.Timeout, func() { kill(&timedOut) })
	defer timer.Stop()
	stopCtx := context.AfterFunc(ctx, func() { kill(&stopped) })
	defer stopCtx()

	logw := newLogWriter(lim.LogBytes, host.Log)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		io.Copy(logw, p.errR)
		logw.Close()
	}()

	var stdinDone chan struct{}
	if input != nil {
		stdinDone = make(chan struct{})
		go func() {
			defer close(stdinDone)
			// EPIPE when the program stops reading is not an error.
			io.Copy(p.inW, input)
			p.inW.Close()
		}()
	}

	exitCh := make(chan struct{})
	var waitErr error
	var outErr error
	outKey := ""
	if spec.Output != "" {
		outKey = expandOutputKey(spec.Output, ev.Key)
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := &outputReader{
				r:       p.outR,
				max:     int64(lim.OutputMiB) << 20,
				over:    func() { kill(&outputOver) },
				exited:  exitCh,
				exitErr: &waitErr,
			}
			outErr = host.WriteObject(runCtx, ev.Bucket, outKey, body, -1, spec.ContentType)
			// If the host stopped early, the program gets EPIPE.
			p.outR.Close()
		}()
	}

	waitErr = cmd.Wait()
	// Leftover processes (background jobs) go with the program.
	kill(nil)
	killMu.Lock()
	exited = true
	killMu.Unlock()
	close(exitCh)
	wg.Wait()
	cancel()
	if stdinDone != nil {
		<-stdinDone
	}

	oom := false
	if cg != nil {
		oom = cg.oomKills() > 0
		if err := cg.remove(); err != nil {
			r.log.Warn("cannot remove cgroup", "dir", cg.dir, "err", err)
		}
	}

	res := invoke.Result{
		ExitCode: cmd.ProcessState.ExitCode(),
		Duration: time.Since(start),
		Output:   logw.Bytes(),
	}
	err = classify(outcome{
		ctxErr:     ctx.Err(),
		stopped:    stopped.Load(),
		timedOut:   timedOut.Load(),
		timeout:    lim.Timeout,
		oom:        oom,
		memMiB:     lim.MemoryMiB,
		outputOver: outputOver.Load(),
		outMiB:     lim.OutputMiB,
		state:      cmd.ProcessState,
		outErr:     outErr,
		outKey:     outKey,
		tail:       logw.Tail(),
	})
	r.log.Debug("native run", "function", inv.Function, "invocation", inv.ID,
		"exit", res.ExitCode, "duration", res.Duration, "namespaces", r.Namespaces(),
		"cgroup", cg != nil, "err", err)
	return res, err
}

// openInput opens what the program reads on stdin (nil: nothing).
func openInput(ctx context.Context, mode string, inv invoke.Invocation, host invoke.Host) (io.ReadCloser, error) {
	switch mode {
	case "", "object":
		rc, err := host.ReadObject(ctx, inv.Event.Bucket, inv.Event.Key)
		if err != nil {
			return nil, fmt.Errorf("native: read %s/%s: %w", inv.Event.Bucket, inv.Event.Key, err)
		}
		return rc, nil
	case "event":
		return io.NopCloser(bytes.NewReader(inv.Payload)), nil
	case "none":
		return nil, nil
	}
	return nil, fmt.Errorf("native: unknown input %q (want object, event or none)", mode)
}

// start starts the shim, giving up the cgroup and then the namespaces
// when the kernel refuses them: a run never fails for want of either.
func (r *Runtime) start(argv []string, lim invoke.Limits, dir string, env []string, io stdio, cg **cgroup) (*exec.Cmd, error) {
	cgFailed, cgFailedNS := false, false
	for {
		ns := r.Namespaces()
		cmd := r.command(argv, lim, dir, env, io, ns, *cg)
		err := r.startCmd(cmd)
		if err == nil {
			if cgFailed && cgFailedNS == ns {
				r.cgOff.Store(true)
			}
			return cmd, nil
		}
		switch {
		case *cg != nil:
			r.cgWarn.Do(func() { r.log.Warn("cannot start a child in its cgroup; relying on rlimits", "err", err) })
			(*cg).remove()
			*cg = nil
			cgFailed, cgFailedNS = true, ns
		case ns && nsRefused(err):
			r.nsWarn.Do(func() {
				r.log.Warn("namespaces unavailable; native functions run without network, PID and mount isolation (rlimits still apply)", "err", err)
			})
			r.nsOff.Store(true)
		default:
			return nil, err
		}
	}
}

// makeCgroup returns the invocation's cgroup, or nil without cgroups.
func (r *Runtime) makeCgroup(id string, lim invoke.Limits) *cgroup {
	parent := r.cgroupParent()
	if parent == "" {
		return nil
	}
	cg, err := newCgroup(parent, id, lim.MemoryMiB, sandboxNproc)
	if err != nil {
		r.cgWarn.Do(func() { r.log.Warn("cannot create cgroup; relying on rlimits", "err", err) })
		return nil
	}
	if !cg.hasMemoryLimit() {
		r.cgWarn.Do(func() { r.log.Warn("memory controller not delegated; relying on RLIMIT_AS", "cgroup", parent) })
	}
	return cg
}
