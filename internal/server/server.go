package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/strata-storage/strata/internal/audit"
	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/cluster"
	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/console"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/fn"
	"github.com/strata-storage/strata/internal/fsapi"
	"github.com/strata-storage/strata/internal/fsserver"
	"github.com/strata-storage/strata/internal/gcfloor"
	"github.com/strata-storage/strata/internal/hoststats"
	"github.com/strata-storage/strata/internal/httpexpect"
	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/iamapi"
	"github.com/strata-storage/strata/internal/meta"
	metaetcd "github.com/strata-storage/strata/internal/meta/etcd"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/qos"
	"github.com/strata-storage/strata/internal/quota"
	"github.com/strata-storage/strata/internal/replication"
	"github.com/strata-storage/strata/internal/s3"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/s3control"
	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/swift"
	"github.com/strata-storage/strata/internal/tlsutil"
)

// Node is a running Strata node.
type Node struct {
	cfg     Config
	log     *slog.Logger
	engine  meta.Engine
	member  *metaetcd.Member // this node's metadata member (cluster, meta role)
	etcd    *clientv3.Client // cluster only
	vols    *volumeSet
	reg     registry
	cpu     *hoststats.Sampler
	Objects *object.Service // nil without the gateway role
	s3srv   *http.Server
	blobSrv *http.Server
	ln      net.Listener
	console *console.Server // web console; nil when off
	files   fileProtocols   // NFS, SFTP, FTP, WebDAV servers that are on
	shares  *shares.Service // logins and bucket trees of the file protocols
	token   string          // node-to-node secret
	shards  *cluster.Shards
	local   *localShards // the embedded server's metadata stores beyond DATA/meta; nil: none
	cancel  context.CancelFunc
	wg      sync.WaitGroup

	grid      *grid             // events and functions (gateways)
	iam       *iam.Cache        // accounts, users, keys and policies (gateways)
	tls       *tlsutil.Set      // nil without TLS
	audit     audit.Tee         // nil: no audit log
	qos       *qos.Limiter      // request and bandwidth limits (gateways)
	s3Metrics *s3.Metrics       // S3 request rates, errors and latencies (gateways)
	fsMetrics *fsserver.Metrics // file API requests (gateways)
	quota     *quota.Manager    // bucket and account quotas (gateways)
	usage     *nodeUsage        // nil without the gateway role

	repl *replication.Service // bucket replication (gateways)

	closeOnce sync.Once
	closeErr  error
}

