package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/hoststats"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/s3"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// Node is a running Strata node.
type Node struct {
	cfg     Config
	log     *slog.Logger
	engine  *metapebble.Engine
	vols    *volumeSet
	reg     *conscience.Local
	cpu     *hoststats.Sampler
	Objects *object.Service
	s3srv   *http.Server
	ln      net.Listener
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	host    string

	closeOnce sync.Once
	closeErr  error
}

// Run starts a node and serves until ctx is cancelled, then shuts down
// cleanly.
func Run(ctx context.Context, cfg Config) error {
	n, err := Start(ctx, cfg)
	if err != nil {
		return err
	}
	<-ctx.Done()
	n.log.Info("shutting down")
	return n.Close()
}

// Start opens the data folder, starts every role and returns once the S3
// endpoint accepts connections.
func Start(ctx context.Context, cfg Config) (_ *Node, err error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	n := &Node{cfg: cfg, log: cfg.Logger, vols: newVolumeSet()}
	n.host, _ = os.Hostname()
	if n.host == "" {
		n.host = "localhost"
	}
	defer func() {
		if err != nil {
			n.Close()
		}
	}()
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, strata.E("server.Start", strata.Internal, err)
	}
	n.engine, err = metapebble.Open(filepath.Join(cfg.DataDir, "meta"), metapebble.Options{Logger: n.log})
	if err != nil {
		return nil, err
	}
	if err := n.openVolumes(); err != nil {
		return nil, err
	}
	ccfg := conscience.DefaultConfig()
	ccfg.Formula, ccfg.Logger = cfg.Formula, n.log
	if n.reg, err = conscience.NewLocal(ccfg); err != nil {
		return nil, err
	}
	n.cpu = hoststats.NewSampler()
	bg, cancel := context.WithCancel(context.Background())
	n.cancel = cancel
	n.register(ctx)
	n.goLoop(func() { n.cpu.Run(bg) })
	n.goLoop(func() { n.reportLoop(bg) })

	dir, err := directory.New(n.engine, nil, n.log)
	if err != nil {
		return nil, err
	}
	ocfg := object.DefaultConfig()
	ocfg.DefaultPolicy, ocfg.OrphanGrace = cfg.DefaultPolicy, cfg.OrphanGrace
	if n.Objects, err = object.New(ocfg, dir, n.vols, n.reg, n.log); err != nil {
		return nil, err
	}
	n.goLoop(func() { n.gcLoop(bg) })
	return n, n.serveS3()
}

func (n *Node) openVolumes() error {
	dirs := n.cfg.Volumes
	if len(dirs) == 0 {
		dirs = []string{filepath.Join(n.cfg.DataDir, "volumes", "0")}
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return strata.E("server.openVolumes", strata.Internal, err)
		}
		id, err := volumeID(d)
		if err != nil {
			return strata.E("server.openVolumes", strata.Internal, err)
		}
		disk, err := blob.OpenDisk(d, blob.DiskOptions{Logger: n.log})
		if err != nil {
			return err
		}
		n.vols.add(id, disk)
		n.log.Info("volume opened", "id", id, "dir", d)
	}
	return nil
}

func (n *Node) serveS3() error {
	keys := NewKeyring(n.cfg.Users...)
	// Any region in the signature scope is accepted (the signature still
	// covers it): clients such as s3cmd sign with "US" by default.
	v := &auth.Verifier{Creds: keys}
	scfg := s3.DefaultConfig()
	scfg.Region, scfg.Domains, scfg.Credentials = n.cfg.Region, n.cfg.Domains, keys
	h, err := s3.NewHandler(scfg, n.Objects, v, n.log)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/_strata/", n.adminHandler(v))
	mux.Handle("/", h)
	n.ln, err = net.Listen("tcp", n.cfg.S3Addr)
	if err != nil {
		return strata.E("server.serveS3", strata.Unavailable, err)
	}
	n.s3srv = &http.Server{Handler: mux, ReadHeaderTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(n.log.Handler(), slog.LevelWarn)}
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		if err := n.s3srv.Serve(n.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			n.log.Error("s3 server stopped", "err", err)
		}
	}()
	n.log.Info("s3 endpoint ready", "addr", n.ln.Addr().String(), "volumes", n.vols.Volumes())
	return nil
}

// Addr is the S3 endpoint's address (useful with port 0).
func (n *Node) Addr() string { return n.ln.Addr().String() }

// URL is the S3 endpoint's base URL.
func (n *Node) URL() string { return "http://" + n.Addr() }

// Close stops serving, waits for in-flight requests and closes the
// stores. Calling it again is a no-op.
func (n *Node) Close() error {
	n.closeOnce.Do(func() { n.closeErr = n.close() })
	return n.closeErr
}

func (n *Node) close() error {
	if n.s3srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		n.s3srv.Shutdown(ctx)
		cancel()
	}
	if n.cancel != nil {
		n.cancel()
	}
	n.wg.Wait()
	var errs []error
	if n.engine != nil {
		errs = append(errs, n.engine.Close())
	}
	return errors.Join(errs...)
}

func (n *Node) goLoop(f func()) {
	n.wg.Add(1)
	go func() { defer n.wg.Done(); f() }()
}

// register reports every volume to the conscience once.
func (n *Node) register(ctx context.Context) {
	for id, u := range n.vols.usage(ctx) {
		st := strata.Stats{CPUIdle: n.cpu.Idle(), IOIdle: u.IOIdle, FreeBytes: u.FreeBytes, TotalBytes: u.TotalBytes}
		if u.TotalBytes > 0 {
			st.SpaceFree = 100 * float64(u.FreeBytes) / float64(u.TotalBytes)
		}
		svc := strata.Service{ID: id, Type: strata.ServiceBlob, Stats: st,
			Location: strata.Location(fmt.Sprintf("%s.%s.%s.%s", n.cfg.Site, n.cfg.Rack, n.host, id))}
		if err := n.reg.Register(ctx, svc); err != nil {
			n.log.Warn("register failed", "id", id, "err", err)
		}
	}
}

func (n *Node) reportLoop(ctx context.Context) {
	t := time.NewTicker(n.cfg.StatsInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			n.register(ctx)
		}
	}
}

func (n *Node) gcLoop(ctx context.Context) {
	t := time.NewTicker(n.cfg.GCInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if rep, err := n.Objects.CollectOrphans(ctx, n.cfg.OrphanGrace); err != nil {
				n.log.Warn("orphan collection failed", "err", err)
			} else {
				n.log.Info("orphan collection done", "report", rep)
			}
			if cnt, err := n.Objects.CleanUploads(ctx, time.Now().Add(-n.cfg.UploadExpiry)); err != nil {
				n.log.Warn("stale upload cleanup failed", "err", err)
			} else if cnt > 0 {
				n.log.Info("stale multipart uploads aborted", "count", cnt)
			}
		}
	}
}
