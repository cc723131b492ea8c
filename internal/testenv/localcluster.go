package testenv

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/cluster"
	"github.com/strata-storage/strata/internal/server"
)

// LocalCluster is a cluster run by `strata cluster local`: real node
// processes on 127.0.0.x that tests kill with SIGKILL and restart.
type LocalCluster struct {
	t    testing.TB
	Dir  string
	File cluster.LocalFile
	Root server.User
	sup  *exec.Cmd
	// Roots trusts the cluster CA (TLS clusters; nil otherwise) and
	// HTTP is a client that uses it.
	Roots *x509.CertPool
	HTTP  *http.Client

	mu    sync.Mutex
	extra map[string]*exec.Cmd // nodes restarted by the test
}

// LocalOptions shape a local cluster.
type LocalOptions struct {
	Nodes int      // default 4
	Args  []string // extra `strata cluster local` flags, e.g. --policy EC4+2
	TLS   bool     // --tls: every listener on TLS
	// IPBase is node1's loopback address (default 127.0.0.11): two
	// clusters side by side need different ones (--ip-base).
	IPBase string
}

// StartLocalCluster runs `strata cluster local` and waits until every
// node serves; t.Cleanup stops it.
func StartLocalCluster(t testing.TB, opts LocalOptions) *LocalCluster {
	t.Helper()
	Heavy(t)
	if opts.Nodes == 0 {
		opts.Nodes = 4
	}
	dir := t.TempDir()
	var ips []string
	prefix, first := "127.0.0.", 11
	if opts.IPBase != "" {
		if i := strings.LastIndex(opts.IPBase, "."); i > 0 {
			prefix = opts.IPBase[:i+1]
			first, _ = strconv.Atoi(opts.IPBase[i+1:])
		}
	}
	for i := 0; i < opts.Nodes+1; i++ { // +1: room for a node added later
		ips = append(ips, fmt.Sprintf("%s%d", prefix, first+i))
	}
	base := FreePortBlock(t, ips, 6) // S3, blob, meta client and peer, bus, bus routes
	args := append([]string{"cluster", "local", "--nodes", strconv.Itoa(opts.Nodes), "--dir", dir,
		"--base-port", strconv.Itoa(base)}, opts.Args...)
	if opts.TLS {
		args = append(args, "--tls")
	}
	if opts.IPBase != "" {
		args = append(args, "--ip-base", opts.IPBase)
	}
	sup := exec.Command(Binary(t), args...)
	logf, err := os.Create(filepath.Join(dir, "supervisor.log"))
	if err != nil {
		t.Fatal(err)
	}
	sup.Stdout, sup.Stderr = logf, logf
	sup.Env = cleanEnv()
	if err := sup.Start(); err != nil {
		t.Fatal(err)
	}
	lc := &LocalCluster{t: t, Dir: dir, sup: sup, extra: map[string]*exec.Cmd{}, HTTP: http.DefaultClient}
	t.Cleanup(lc.stop)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		f, err := cluster.ReadLocalFile(dir)
		if err == nil && f.Ready && lc.trust(f) && lc.healthy(f) {
			lc.File = f
			break
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(filepath.Join(dir, "supervisor.log"))
			t.Fatalf("local cluster did not start: %s", b)
		}
		time.Sleep(200 * time.Millisecond)
	}
	lc.Root, _, err = server.RootCredentials(dir, "", "")
	if err != nil {
		t.Fatal(err)
	}
	return lc
}

// trust makes lc's clients trust the CA of a TLS cluster.
func (lc *LocalCluster) trust(f cluster.LocalFile) bool {
	if f.CA == "" || lc.Roots != nil {
		return true
	}
	b, err := os.ReadFile(f.CA)
	if err != nil {
		lc.t.Fatal(err)
	}
	lc.Roots = x509.NewCertPool()
	if !lc.Roots.AppendCertsFromPEM(b) {
		lc.t.Fatalf("no certificate in %s", f.CA)
	}
	lc.HTTP = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: lc.Roots}}}
	return true
}

