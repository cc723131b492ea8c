package clitest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/testenv"
)

// fnRoot returns the repository root (tests run in tests/cli).
func fnRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// buildFunction builds examples/functions/NAME for wasip1 into a
// temporary folder and returns the module's path.
func buildFunction(t *testing.T, name string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), name+".wasm")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", out, "./examples/functions/"+name)
	cmd.Dir = fnRoot(t)
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build %s: %v\n%s", name, err, b)
	}
	return out
}

// strataCLI runs the strata binary against endpoint with the test root
// credentials and returns its combined output and exit error.
func strataCLI(t *testing.T, endpoint string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(testenv.Binary(t), args...)
	cmd.Env = append(os.Environ(), "STRATA_ENDPOINT="+endpoint,
		"STRATA_ACCESS_KEY="+testenv.AccessKey, "STRATA_SECRET_KEY="+testenv.SecretKey)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// mustCLI is strataCLI for commands that must succeed.
func mustCLI(t *testing.T, endpoint string, args ...string) string {
	t.Helper()
	out, err := strataCLI(t, endpoint, args...)
	if err != nil {
		t.Fatalf("strata %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// TestFnCLI deploys, lists, invokes, inspects and removes a function with
// the strata fn commands against a server process.
func TestFnCLI(t *testing.T) {
	mod := buildFunction(t, "trivial")
	p := testenv.StartProcess(t, testenv.ProcOptions{})
	ep := p.URL()
	manifest := filepath.Join(fnRoot(t), "examples", "functions", "trivial", "manifest.json")

	out := mustCLI(t, ep, "fn", "deploy", manifest, "--module", mod)
	if !strings.Contains(out, "deployed trivial") || !strings.Contains(out, "digest") {
		t.Fatalf("fn deploy printed:\n%s", out)
	}
	if out = mustCLI(t, ep, "fn", "list"); !strings.Contains(out, "trivial") || !strings.Contains(out, "wasm") {
		t.Fatalf("fn list does not show trivial:\n%s", out)
	}
	out = mustCLI(t, ep, "fn", "invoke", "trivial", "--data", "hello")
	if !strings.Contains(out, "result    ok") || !strings.Contains(out, "5 bytes") {
		t.Fatalf("fn invoke printed:\n%s", out)
	}
	if out = mustCLI(t, ep, "fn", "logs", "trivial", "--verbose"); !strings.Contains(out, "Invoke") ||
		!strings.Contains(out, "ok") || !strings.Contains(out, "5 bytes") {
		t.Fatalf("fn logs printed:\n%s", out)
	}
	var recs []map[string]any
	if err := json.Unmarshal([]byte(mustCLI(t, ep, "fn", "logs", "trivial", "--json")), &recs); err != nil || len(recs) != 1 {
		t.Fatalf("fn logs --json: %v, %d records", err, len(recs))
	}
	mustCLI(t, ep, "fn", "rm", "trivial")
	if out = mustCLI(t, ep, "fn", "list"); strings.Contains(out, "trivial") {
		t.Fatalf("fn list still shows trivial after rm:\n%s", out)
	}
	out, err := strataCLI(t, ep, "fn", "invoke", "missing", "--data", "x")
	if err == nil || !strings.Contains(out, `no function "missing"`) {
		t.Fatalf("fn invoke of a missing function: err %v, printed:\n%s", err, out)
	}
	if strings.Contains(out, "{") {
		t.Fatalf("error shows the wire format, not the message:\n%s", out)
	}
}

// TestEventsTargetCLI registers a webhook target and lists it.
func TestEventsTargetCLI(t *testing.T) {
	p := testenv.StartProcess(t, testenv.ProcOptions{})
	ep := p.URL()
	out := mustCLI(t, ep, "events", "target", "add", "hook", "--webhook", "http://127.0.0.1:1/")
	if !strings.Contains(out, "arn:strata:sqs::hook:webhook") {
		t.Fatalf("events target add printed:\n%s", out)
	}
	out = mustCLI(t, ep, "events", "target", "list")
	if !strings.Contains(out, "hook") || !strings.Contains(out, "http://127.0.0.1:1/") {
		t.Fatalf("events target list does not show hook:\n%s", out)
	}
	if out, err := strataCLI(t, ep, "events", "redrive", "--target", "nonsense"); err == nil || !strings.Contains(out, "not a target ARN") {
		t.Fatalf("redrive with a bad ARN: err %v, printed:\n%s", err, out)
	}
	mustCLI(t, ep, "events", "target", "rm", "hook")
	if out = mustCLI(t, ep, "events", "target", "list"); strings.Contains(out, "hook") {
		t.Fatalf("events target list still shows hook after rm:\n%s", out)
	}
}

// TestFnRunLocal runs the indexer example on files, without a server.
func TestFnRunLocal(t *testing.T) {
	mod := buildFunction(t, "indexer")
	dir := t.TempDir()
	data := []byte("hello, index\n")
	src := filepath.Join(dir, "docs", "data", "a.txt")
	os.MkdirAll(filepath.Dir(src), 0o755)
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(fnRoot(t), "examples", "functions", "indexer", "manifest.json")
	out := mustCLI(t, "http://127.0.0.1:1", "fn", "run", manifest, "--module", mod, "--dir", dir, "--bucket", "docs", "--key", "data/a.txt")
	if !strings.Contains(out, "result    ok") || strings.Contains(out, "warning") {
		t.Fatalf("fn run printed:\n%s", out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "docs", "index", "data", "a.txt.json"))
	if err != nil {
		t.Fatalf("no index written: %v\n%s", err, out)
	}
	var idx struct {
		Key    string `json:"key"`
		Size   int64  `json:"size"`
		SHA256 string `json:"sha256"`
	}
	if err := json.Unmarshal(b, &idx); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if idx.Key != "data/a.txt" || idx.Size != int64(len(data)) || idx.SHA256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("index %s, want sha256 %x", b, sum)
	}

	// Another bucket than the manifest grants works locally, with a warning.
	other := filepath.Join(dir, "other", "data", "b.txt")
	os.MkdirAll(filepath.Dir(other), 0o755)
	os.WriteFile(other, data, 0o644)
	out = mustCLI(t, "http://127.0.0.1:1", "fn", "run", manifest, "--module", mod, "--dir", dir, "--bucket", "other", "--key", "data/b.txt")
	if !strings.Contains(out, `warning: indexer writes bucket "other"`) {
		t.Fatalf("fn run on an ungranted bucket printed no warning:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "other", "index", "data", "b.txt.json")); err != nil {
		t.Fatalf("ungranted write not done locally: %v", err)
	}
}