// registry is what a node needs from the conscience: the in-process one on
// the embedded default, the replicated one in a cluster.
type registry interface {
	conscience.Registry
	conscience.Placer
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

// Start opens the data folder, starts every role and returns once the
// node serves.
func Start(ctx context.Context, cfg Config) (_ *Node, err error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	n := &Node{cfg: cfg, log: cfg.Logger, vols: newVolumeSet(), token: clusterToken(cfg.Users[0].SecretKey)}
	if cfg.JSONRecords {
		// Never turned off here: other nodes in this process (tests)
		// started without it must not undo an upgrade's setting.
		object.WriteJSONRecords(true)
	}
	// The live heap is small (pebble's caches are outside it): without a
	// floor the collector ran many times a second under load.
	if ferr := gcfloor.Start(gcfloor.For(hoststats.Memory())); ferr != nil {
		n.log.Warn("heap floor", "err", ferr)
	}
	defer func() {
		if err != nil {
			n.Close()
		}
	}()
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, strata.E("server.Start", strata.Internal, err)
	}
	if err := n.loadTLS(); err != nil {
		return nil, err
	}
	ccfg := conscience.DefaultConfig()
	ccfg.Formula, ccfg.Logger = cfg.Formula, n.log
	if cfg.Clustered() {
		if err := n.startClusterMeta(ctx, ccfg); err != nil {
			return nil, err
		}
	} else {
		if err := n.openEmbeddedMeta(); err != nil {
			return nil, err
		}
		local, err := conscience.NewLocal(ccfg)
		if err != nil {
			return nil, err
		}
		n.reg = local
	}
	if cfg.HasRole(RoleBlob) {
		if err := n.openVolumes(); err != nil {
			return nil, err
		}
	}
	n.cpu = hoststats.NewSampler()
	bg, cancel := context.WithCancel(context.Background())
	n.cancel = cancel
	n.goLoop(func() { n.cpu.Run(bg) })
	n.goReloadTLS(bg)
	if cfg.Clustered() && cfg.HasRole(RoleBlob) {
		if err := n.serveBlobs(); err != nil {
			return nil, err
		}
	}
	if cfg.HasRole(RoleGateway) {
		dir, err := directory.New(n.engine, n.local.byID(n.engine), n.log)
		if err != nil {
			return nil, err
		}
		if n.local != nil {
			dir.UseShards(n.local)
		}
		if cfg.Clustered() {
			n.shards = cluster.NewShards(n.reg, n.engine, metaPrefix, n.log)
			n.shards.TLS = n.clientTLS()
			dir.UseShards(n.shards)
			n.goLoop(func() {
				cluster.FollowContainers(bg, n.etcd, metaPrefix+string(directory.ContainerKeyPrefix()), n.log, dir.Forget)
			})
		}
		if err := n.openIAM(ctx, bg); err != nil {
			return nil, err
		}
		if err := n.openQoS(ctx, bg); err != nil {
			return nil, err
		}
		ocfg := object.DefaultConfig()
		ocfg.DefaultPolicy, ocfg.OrphanGrace = cfg.DefaultPolicy, cfg.OrphanGrace
		ocfg.MinSites, ocfg.Site = cfg.MinSites, cfg.Site
		if n.Objects, err = object.New(ocfg, dir, n.vols, n.reg, n.log); err != nil {
			return nil, err
		}
		if err := n.startQuota(ctx, bg); err != nil {
			return nil, err
		}
		if err := n.startKMS(ctx); err != nil {
			return nil, err
		}
		n.goLoop(func() { n.every(bg, cfg.GCInterval, "gc", n.collect) })
		n.goLoop(func() { n.every(bg, time.Minute, "trim-changes", n.Objects.TrimChanges) })
		n.goLoop(func() { n.every(bg, time.Minute, "rdir-backfill", n.backfillIndex) })
		if cfg.ScrubInterval > 0 {
			n.goLoop(func() { n.every(bg, cfg.ScrubInterval, "scrub", n.scrub) })
		}
		if cfg.ImproveEvery > 0 {
			n.goLoop(func() { n.every(bg, cfg.ImproveEvery, "improve", n.improve) })
		}
		n.goLoop(func() { n.every(bg, cfg.lifecycleInterval(), "lifecycle", n.lifecycle) })
		n.startSplits(bg)
		n.startArchive(bg)
		if err := n.startUsage(ctx, bg, dir); err != nil {
			return nil, err
		}
		if err := n.startGrid(ctx, bg); err != nil {
			return nil, err
		}
		if err := n.serveS3(); err != nil {
			return nil, err
		}
	}
	n.register(ctx)
	n.goLoop(func() { n.reportLoop(bg) })
	return n, nil
}

func (n *Node) openVolumes() error {
	dirs := n.cfg.Volumes
	if len(dirs) == 0 {
		dirs = []string{filepath.Join(n.cfg.DataDir, "volumes", "0")}
	}
	for _, entry := range dirs {
		d, pool, err := ParseVolume(entry)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return strata.E("server.openVolumes", strata.Internal, err)
		}
		id, err := volumeID(d)
		if err != nil {
			return strata.E("server.openVolumes", strata.Internal, err)
		}
		disk, err := blob.OpenDisk(d, blob.DiskOptions{Logger: n.log, Capacity: n.cfg.VolumeCap})
		if err != nil {
			return err
		}
		n.vols.add(id, disk)
		n.vols.setPool(id, pool)
		n.log.Info("volume opened", "id", id, "dir", d, "pool", pool)
	}
	return nil
}

