//go:build linux

package native

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/strata-storage/strata/internal/fn/invoke"
)

func TestExpandOutputKey(t *testing.T) {
	for _, c := range []struct{ tmpl, key, want string }{
		{"gz/{key}.gz", "raw/a.log", "gz/raw/a.log.gz"},
		{"{dir}/thumbs/{base}", "img/2024/x.png", "img/2024/thumbs/x.png"},
		{"out/{dir}{base}", "top.txt", "out/top.txt"},
	} {
		if got := expandOutputKey(c.tmpl, c.key); got != c.want {
			t.Errorf("%q %q: got %q, want %q", c.tmpl, c.key, got, c.want)
		}
	}
	got := expandCommand([]string{"conv", "{bucket}:{key}"}, "b", "k")
	if strings.Join(got, " ") != "conv b:k" {
		t.Errorf("command %q", got)
	}
}

func TestLogWriterCaps(t *testing.T) {
	var lines []string
	w := newLogWriter(10, func(s string) { lines = append(lines, s) })
	w.Write([]byte("abc\nde"))
	w.Write([]byte("f\n0123456789xyz\n"))
	w.Write([]byte("more"))
	w.Close()
	if got := string(w.Bytes()); got != "abc\ndef\n01" {
		t.Errorf("kept %q", got)
	}
	want := []string{"abc", "def", "01", truncateMarker}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Errorf("lines %q, want %q", lines, want)
	}
	if !strings.HasSuffix(w.Tail(), "xyz\nmore") {
		t.Errorf("tail %q", w.Tail())
	}
	w2 := newLogWriter(100, func(string) {})
	w2.Write(bytes.Repeat([]byte("x"), 2000))
	if len(w2.Tail()) != tailBytes {
		t.Errorf("tail len %d", len(w2.Tail()))
	}
}

func TestShimProgramNotFound(t *testing.T) {
	var buf bytes.Buffer
	if code := shimMain([]string{"--", "no-such-program-xyz"}, &buf); code != 127 {
		t.Errorf("code %d: %s", code, buf.String())
	}
	if code := shimMain([]string{"--bogus"}, &buf); code != 2 {
		t.Errorf("bad flag: code %d", code)
	}
}

func TestNamespaceFallback(t *testing.T) {
	r := newRuntime(t, Options{})
	calls := 0
	r.startCmd = func(cmd *exec.Cmd) error {
		calls++
		if cmd.SysProcAttr.Cloneflags != 0 {
			return &os.SyscallError{Syscall: "clone3", Err: syscall.EPERM}
		}
		return cmd.Start()
	}
	spec := invoke.NativeSpec{Command: []string{"sh", "-c", "echo $$"}, Input: "none"}
	for i := 0; i < 2; i++ {
		res, err := run(t, r, spec, invocation("b", "k", invoke.Limits{}), newHost())
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(string(res.Output)) == "1" {
			t.Fatal("pid 1 without namespaces")
		}
	}
	if r.Namespaces() || calls != 3 {
		t.Errorf("namespaces %v after %d starts, want off after 3", r.Namespaces(), calls)
	}
}

func TestIDMapped(t *testing.T) {
	f := filepath.Join(t.TempDir(), "map")
	os.WriteFile(f, []byte("         0          0          1\n      1000     100000      65536\n"), 0o644)
	for id, want := range map[int]bool{0: true, 1: false, 65534: true, 66536: false} {
		if got := idMapped(f, id); got != want {
			t.Errorf("id %d: got %v", id, got)
		}
	}
}
