//go:build linux

package native

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/fn/invoke"
)

func TestGzipObject(t *testing.T) {
	r := newRuntime(t, Options{})
	h := newHost()
	data := bytes.Repeat([]byte("GET /index.html 200 1234\n"), 40000)
	h.put("logs", "raw/2024/a.log", data)
	spec := invoke.NativeSpec{
		Command:     []string{"gzip", "-c", "-9"},
		Output:      "gz/{key}.gz",
		ContentType: "application/gzip",
	}
	if _, err := run(t, r, spec, invocation("logs", "raw/2024/a.log", invoke.Limits{}), h); err != nil {
		t.Fatal(err)
	}
	gz, ok := h.get("logs", "gz/raw/2024/a.log.gz")
	if !ok {
		t.Fatalf("no output object; have %v", h.objects)
	}
	if ct := h.types["logs/gz/raw/2024/a.log.gz"]; ct != "application/gzip" {
		t.Errorf("content type %q", ct)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) {
		t.Fatalf("round trip: got %d bytes, want %d", len(got), len(data))
	}
	if len(gz) >= len(data)/10 {
		t.Errorf("compressed %d -> %d: not compressed?", len(data), len(gz))
	}
}

func TestTimeoutKillsEverything(t *testing.T) {
	r := newRuntime(t, Options{})
	// A background job too: the whole sandbox must go.
	const marker = "1234.5678"
	spec := invoke.NativeSpec{Command: []string{"sh", "-c", "sleep " + marker + " & sleep " + marker + "; wait"}, Input: "none"}
	start := time.Now()
	_, err := run(t, r, spec, invocation("b", "k", invoke.Limits{Timeout: 500 * time.Millisecond}), newHost())
	wantErr(t, err, invoke.ErrTimeLimit)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
	deadline := time.Now().Add(3 * time.Second)
	for {
		pids := findProcs(marker)
		if len(pids) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("processes left behind: %v", pids)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// findProcs lists pids whose command line contains s.
func findProcs(s string) []string {
	var pids []string
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err == nil && bytes.Contains(b, []byte(s)) && e.Name() != "self" {
			pids = append(pids, e.Name()+":"+strings.ReplaceAll(string(b), "\x00", " "))
		}
	}
	return pids
}

func TestContextCancelKills(t *testing.T) {
	r := newRuntime(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	spec := invoke.NativeSpec{Command: []string{"sleep", "30"}, Input: "none"}
	start := time.Now()
	_, err := r.Run(ctx, invoke.Code{Native: &spec}, invocation("b", "k", invoke.Limits{}), newHost())
	wantErr(t, err, context.Canceled)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestMemoryLimit(t *testing.T) {
	r := newRuntime(t, Options{})
	cmd := []string{"sh", "-c", "head -c 1G /dev/zero | tail"}
	for _, py := range []string{"/usr/local/bin/python3", "/usr/bin/python3"} {
		if _, err := os.Stat(py); err == nil {
			cmd = []string{"python3", "-c", "x = bytearray(10**9)"}
			break
		}
	}
	spec := invoke.NativeSpec{Command: cmd, Input: "none"}
	_, err := run(t, r, spec, invocation("b", "k", invoke.Limits{MemoryMiB: 64, Timeout: 20 * time.Second}), newHost())
	wantErr(t, err, invoke.ErrMemoryLimit, invoke.ErrFailed)
	if !strings.Contains(err.Error(), "memory") {
		t.Logf("memory failure not recognised as such: %v", err)
	}
}

func TestNonZeroExit(t *testing.T) {
	r := newRuntime(t, Options{})
	h := newHost()
	spec := invoke.NativeSpec{Command: []string{"sh", "-c", "echo first; echo boom >&2; exit 3"}, Input: "none"}
	res, err := run(t, r, spec, invocation("b", "k", invoke.Limits{}), h)
	wantErr(t, err, invoke.ErrFailed)
	if !strings.Contains(err.Error(), "boom") || !strings.Contains(err.Error(), "exit code 3") {
		t.Errorf("err %q lacks stderr or exit code", err)
	}
	if res.ExitCode != 3 {
		t.Errorf("exit code %d", res.ExitCode)
	}
	if got := h.logText(); got != "first\nboom" {
		t.Errorf("log %q", got)
	}
	if string(res.Output) != "first\nboom\n" {
		t.Errorf("output %q", res.Output)
	}
}

func TestFailedProgramWritesNoObject(t *testing.T) {
	r := newRuntime(t, Options{})
	h := newHost()
	spec := invoke.NativeSpec{Command: []string{"sh", "-c", "echo partial; exit 1"}, Input: "none", Output: "out/{base}"}
	_, err := run(t, r, spec, invocation("b", "dir/k.txt", invoke.Limits{}), h)
	wantErr(t, err, invoke.ErrFailed)
	if _, ok := h.get("b", "out/k.txt"); ok {
		t.Fatal("failed program left an object")
	}
}

func TestOutputCap(t *testing.T) {
	r := newRuntime(t, Options{})
	h := newHost()
	spec := invoke.NativeSpec{Command: []string{"head", "-c", "3000000", "/dev/zero"}, Input: "none", Output: "{dir}/big"}
	_, err := run(t, r, spec, invocation("b", "d/k", invoke.Limits{OutputMiB: 1}), h)
	wantErr(t, err, invoke.ErrFailed)
	if !strings.Contains(err.Error(), "output larger") {
		t.Errorf("err %v", err)
	}
	if _, ok := h.get("b", "d/big"); ok {
		t.Fatal("oversized output stored")
	}
}

func TestInputModes(t *testing.T) {
	r := newRuntime(t, Options{})
	h := newHost()
	h.put("b", "k", []byte("object body"))
	inv := invocation("b", "k", invoke.Limits{})
	for input, want := range map[string]string{
		"":       "object body",
		"object": "object body",
		"event":  string(inv.Payload),
		"none":   "",
	} {
		res, err := run(t, r, invoke.NativeSpec{Command: []string{"cat"}, Input: input}, inv, h)
		if err != nil {
			t.Fatal(err)
		}
		if string(res.Output) != want {
			t.Errorf("input %q: got %q, want %q", input, res.Output, want)
		}
	}
	if _, err := run(t, r, invoke.NativeSpec{Command: []string{"cat"}, Input: "bogus"}, inv, h); err == nil {
		t.Error("bogus input accepted")
	}
}

func TestEnvironmentAndWorkDir(t *testing.T) {
	t.Setenv("STRATA_TEST_LEAK", "leaked")
	work := t.TempDir()
	r := newRuntime(t, Options{WorkDir: work})
	h := newHost()
	inv := invocation("bkt", "a/b.txt", invoke.Limits{})
	inv.Env = map[string]string{"GREETING": "hi", "STRATA_KEY": "spoofed"}
	script := `echo "$STRATA_FUNCTION|$STRATA_INVOCATION|$STRATA_EVENT_ID|$STRATA_BUCKET|$STRATA_KEY|$STRATA_EVENT|$GREETING|$STRATA_TEST_LEAK|$PATH"
[ "$(pwd)" = "$HOME" ] && echo cwd-is-home
touch scratch && echo can-write
id -u`
	res, err := run(t, r, invoke.NativeSpec{Command: []string{"sh", "-c", script}, Input: "none"}, inv, h)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(res.Output)), "\n")
	want := `test|inv-1|ev-1|bkt|a/b.txt|{"Records":[]}|hi||` + defaultPath
	if lines[0] != want {
		t.Errorf("env line\n got %q\nwant %q", lines[0], want)
	}
	if len(lines) < 4 || lines[1] != "cwd-is-home" || lines[2] != "can-write" {
		t.Fatalf("output %q", lines)
	}
	if r.dropUser() && lines[3] != "65534" {
		t.Errorf("running as uid %s, want nobody", lines[3])
	}
	if ents, _ := os.ReadDir(work); len(ents) != 0 {
		t.Errorf("work dir not cleaned: %v", ents)
	}
}

func TestNoNetwork(t *testing.T) {
	r := newRuntime(t, Options{})
	requireNamespaces(t, r)
	res, err := run(t, r, invoke.NativeSpec{Command: []string{"cat", "/proc/net/dev"}, Input: "none"}, invocation("b", "k", invoke.Limits{}), newHost())
	if err != nil {
		t.Fatal(err)
	}
	var ifaces []string
	for _, line := range strings.Split(string(res.Output), "\n") {
		if name, _, ok := strings.Cut(line, ":"); ok {
			ifaces = append(ifaces, strings.TrimSpace(name))
		}
	}
	if len(ifaces) != 1 || ifaces[0] != "lo" {
		t.Fatalf("interfaces %v, want only lo", ifaces)
	}
}

func TestPIDNamespace(t *testing.T) {
	r := newRuntime(t, Options{})
	requireNamespaces(t, r)
	// $$ is 1 and /proc shows only the sandbox.
	script := `echo $$; ls /proc | grep -c '^[0-9]'`
	res, err := run(t, r, invoke.NativeSpec{Command: []string{"sh", "-c", script}, Input: "none"}, invocation("b", "k", invoke.Limits{}), newHost())
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Fields(string(res.Output))
	if len(lines) != 2 || lines[0] != "1" {
		t.Fatalf("output %q, want pid 1", res.Output)
	}
	if lines[1] != "3" { // sh, ls, grep
		// The private /proc is best effort.
		t.Logf("sandbox /proc shows %s processes (private /proc not mounted?)", lines[1])
	}
}

func TestNoNamespacesOption(t *testing.T) {
	r := newRuntime(t, Options{NoNamespaces: true})
	res, err := run(t, r, invoke.NativeSpec{Command: []string{"sh", "-c", "echo $$"}, Input: "none"}, invocation("b", "k", invoke.Limits{}), newHost())
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(res.Output)) == "1" {
		t.Fatal("pid 1 without namespaces")
	}
}