func (n *Node) serveS3() error {
	keys := credentials{n.iam}
	// Any region in the signature scope is accepted (the signature still
	// covers it): clients such as s3cmd sign with "US" by default.
	v := &auth.Verifier{Creds: keys}
	scfg := s3.DefaultConfig()
	scfg.Region, scfg.Domains, scfg.Credentials, scfg.IAM = n.cfg.Region, n.cfg.Domains, keys, n.iam
	scfg.QoS = n.qos
	n.s3Metrics = s3.NewMetrics()
	scfg.Metrics = n.s3Metrics
	n.fsMetrics = fsserver.NewMetrics()
	if err := n.openAudit(); err != nil {
		return err
	}
	scfg.Audit = n.auditSink()
	scfg.Usage = n.usageSink()
	scfg.Targets = n.grid.targets.Check(func(ctx context.Context, name string) bool {
		_, err := n.grid.registry.Get(ctx, name)
		return err == nil
	})
	if n.repl != nil {
		scfg.Replication = n.repl
	}
	h, err := s3.NewHandler(scfg, n.Objects, v, n.log)
	if err != nil {
		return err
	}
	// Not a ServeMux at the top: it would "clean" object keys such as
	// "a//b" with a redirect.
	ctl := &s3control.Handler{IAM: n.iam, V: v, Log: n.log}
	admin, files, agent, iamh := n.auditAdmin(n.adminHandler(v)), n.fsHandler(v), n.agentHandler(), n.iamHandler(v)
	sw := n.swiftHandler(h)
	mux := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httpexpect.Restore(r)
		switch {
		case iamapi.Is(r):
			iamh.ServeHTTP(w, r)
		case s3control.Is(r):
			ctl.ServeHTTP(w, r)
		case strings.HasPrefix(r.URL.Path, fsapi.Prefix):
			files.ServeHTTP(w, r)
		case strings.HasPrefix(r.URL.Path, fn.AgentPath):
			agent.ServeHTTP(w, r)
		case strings.HasPrefix(r.URL.Path, "/_strata/"):
			admin.ServeHTTP(w, r)
		case swift.Is(r) && !virtualHosted(r, n.cfg.Domains):
			sw.ServeHTTP(w, r)
		default:
			h.ServeHTTP(w, r)
		}
	})
	n.ln, err = n.listen(n.cfg.S3Addr, false)
	if err != nil {
		return strata.E("server.serveS3", strata.Unavailable, err)
	}
	// Requests with an Expect other than 100-continue are served, as AWS
	// does, not refused 417 by net/http.
	n.ln = httpexpect.Listen(n.ln)
	n.s3srv = &http.Server{Handler: mux, ReadHeaderTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute,
		ConnContext: httpexpect.ConnContext, ErrorLog: slog.NewLogLogger(n.log.Handler(), slog.LevelWarn)}
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		if err := n.s3srv.Serve(n.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			n.log.Error("s3 server stopped", "err", err)
		}
	}()
	n.log.Info("s3 endpoint ready", "addr", n.ln.Addr().String(), "volumes", n.vols.Volumes())
	n.startConsole(mux)
	if err := n.startFileProtocols(mux); err != nil {
		return err
	}
	return n.startWebsite(h)
}

// Addr is the S3 endpoint's address (useful with port 0); "" without the
// gateway role.
func (n *Node) Addr() string {
	if n.ln == nil {
		return ""
	}
	return n.ln.Addr().String()
}

// URL is the S3 endpoint's base URL.
func (n *Node) URL() string { return n.scheme() + "://" + n.Addr() }

// Close stops serving, waits for in-flight requests and closes the
// stores. Calling it again is a no-op.
func (n *Node) Close() error {
	n.closeOnce.Do(func() { n.closeErr = n.close() })
	return n.closeErr
}

func (n *Node) close() error {
	if n.console != nil {
		n.console.Close()
	}
	n.files.close()
	if n.s3srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		n.s3srv.Shutdown(ctx)
		cancel()
	}
	if n.blobSrv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		n.blobSrv.Shutdown(ctx)
		cancel()
	}
	if n.cancel != nil {
		n.cancel()
	}
	n.wg.Wait()
	errs := []error{n.closeAudit(), n.closeUsage()}
	n.grid.close()
	if n.iam != nil {
		n.iam.Close()
	}
	if n.shards != nil {
		errs = append(errs, n.shards.Close())
	}
	if c, ok := n.reg.(io.Closer); ok {
		errs = append(errs, c.Close())
	}
	if n.engine != nil {
		errs = append(errs, n.engine.Close())
	}
	errs = append(errs, n.local.close())
	if n.etcd != nil {
		errs = append(errs, n.etcd.Close())
	}
	if n.member != nil {
		errs = append(errs, n.member.Close())
	}
	return errors.Join(errs...)
}

