package cli

import (
	"context"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/fn"
	"github.com/strata-storage/strata/internal/fn/invoke"
	"github.com/strata-storage/strata/internal/fn/native"
	"github.com/strata-storage/strata/internal/fn/wasm"
	"github.com/strata-storage/strata/internal/strata"
)

func newFnRunCmd() *cobra.Command {
	var module, eventFile, bucket, key, dir string
	cmd := &cobra.Command{
		Use:   "run MANIFEST.json [--event FILE.json | --bucket B --key K]",
		Short: "Run a function locally, on files, with the runtime agents use",
		Long: `Run a function once on this machine, without a server, in the same runtime
and with the same limits as on an agent. Objects are files: key K of bucket B
is DIR/B/K (--dir, default "."), for reads and writes. The input is the S3
event of an ObjectCreated:Put of --bucket/--key, or the JSON of --event as
it is ("-" for stdin). Every bucket is reachable, but touching one the
manifest does not grant prints a warning: deployed, that access fails.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := loadManifest(args[0], "")
			if err != nil {
				return err
			}
			mod, err := loadModule(m, args[0], module)
			if err != nil {
				return err
			}
			inv, err := localInvocation(&m, dir, eventFile, bucket, key)
			if err != nil {
				return err
			}
			return runLocal(cmd, &m, mod, inv, dir)
		},
	}
	cmd.Flags().StringVar(&module, "module", "", "wasm module (default: the manifest's \"module\")")
	cmd.Flags().StringVar(&eventFile, "event", "", "payload file, used as is (- for stdin)")
	cmd.Flags().StringVar(&bucket, "bucket", "", "bucket of the object the event is about")
	cmd.Flags().StringVar(&key, "key", "", "key of the object the event is about (the file DIR/BUCKET/KEY)")
	cmd.Flags().StringVar(&dir, "dir", ".", "folder holding one subfolder per bucket")
	return cmd
}

// localInvocation builds the invocation: from --event, or an
// ObjectCreated:Put event for the file of --bucket/--key.
func localInvocation(m *fn.Manifest, dir, eventFile, bucket, key string) (invoke.Invocation, error) {
	inv := invoke.Invocation{ID: "local-" + randomID(), Function: m.Name, Env: m.Env,
		Limits: invoke.Limits{MemoryMiB: m.Limits.MemoryMiB, Timeout: time.Duration(m.Limits.Timeout),
			LogBytes: m.Limits.LogBytes, OutputMiB: m.Limits.OutputMiB}.WithDefaults()}
	switch {
	case eventFile != "" && (bucket != "" || key != ""):
		return inv, errors.New("give --event, or --bucket and --key, not both")
	case eventFile != "":
		var err error
		if eventFile == "-" {
			inv.Payload, err = io.ReadAll(os.Stdin)
		} else {
			inv.Payload, err = os.ReadFile(eventFile)
		}
		if err != nil {
			return inv, err
		}
		// The event sets the environment and a native command's {bucket}
		// and {key}; any other payload runs as an HTTP invoke would.
		if evs, err := event.ParseRecords(inv.Payload); err == nil && len(evs) > 0 {
			inv.Event = evs[0]
		} else {
			inv.Event = event.Event{ID: inv.ID, Name: "Invoke", Time: time.Now().UTC()}
			fmt.Fprintf(os.Stderr, "note: %s is not an S3 event document: passed as a plain payload\n", eventFile)
		}
		return inv, nil
	case bucket == "" || key == "":
		return inv, errors.New("give --bucket and --key of a file under --dir (DIR/BUCKET/KEY), or --event FILE.json")
	}
	path, err := objectPath(dir, bucket, key)
	if err != nil {
		return inv, err
	}
	f, err := os.Open(path)
	if err != nil {
		return inv, fmt.Errorf("object %s/%s: %w", bucket, key, err)
	}
	defer f.Close()
	h := md5.New()
	size, err := io.Copy(h, f)
	if err != nil {
		return inv, fmt.Errorf("object %s/%s: %w", bucket, key, err)
	}
	inv.Event = event.Event{ID: randomID(), Name: event.ObjectCreatedPut, Time: time.Now().UTC(), Bucket: bucket, Key: key,
		Seq: 1, Size: size, ETag: hex.EncodeToString(h.Sum(nil)), Type: mime.TypeByExtension(filepath.Ext(key)), Principal: "local"}
	inv.Payload = event.Records("local", inv.Event)
	return inv, nil
}

// runLocal runs inv in the manifest's runtime and prints the outcome.
func runLocal(cmd *cobra.Command, m *fn.Manifest, mod []byte, inv invoke.Invocation, dir string) error {
	ctx := cmd.Context()
	log := logger(cmd)
	var rt invoke.Runtime
	var code invoke.Code
	if m.Runtime == fn.RuntimeNative {
		self, err := os.Executable()
		if err != nil {
			return fmt.Errorf("native runtime: %w", err)
		}
		nrt, err := native.New(native.Options{SelfExe: self, Logger: log})
		if err != nil {
			return err
		}
		rt, code = nrt, invoke.Code{Native: m.Native}
	} else {
		wrt, err := wasm.New(ctx, wasm.Options{Logger: log})
		if err != nil {
			return err
		}
		defer wrt.Close(context.WithoutCancel(ctx))
		sum := sha256.Sum256(mod)
		rt, code = wrt, invoke.Code{Digest: hex.EncodeToString(sum[:]), Module: mod}
	}
	h := &localHost{dir: dir, m: m, trigger: inv.Event.Bucket, warned: map[string]bool{}}
	// The runtime enforces the time limit; this is a backstop, as on agents.
	rctx, cancel := context.WithTimeout(ctx, inv.Limits.Timeout+10*time.Second)
	defer cancel()
	res, runErr := rt.Run(rctx, code, inv, h)

	result := localResult(runErr)
	fmt.Printf("result    %s\n", result)
	dur := fmt.Sprintf("%.1f ms", float64(res.Duration.Microseconds())/1000)
	if m.Runtime != fn.RuntimeNative { // native code is never compiled
		dur += " (" + coldWarm(res.Cold) + ")"
	}
	fmt.Printf("duration  %s\n", dur)
	for _, w := range h.writes {
		fmt.Printf("wrote     %s\n", w)
	}
	if runErr != nil {
		fmt.Printf("error     %v\n", runErr)
	}
	printLogs(h.logs.String(), "")
	if runErr != nil {
		return fmt.Errorf("%s: %s", m.Name, result)
	}
	return nil
}

// localResult classifies a run as agents do in their records.
func localResult(err error) string {
	switch {
	case err == nil:
		return fn.ResultOK
	case errors.Is(err, invoke.ErrTimeLimit):
		return fn.ResultTimeout
	case errors.Is(err, invoke.ErrMemoryLimit):
		return fn.ResultMemory
	case errors.Is(err, invoke.ErrFailed):
		return fn.ResultFailed
	}
	return fn.ResultError
}

// objectPath maps bucket and key to DIR/BUCKET/KEY, refusing names that
// would leave the bucket's folder.
func objectPath(dir, bucket, key string) (string, error) {
	if bucket == "" || bucket == "." || bucket == ".." || strings.ContainsAny(bucket, `/\`) {
		return "", strata.Errorf("fn run", strata.Invalid, "bucket %q is not a bucket name", bucket)
	}
	base := filepath.Join(dir, bucket)
	p := filepath.Join(base, filepath.FromSlash(key))
	if rel, err := filepath.Rel(base, p); err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", strata.Errorf("fn run", strata.Permission, "key %q is not a file under %s", key, base)
	}
	return p, nil
}

// localHost is invoke.Host on files. It allows every bucket but warns
// once per bucket and access the manifest's grants would refuse.
type localHost struct {
	dir     string
	m       *fn.Manifest
	trigger string // the event's bucket: always readable

	mu     sync.Mutex
	warned map[string]bool
	writes []string
	logs   strings.Builder
}

// check applies the agents' grant rule and warns when it would refuse.
func (h *localHost) check(bucket string, write bool) {
	grants, verb, field := h.m.Grants.Read, "reads", "grants.read"
	if write {
		grants, verb, field = h.m.Grants.Write, "writes", "grants.write"
	}
	if (!write && bucket == h.trigger && bucket != "") || slices.Contains(grants, bucket) || slices.Contains(grants, "*") {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.warned[verb+bucket] {
		return
	}
	h.warned[verb+bucket] = true
	fmt.Fprintf(os.Stderr, "warning: %s %s bucket %q, which its manifest does not grant (%s): deployed, this fails\n",
		h.m.Name, verb, bucket, field)
}

func (h *localHost) ReadObject(_ context.Context, bucket, key string) (io.ReadCloser, error) {
	h.check(bucket, false)
	p, err := objectPath(h.dir, bucket, key)
	if err != nil {
		return nil, err
	}
	return os.Open(p)
}

func (h *localHost) WriteObject(_ context.Context, bucket, key string, body io.Reader, _ int64, _ string) error {
	h.check(bucket, true)
	p, err := objectPath(h.dir, bucket, key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	// Written aside and renamed, so a failed write leaves no partial object.
	f, err := os.CreateTemp(filepath.Dir(p), ".strata-fn-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	f.Chmod(0o644) // CreateTemp makes it private; objects are plain files
	n, err := io.Copy(f, body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		return err
	}
	h.mu.Lock()
	h.writes = append(h.writes, fmt.Sprintf("%s/%s (%d bytes)", bucket, key, n))
	h.mu.Unlock()
	return nil
}

func (h *localHost) Log(line string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.logs.WriteString(line)
	h.logs.WriteByte('\n')
}

func randomID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