func TestCgroupPlacement(t *testing.T) {
	root := "/sys/fs/cgroup"
	if !cgroupsUsable(root) {
		// A hybrid host still has a writable v2 hierarchy here, enough
		// to test placement, kill and cleanup.
		root = "/sys/fs/cgroup/unified"
	}
	if !cgroupsUsable(root) {
		t.Skip("no writable cgroup v2 hierarchy")
	}
	// Drop the parent too if this test created it and nothing else uses it.
	t.Cleanup(func() { os.Remove(filepath.Join(root, cgroupParent)) })
	r := newRuntime(t, Options{CgroupRoot: root})
	res, err := run(t, r, invoke.NativeSpec{Command: []string{"cat", "/proc/self/cgroup"}, Input: "none"}, invocation("b", "k", invoke.Limits{}), newHost())
	if err != nil {
		t.Fatal(err)
	}
	if r.cgOff.Load() {
		t.Skip("kernel refused to start a child in a cgroup")
	}
	if !strings.Contains(string(res.Output), "0::/"+cgroupParent+"/inv-1-") {
		t.Errorf("child not in its cgroup: %q", res.Output)
	}
	ents, _ := os.ReadDir(filepath.Join(root, cgroupParent))
	for _, e := range ents {
		if e.IsDir() && strings.HasPrefix(e.Name(), "inv-1-") {
			t.Errorf("cgroup %s left behind", e.Name())
		}
	}
}
