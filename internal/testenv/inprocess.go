package testenv

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/strata-storage/strata/internal/server"
)

// Test credentials of the root user and of a second ("alt") account.
const (
	AccessKey    = "STRATATESTACCESSKEY1"
	SecretKey    = "strataTestSecretKey1strataTestSecretKey1"
	AltAccessKey = "STRATATESTACCESSKEY2"
	AltSecretKey = "strataTestSecretKey2strataTestSecretKey2"
)

// Options shape a test node.
type Options struct {
	Volumes int    // number of chunk volumes (default 1)
	Policy  string // default storage policy ("" = from the volume count)
	Dir     string // data folder (default t.TempDir())
	Domains []string
	// Edit, if set, changes the server config before start.
	Edit func(*server.Config)
}

// Server is an in-process node.
type Server struct {
	*server.Node
	Dir     string   // data folder
	Volumes []string // volume folders
	cfg     server.Config
}

// Config returns the config the node was started with.
func (s *Server) Config() server.Config { return s.cfg }

// Start runs a node in this process on 127.0.0.1:0 with the test
// credentials, stopped by t.Cleanup.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	cfg := NodeConfig(t, opts)
	n, err := server.Start(context.Background(), cfg)
	if err != nil {
		t.Fatalf("start server: %v", err)
	}
	t.Cleanup(func() { n.Close() })
	vols := make([]string, len(cfg.Volumes))
	for i, v := range cfg.Volumes {
		vols[i] = server.VolumeDir(v) // without a :pool=NAME suffix
	}
	return &Server{Node: n, Dir: cfg.DataDir, Volumes: vols, cfg: cfg}
}

// NodeConfig builds the config Start uses, so a test can restart a node on
// the same folder with server.Start(ctx, cfg).
func NodeConfig(t testing.TB, opts Options) server.Config {
	dir := opts.Dir
	if dir == "" {
		dir = t.TempDir()
	}
	cfg := server.DefaultConfig()
	cfg.DataDir = dir
	cfg.S3Addr = "127.0.0.1:0"
	cfg.DefaultPolicy = opts.Policy
	cfg.Domains = opts.Domains
	n := opts.Volumes
	if n == 0 {
		n = 1
	}
	for i := 0; i < n; i++ {
		cfg.Volumes = append(cfg.Volumes, filepath.Join(dir, "volumes", fmt.Sprint(i)))
	}
	cfg.Users = []server.User{
		{Account: server.RootAccount, AccessKey: AccessKey, SecretKey: SecretKey},
		{Account: "alt", AccessKey: AltAccessKey, SecretKey: AltSecretKey},
	}
	cfg.Logger = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if opts.Edit != nil {
		opts.Edit(&cfg)
	}
	return cfg
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(p))
	return len(p), nil
}

// RequireTool returns the path of an external program. When it is
// missing the test is skipped, except under CI (CI=true), where a missing
// tool is a failure: CI installs every tool the tests use.
func RequireTool(t testing.TB, name string, candidates ...string) string {
	t.Helper()
	for _, c := range append(candidates, name) {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("required tool %s is not installed (CI must install it)", name)
	}
	t.Skipf("tool %s is not installed", name)
	return ""
}
