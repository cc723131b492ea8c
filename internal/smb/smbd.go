package smb

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"os/exec"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// supervise runs smbd until ctx ends, restarting it when it dies. The
// back-off doubles from 100 ms up to max and starts again once smbd has
// stayed up for a minute. started gets the first start's outcome.
func (s *Server) supervise(ctx context.Context, max time.Duration, started chan<- error) {
	backoff := 100 * time.Millisecond
	first := true
	for {
		t0 := time.Now()
		p, err := s.startSmbd()
		if first {
			if err == nil {
				if err = waitListening(ctx, s.cfg.Addr, p); err != nil {
					p.stop()
				}
			}
			started <- err
			first = false
			if err != nil {
				return
			}
		}
		if err == nil {
			err = p.wait(ctx)
		}
		if ctx.Err() != nil {
			return
		}
		if p != nil {
			// Children of the dead smbd may still hold its listening
			// socket and files on the mounts.
			syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		}
		if time.Since(t0) > time.Minute {
			backoff = 100 * time.Millisecond
		}
		s.log.Error("smbd exited; restarting", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, max)
	}
}

// proc is a running smbd.
type proc struct {
	cmd  *exec.Cmd
	done chan struct{} // closed once it exited
	err  error         // its exit status, once done is closed
}

// startSmbd starts smbd in the foreground, in a process group of its own
// so that stopping it also stops the children it forks per client.
func (s *Server) startSmbd() (*proc, error) {
	cmd := exec.Command(s.smbd, "--foreground", "--no-process-group", "--debug-stdout",
		"--debuglevel="+s.debugLevel(), "--configfile="+s.lay.conf())
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, strata.E("smb.smbd", strata.Internal, err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return nil, strata.Errorf("smb.smbd", strata.Internal, "start %s: %v", s.smbd, err)
	}
	p := &proc{cmd: cmd, done: make(chan struct{})}
	logged := make(chan struct{})
	go func() { logLines(s.log.With("smbd", cmd.Process.Pid), out); close(logged) }()
	go func() {
		<-logged // Wait closes the pipe: read it to the end first
		p.err = cmd.Wait()
		close(p.done)
	}()
	s.mu.Lock()
	s.proc = p
	s.mu.Unlock()
	return p, nil
}

func (s *Server) debugLevel() string {
	if s.log.Enabled(context.Background(), slog.LevelDebug) {
		return "3"
	}
	return "1"
}

// wait waits for smbd to exit, or stops it when ctx ends.
func (p *proc) wait(ctx context.Context) error {
	select {
	case <-p.done:
		if p.err == nil {
			return strata.Errorf("smb.smbd", strata.Unavailable, "smbd exited")
		}
		return p.err
	case <-ctx.Done():
		p.stop()
		return ctx.Err()
	}
}

// stop sends SIGTERM to smbd and its children, and SIGKILL if they are
// not gone within 10 s.
func (p *proc) stop() {
	pg := -p.cmd.Process.Pid
	syscall.Kill(pg, syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		syscall.Kill(pg, syscall.SIGKILL)
		<-p.done
	}
	// Children that outlived smbd (one per client) still hold files on
	// the mounts.
	syscall.Kill(pg, syscall.SIGKILL)
}

// waitListening waits until smbd accepts connections on addr.
func waitListening(ctx context.Context, addr string, p *proc) error {
	host, port, _ := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	target := net.JoinHostPort(host, port)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", target, time.Second); err == nil {
			c.Close()
			return nil
		}
		select {
		case <-p.done:
			return strata.Errorf("smb.smbd", strata.Unavailable, "smbd exited at start: %v (see its log)", p.err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return strata.Errorf("smb.smbd", strata.Unavailable, "smbd does not listen on %s after 30 s (see its log)", target)
}

func logLines(log *slog.Logger, r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			log.Info("smbd", "line", line)
		}
	}
}