func (lc *LocalCluster) healthy(f cluster.LocalFile) bool {
	for _, n := range f.Nodes {
		resp, err := lc.HTTP.Get(n.S3 + "/_strata/health")
		if err != nil {
			return false
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return false
		}
	}
	return len(f.Nodes) > 0
}

// cleanEnv drops credentials a developer may have exported, so the
// cluster generates its own.
func cleanEnv() []string {
	var env []string
	for _, e := range os.Environ() {
		if len(e) > 7 && e[:7] == "STRATA_" {
			continue
		}
		env = append(env, e)
	}
	return env
}

// S3 returns an S3 client on the named node's gateway.
func (lc *LocalCluster) S3(name string) *s3.Client {
	n, _, ok := lc.File.Node(name)
	if !ok {
		lc.t.Fatalf("no node %s", name)
	}
	return S3ClientCA(n.S3, lc.Root.AccessKey, lc.Root.SecretKey, lc.Roots)
}

// Kill sends SIGKILL to the named node.
func (lc *LocalCluster) Kill(name string) {
	lc.t.Helper()
	f, err := cluster.ReadLocalFile(lc.Dir)
	if err != nil {
		lc.t.Fatal(err)
	}
	n, _, ok := f.Node(name)
	if !ok || n.PID == 0 {
		lc.t.Fatalf("node %s not running", name)
	}
	syscall.Kill(n.PID, syscall.SIGKILL)
	lc.mu.Lock()
	if c := lc.extra[name]; c != nil {
		c.Wait()
		delete(lc.extra, name)
	}
	lc.mu.Unlock()
}

// Restart starts a killed node again with `strata cluster node` and waits
// until it serves.
func (lc *LocalCluster) Restart(name string) {
	lc.t.Helper()
	c := exec.Command(Binary(lc.t), "cluster", "node", "--dir", lc.Dir, name)
	n, _, _ := lc.File.Node(name)
	logf, err := os.OpenFile(n.Log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		lc.t.Fatal(err)
	}
	defer logf.Close()
	c.Stdout, c.Stderr, c.Env = logf, logf, cleanEnv()
	c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := c.Start(); err != nil {
		lc.t.Fatal(err)
	}
	lc.mu.Lock()
	lc.extra[name] = c
	lc.mu.Unlock()
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := lc.HTTP.Get(n.S3 + "/_strata/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			lc.t.Fatalf("node %s did not restart; log %s", name, n.Log)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Log returns the named node's log.
func (lc *LocalCluster) Log(name string) string {
	n, _, _ := lc.File.Node(name)
	b, _ := os.ReadFile(n.Log)
	return string(b)
}

func (lc *LocalCluster) stop() {
	if lc.t.Failed() {
		lc.dumpWarnings()
	}
	lc.sup.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { lc.sup.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		lc.sup.Process.Kill()
	}
	lc.mu.Lock()
	defer lc.mu.Unlock()
	for _, c := range lc.extra {
		// The node restarted by `cluster node` runs in its own group.
		syscall.Kill(-c.Process.Pid, syscall.SIGTERM)
		c.Wait()
	}
}

// dumpWarnings logs the last warnings and errors of every node, so that a
// failure in CI (where the cluster's folder is gone afterwards) says why.
func (lc *LocalCluster) dumpWarnings() {
	f, err := cluster.ReadLocalFile(lc.Dir)
	if err != nil {
		return
	}
	for _, n := range f.Nodes {
		b, _ := os.ReadFile(n.Log)
		var lines []string
		for _, l := range strings.Split(string(b), "\n") {
			if strings.Contains(l, "WARN") || strings.Contains(l, "ERROR") || strings.Contains(l, "panic") {
				lines = append(lines, l)
			}
		}
		lines = lines[max(0, len(lines)-40):]
		lc.t.Logf("%s: last %d warnings and errors of %s:\n%s", n.Name, len(lines), n.Log, strings.Join(lines, "\n"))
	}
}
