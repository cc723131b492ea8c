package eventstest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/events"
	"github.com/strata-storage/strata/internal/testenv"
)

var ctx = context.Background()

const secret = "webhook-secret"

// hook is a webhook receiver that records every event it accepts.
type hook struct {
	*httptest.Server
	mu      sync.Mutex
	events  []event.Event
	got     chan struct{}
	down    bool // answer 503 to everything
	badSigs int
}

func newHook(t *testing.T) *hook {
	h := &hook{got: make(chan struct{}, 1<<16)}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.down {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		if !events.Verify(secret, r.Header, body, time.Minute) {
			h.badSigs++
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		evs, err := event.ParseRecords(body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		h.events = append(h.events, evs...)
		h.got <- struct{}{}
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hook) setDown(down bool) {
	h.mu.Lock()
	h.down = down
	h.mu.Unlock()
}

func (h *hook) snapshot() []event.Event {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]event.Event(nil), h.events...)
}

// waitFor waits until the hook holds at least n events.
func (h *hook) waitFor(t *testing.T, n int, within time.Duration) []event.Event {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		evs := h.snapshot()
		if len(evs) >= n {
			return evs
		}
		if time.Now().After(deadline) {
			t.Fatalf("webhook got %d events of %d within %v", len(evs), n, within)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func admin(t *testing.T, url, method, path string, body any) []byte {
	t.Helper()
	var b []byte
	switch v := body.(type) {
	case nil:
	case []byte:
		b = v
	case string:
		b = []byte(v)
	default:
		b, _ = json.Marshal(v)
	}
	out, err := testenv.Admin(ctx, url, method, path, b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// addWebhook registers a webhook target at url.
func addWebhook(t *testing.T, endpoint, name, url string, attempts int) {
	admin(t, endpoint, "PUT", "/_strata/api/v1/events/targets/"+name, map[string]any{
		"kind": "webhook", "url": url, "secret": secret, "max_attempts": attempts})
}

// notify sets a bucket's notification configuration.
func notify(t *testing.T, endpoint, bucket string, cfg *types.NotificationConfiguration) {
	t.Helper()
	c := testenv.S3Client(endpoint, testenv.AccessKey, testenv.SecretKey)
	if _, err := c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{
		Bucket: aws.String(bucket), NotificationConfiguration: cfg}); err != nil {
		t.Fatal(err)
	}
}

// webhookRule sends the events to a webhook target, filtered by prefix.
func webhookRule(target, prefix string, evs ...types.Event) *types.NotificationConfiguration {
	q := types.QueueConfiguration{QueueArn: aws.String("arn:strata:sqs::" + target + ":webhook"), Events: evs}
	if prefix != "" {
		q.Filter = &types.NotificationConfigurationFilter{Key: &types.S3KeyFilter{FilterRules: []types.FilterRule{
			{Name: types.FilterRuleNamePrefix, Value: aws.String(prefix)}}}}
	}
	return &types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{q}}
}

func mkBucket(t *testing.T, c *s3.Client, name string) {
	t.Helper()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
}

func put(t *testing.T, c *s3.Client, bucket, key string, body []byte) {
	t.Helper()
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body)}); err != nil {
		t.Fatal(err)
	}
}

var (
	buildMu sync.Mutex
	built   = map[string]string{}
)

// module builds an example function with GOOS=wasip1 GOARCH=wasm and
// returns the .wasm path.
func module(t testing.TB, name string) string {
	return build(t, "./examples/functions/"+name)
}

// build builds a function package (path from the repository root). The
// test then compiles and runs wasm, which is CPU-heavy: it holds the
// machine-wide lock clusters take, so it never starves another package's
// cluster.
func build(t testing.TB, pkg string) string {
	testenv.Heavy(t)
	name := pkg
	t.Helper()
	buildMu.Lock()
	defer buildMu.Unlock()
	if p, ok := built[name]; ok {
		return p
	}
	dir, err := os.MkdirTemp("", "strata-fn-")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, filepath.Base(name)+".wasm")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", out, pkg)
	cmd.Dir = repoRoot(t)
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build %s: %v\n%s", name, err, b)
	}
	built[name] = out
	return out
}

func repoRoot(t testing.TB) string {
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

// deploy deploys a function: the manifest (with edits) and its module.
func deploy(t *testing.T, endpoint string, manifest map[string]any, wasmPath string) {
	t.Helper()
	req := map[string]any{"manifest": manifest}
	if wasmPath != "" {
		b, err := os.ReadFile(wasmPath)
		if err != nil {
			t.Fatal(err)
		}
		req["module"] = b
	}
	admin(t, endpoint, "PUT", fmt.Sprintf("/_strata/api/v1/functions/%s", manifest["name"]), req)
}

// exampleManifest reads an example's manifest.
func exampleManifest(t *testing.T, name string) map[string]any {
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "examples", "functions", name, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func bytesReader(s string) *bytes.Reader { return bytes.NewReader([]byte(s)) }

func contextTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d)
}

func readFile(t testing.TB, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mkBucketB(t testing.TB, c *s3.Client, name string) {
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
}

func putB(t testing.TB, c *s3.Client, bucket, key string, body []byte) {
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body)}); err != nil {
		t.Fatal(err)
	}
}

func exampleManifestB(t testing.TB, name string) map[string]any {
	b := readFile(t, filepath.Join(repoRoot(t), "examples", "functions", name, "manifest.json"))
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}
