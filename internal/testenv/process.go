package testenv

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// Binary returns the path of a strata binary built from this checkout
// once per test process (or $STRATA_BIN if set).
func Binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		if p := os.Getenv("STRATA_BIN"); p != "" {
			binPath = p
			return
		}
		dir, err := os.MkdirTemp("", "strata-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "strata")
		root := moduleRoot()
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/strata")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func moduleRoot() string {
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "."
		}
		dir = parent
	}
}

// ProcOptions shape a node run as a separate process.
type ProcOptions struct {
	Dir     string   // data folder (default t.TempDir())
	Volumes int      // default 1
	Addr    string   // default a free 127.0.0.1 port
	Env     []string // extra environment
	Args    []string // extra server flags
}

// Process is a `strata server` process.
type Process struct {
	t    testing.TB
	opts ProcOptions
	cmd  *exec.Cmd
	log  string
	done chan error
}

// FreeAddr returns a free loopback address.
func FreeAddr(t testing.TB) string {
	t.Helper()
	// A port the kernel handed out as ephemeral can be taken again as the
	// source port of some outgoing connection (etcd, NATS, HTTP clients)
	// before the server binds it: pick below the ephemeral range instead,
	// from a per-process random start, skipping ports in use.
	if addr, ok := portBelowEphemeral(); ok {
		return addr
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

var (
	portMu   sync.Mutex
	portNext int
)

func portBelowEphemeral() (string, bool) {
	const lo = 10000
	hi := 32768
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); err == nil {
		var a, z int
		if n, _ := fmt.Sscan(string(b), &a, &z); n == 2 && a > lo+1000 {
			hi = a
		}
	}
	portMu.Lock()
	defer portMu.Unlock()
	if portNext == 0 {
		portNext = lo + int(time.Now().UnixNano()%int64(hi-lo))
	}
	for range 500 {
		p := portNext
		if portNext++; portNext >= hi {
			portNext = lo
		}
		addr := fmt.Sprintf("127.0.0.1:%d", p)
		if l, err := net.Listen("tcp", addr); err == nil {
			l.Close()
			return addr, true
		}
	}
	return "", false
}

// StartProcess runs `strata server` and waits until it answers.
func StartProcess(t testing.TB, opts ProcOptions) *Process {
	t.Helper()
	if opts.Dir == "" {
		opts.Dir = t.TempDir()
	}
	if opts.Addr == "" {
		opts.Addr = FreeAddr(t)
	}
	if opts.Volumes == 0 {
		opts.Volumes = 1
	}
	p := &Process{t: t, opts: opts, log: filepath.Join(opts.Dir, "server.log")}
	p.start()
	t.Cleanup(func() {
		p.Kill()
		if t.Failed() {
			b, _ := os.ReadFile(p.log)
			lines := strings.Split(string(b), "\n")
			t.Logf("server log tail:\n%s", strings.Join(lines[max(0, len(lines)-30):], "\n"))
		}
	})
	return p
}

func (p *Process) start() {
	t := p.t
	args := []string{"server", "--data", p.opts.Dir, "--s3-addr", p.opts.Addr}
	for i := 0; i < p.opts.Volumes; i++ {
		args = append(args, "--volume", filepath.Join(p.opts.Dir, "volumes", fmt.Sprint(i)))
	}
	args = append(args, p.opts.Args...)
	cmd := exec.Command(Binary(t), args...)
	cmd.Env = append(os.Environ(), "STRATA_ACCESS_KEY="+AccessKey, "STRATA_SECRET_KEY="+SecretKey)
	cmd.Env = append(cmd.Env, p.opts.Env...)
	logf, err := os.OpenFile(p.log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p.cmd, p.done = cmd, make(chan error, 1)
	go func() { p.done <- cmd.Wait(); logf.Close() }()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(p.URL() + "/_strata/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		select {
		case err := <-p.done:
			b, _ := os.ReadFile(p.log)
			t.Fatalf("server exited: %v\n%s", err, b)
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatal("server did not become ready")
}

// URL is the S3 endpoint.
func (p *Process) URL() string { return "http://" + p.opts.Addr }

// Dir is the data folder.
func (p *Process) Dir() string { return p.opts.Dir }

// Log returns what the server printed so far.
func (p *Process) Log() string { b, _ := os.ReadFile(p.log); return string(b) }

// Kill sends SIGKILL and waits for the process to die.
func (p *Process) Kill() {
	if p.cmd == nil || p.cmd.Process == nil {
		return
	}
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
	p.done <- nil // later calls return at once
	p.cmd = nil
}

// Stop sends SIGTERM and returns the exit error (nil for a clean exit).
func (p *Process) Stop() error {
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		p.done <- nil
		p.cmd = nil
		return err
	case <-time.After(30 * time.Second):
		return fmt.Errorf("server did not stop within 30 s of SIGTERM")
	}
}

// Restart starts the server again on the same folder and address.
func (p *Process) Restart() { p.start() }

// RestartWith starts the process again with other extra server flags.
func (p *Process) RestartWith(args ...string) {
	p.opts.Args = args
	p.start()
}