func (n *Node) goLoop(f func()) {
	n.wg.Add(1)
	go func() { defer n.wg.Done(); f() }()
}

// register heartbeats this node's services to the conscience.
func (n *Node) register(ctx context.Context) {
	cpu := n.cpu.Idle()
	for id, u := range n.vols.usage(ctx) {
		st := strata.Stats{CPUIdle: cpu, IOIdle: u.IOIdle, FreeBytes: u.FreeBytes, TotalBytes: u.TotalBytes}
		if u.TotalBytes > 0 {
			st.SpaceFree = 100 * float64(u.FreeBytes) / float64(u.TotalBytes)
		}
		n.heartbeat(ctx, strata.Service{ID: id, Type: strata.ServiceBlob, Addr: n.cfg.BlobAdvertise, Stats: st, Tags: n.vols.tagsOf(id)}, id)
	}
	if g := n.grid; g != nil && g.agent != nil {
		// Free slots stand in for io and memory for space, so the default
		// formula scores agents by CPU, slots and memory; floors keep a
		// busy agent above 0 (0 means dead).
		running, free := g.agent.Load()
		st := strata.Stats{CPUIdle: max(cpu, 5), IOIdle: max(free, 5), SpaceFree: max(hoststats.MemAvailablePercent(), 5),
			Extra: map[string]float64{"running": float64(running), "slots": float64(g.agent.Slots)}}
		n.heartbeat(ctx, strata.Service{ID: g.agent.ID, Type: strata.ServiceAgent, Addr: n.Addr(), Stats: st}, "agent")
	}
	if !n.cfg.Clustered() {
		return
	}
	// Gateways and metadata members are listed too (strata cluster list)
	// and scored by CPU, so clients and shards can be chosen by load.
	st := strata.Stats{CPUIdle: cpu, IOIdle: 100, SpaceFree: 100}
	if n.cfg.HasRole(RoleGateway) && n.ln != nil {
		n.heartbeat(ctx, strata.Service{ID: "gw-" + n.cfg.Name, Type: strata.ServiceGateway, Addr: n.Addr(), Stats: st}, "s3")
	}
	if n.member != nil {
		n.heartbeat(ctx, strata.Service{ID: "meta-" + n.cfg.Name, Type: strata.ServiceMeta, Addr: n.cfg.MetaClientURL,
			Stats: st, Tags: map[string]string{"shard": n.shard(), "leader": fmt.Sprint(n.member.IsLeader())}}, "meta")
	}
}

func (n *Node) shard() string {
	if n.cfg.rootShard() {
		return cluster.RootShard
	}
	return n.cfg.Shard
}

func (n *Node) heartbeat(ctx context.Context, svc strata.Service, part string) {
	svc.Location = strata.Location(fmt.Sprintf("%s.%s.%s.%s", n.cfg.Site, n.cfg.Rack, n.cfg.Host, part))
	if svc.Tags == nil {
		svc.Tags = n.cfg.Tags
	} else {
		for k, v := range n.cfg.Tags {
			svc.Tags[k] = v
		}
	}
	if err := n.reg.Register(ctx, svc); err != nil {
		n.log.Warn("register failed", "id", svc.ID, "err", err)
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
			// A round never outlives the next: without quorum a
			// heartbeat fails fast instead of piling up.
			rctx, cancel := context.WithTimeout(ctx, n.cfg.StatsInterval+2*time.Second)
			n.register(rctx)
			cancel()
			n.vols.refreshRemotes(ctx)
		}
	}
}

// Conscience is the node's view of the conscience: registrations, scores
// and locks.
func (n *Node) Conscience() conscience.Registry { return n.reg }
