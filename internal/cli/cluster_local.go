package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/cluster"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/tlsutil"
)

// localPlan is what `cluster local` starts.
type localPlan struct {
	nodes, meta, volumes, racks, sites, basePort int
	minSites                                     int // --min-sites of every node
	policy, dir, logLevel, ipBase                string
	nodeTags                                     []string // NAME:KEY=VALUE
	volumePools                                  []string // volume i of each node is in pool i mod len
	tls                                          bool     // TLS everywhere, certificates under DIR/tls
	lifecycleDay                                 string   // passed to every node's --lifecycle-day
}

func newClusterLocalCmd() *cobra.Command {
	p := localPlan{}
	cmd := &cobra.Command{
		Use:   "local",
		Short: "Run a real cluster of node processes on 127.0.0.x loopback addresses",
		Long: `Run a cluster on this machine: --nodes OS processes, node i listening on
--ip-base + i-1, 127.0.0.(10+i) by default (S3 on --base-port, blob server on +1, metadata member client
and peer ports on +2 and +3; the event bus on +4 and its routes on +5). The
first three metadata nodes run the embedded event bus as one NATS cluster
with replicated streams; every node's gateway uses it. The first --meta nodes (default 3) run the
replicated metadata engine. DIR/cluster.json lists every node's name, pid,
S3 endpoint, data folder, log and the arguments that start it; root
credentials are in DIR/credentials.json. Stays in the foreground until
interrupted, then stops every node.

Kill a node with kill -9 PID; start it again with
  strata cluster node --dir DIR NAME`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runLocalCluster(cmd.Context(), p, logger(cmd))
		},
	}
	f := cmd.Flags()
	f.IntVar(&p.nodes, "nodes", 4, "number of nodes")
	f.IntVar(&p.meta, "meta", 3, "how many nodes run a metadata member (odd: 1, 3, 5)")
	f.IntVar(&p.volumes, "volumes", 1, "volumes per node")
	f.IntVar(&p.minSites, "min-sites", 0, "acknowledge writes only once they are on this many sites (every node's --min-sites)")
	f.IntVar(&p.racks, "racks", 1, "racks per site; nodes are spread round-robin")
	f.IntVar(&p.sites, "sites", 1, "sites; nodes are spread round-robin")
	f.IntVar(&p.basePort, "base-port", 9000, "S3 port of every node; the blob, metadata client and peer ports follow")
	f.StringVar(&p.ipBase, "ip-base", "127.0.0.11", "loopback address of node1; node i gets it plus i-1 (run two clusters side by side, e.g. --ip-base 127.0.1.11)")
	f.StringVar(&p.policy, "policy", "", "default storage policy (default: from the number of volumes)")
	f.StringVar(&p.dir, "dir", "", "cluster folder (required)")
	f.StringVar(&p.logLevel, "node-log-level", "info", "log level of the nodes")
	f.StringSliceVar(&p.volumePools, "volume-pools", nil, "pools of the volumes, e.g. ssd,hdd,archive: volume i of each node is in pool i mod the count (see strata class)")
	f.StringArrayVar(&p.nodeTags, "node-tag", nil, "tag on one node's services, NAME:KEY=VALUE (repeatable), e.g. node3:gpu=1")
	f.BoolVar(&p.tls, "tls", false, "run every listener on TLS (mutual between nodes): a CA and node certificates are made under DIR/tls; CLI commands with --data DIR trust it")
	f.StringVar(&p.lifecycleDay, "lifecycle-day", "", "every node's --lifecycle-day (one lifecycle day lasts this long, e.g. 10s)")
	cmd.MarkFlagRequired("dir")
	return cmd
}

func (p localPlan) validate() error {
	if p.nodes < 1 || p.nodes > 200 {
		return fmt.Errorf("--nodes %d: want 1..200", p.nodes)
	}
	if p.meta < 1 || p.meta > p.nodes {
		return fmt.Errorf("--meta %d: want 1..--nodes", p.meta)
	}
	if p.sites < 1 || p.racks < 1 || p.volumes < 1 {
		return fmt.Errorf("--sites, --racks and --volumes must be at least 1")
	}
	for _, nt := range p.nodeTags {
		if _, tag, ok := strings.Cut(nt, ":"); !ok || !strings.Contains(tag, "=") {
			return fmt.Errorf("--node-tag %q: want NAME:KEY=VALUE", nt)
		}
	}
	if ip := net.ParseIP(p.ipBase).To4(); ip == nil || !ip.IsLoopback() || int(ip[3])+p.nodes > 255 {
		return fmt.Errorf("--ip-base %q: want a 127.x.y.z address with room for --nodes after it", p.ipBase)
	}
	if p.basePort < 1 || p.basePort > 65530 {
		return fmt.Errorf("--base-port %d out of range", p.basePort)
	}
	return p.validatePools()
}

// plan lays out the nodes.
func (p localPlan) plan() cluster.LocalFile {
	f := cluster.LocalFile{Credentials: filepath.Join(p.dir, "credentials.json")}
	ip := p.ip
	scheme := p.scheme()
	var peers, eps []string
	for i := 0; i < p.meta; i++ {
		peers = append(peers, fmt.Sprintf("node%d=%s://%s:%d", i+1, scheme, ip(i), p.basePort+3))
		eps = append(eps, fmt.Sprintf("%s://%s:%d", scheme, ip(i), p.basePort+2))
	}
	if p.tls {
		f.CA = filepath.Join(p.tlsDir(), tlsutil.CAFile)
	}
	for i := 0; i < p.nodes; i++ {
		name := fmt.Sprintf("node%d", i+1)
		data := filepath.Join(p.dir, name)
		n := cluster.LocalNode{Name: name, Data: data, Log: filepath.Join(data, "strata.log"),
			S3: fmt.Sprintf("%s://%s:%d", scheme, ip(i), p.basePort), Blob: fmt.Sprintf("%s:%d", ip(i), p.basePort+1)}
		n.Args = []string{"server", "--name", name, "--host", name, "--data", data,
			"--site", fmt.Sprintf("site%d", i%p.sites+1), "--rack", fmt.Sprintf("rack%d", (i/p.sites)%p.racks+1),
			"--s3-addr", fmt.Sprintf("%s:%d", ip(i), p.basePort), "--blob-addr", n.Blob,
			"--meta-peers", strings.Join(peers, ","), "--meta-endpoints", strings.Join(eps, ","),
			"--log-level", p.logLevel}
		if i < p.meta {
			n.Meta = eps[i]
			n.Args = append(n.Args, "--meta-client-url", n.Meta)
		} else {
			n.Args = append(n.Args, "--roles", "blob,gateway,agent")
		}
		n.Args = append(n.Args, p.busArgs(i, ip)...)
		n.Args = append(n.Args, p.tlsArgs(name)...)
		if p.lifecycleDay != "" {
			n.Args = append(n.Args, "--lifecycle-day", p.lifecycleDay)
		}
		for _, nt := range p.nodeTags {
			if node, tag, ok := strings.Cut(nt, ":"); ok && node == name {
				n.Args = append(n.Args, "--tag", tag)
			}
		}
		for v := 0; v < p.volumes; v++ {
			vol := filepath.Join(data, "volumes", fmt.Sprint(v))
			n.Volumes = append(n.Volumes, vol)
			n.Args = append(n.Args, "--volume", p.volumeArg(vol, v))
		}
		if p.policy != "" {
			n.Args = append(n.Args, "--policy", p.policy)
		}
		if p.minSites > 0 {
			n.Args = append(n.Args, "--min-sites", fmt.Sprint(p.minSites))
		}
		f.Nodes = append(f.Nodes, n)
	}
	return f
}

func runLocalCluster(ctx context.Context, p localPlan, log *slog.Logger) error {
	if err := p.validate(); err != nil {
		return err
	}
	dir, err := filepath.Abs(p.dir)
	if err != nil {
		return err
	}
	p.dir = dir
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root, _, err := server.RootCredentials(dir, os.Getenv("STRATA_ACCESS_KEY"), os.Getenv("STRATA_SECRET_KEY"))
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	f := p.plan()
	if err := p.makeCerts(len(f.Nodes)); err != nil {
		return err
	}
	if old, err := cluster.ReadLocalFile(dir); err == nil && len(old.Nodes) > len(f.Nodes) {
		return fmt.Errorf("%s already holds a cluster of %d nodes; use --nodes %d or another --dir", dir, len(old.Nodes), len(old.Nodes))
	}
	env := append(os.Environ(), "STRATA_ACCESS_KEY="+root.AccessKey, "STRATA_SECRET_KEY="+root.SecretKey)
	var (
		mu    sync.Mutex
		procs = make([]*exec.Cmd, len(f.Nodes))
		exits = make(chan int, len(f.Nodes))
	)
	stopAll := func() {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range procs {
			if c != nil && c.Process != nil {
				c.Process.Signal(syscall.SIGTERM)
			}
		}
	}
	for i := range f.Nodes {
		c, err := startNode(self, f.Nodes[i], env)
		if err != nil {
			stopAll()
			return err
		}
		procs[i], f.Nodes[i].PID = c, c.Process.Pid
		go func() { c.Wait(); exits <- i }()
	}
	if err := cluster.WriteLocalFile(dir, f); err != nil {
		stopAll()
		return err
	}
	if err := waitHealthy(ctx, f, 2*time.Minute); err != nil {
		stopAll()
		return err
	}
	if err := waitVolumes(ctx, f, root, p.nodes*p.volumes, time.Minute); err != nil {
		stopAll()
		return err
	}
	f.Ready = true
	if err := cluster.WriteLocalFile(dir, f); err != nil {
		stopAll()
		return err
	}
	fmt.Printf("Strata local cluster: %d nodes, %d metadata members, in %s\n", len(f.Nodes), p.meta, dir)
	for _, n := range f.Nodes {
		fmt.Printf("  %-7s pid %-7d s3 %-26s data %s\n", n.Name, n.PID, n.S3, n.Data)
	}
	fmt.Printf("Credentials: %s\n  export STRATA_ENDPOINT=%s STRATA_ACCESS_KEY=%s STRATA_SECRET_KEY=<in the file>\n",
		f.Credentials, f.Nodes[0].S3, root.AccessKey)
	if f.CA != "" {
		fmt.Printf("TLS: every listener; CA %s\n  export STRATA_CA_BUNDLE=%s AWS_CA_BUNDLE=%s\n", f.CA, f.CA, f.CA)
	}
	fmt.Printf("Interrupt to stop.\n")
	running := len(f.Nodes)
	for running > 0 {
		select {
		case i := <-exits:
			running--
			log.Warn("node exited", "node", f.Nodes[i].Name, "pid", f.Nodes[i].PID, "log", f.Nodes[i].Log)
		case <-ctx.Done():
			log.Info("stopping the cluster")
			stopAll()
			deadline := time.After(20 * time.Second)
			for running > 0 {
				select {
				case <-exits:
					running--
				case <-deadline:
					for _, c := range procs {
						c.Process.Kill()
					}
					return nil
				}
			}
			return nil
		}
	}
	// Every node this command started has exited (killed one by one, or
	// restarted elsewhere with `strata cluster node`): keep waiting for
	// the interrupt so that the cluster's lifetime stays the operator's.
	<-ctx.Done()
	return nil
}

func startNode(self string, n cluster.LocalNode, env []string) (*exec.Cmd, error) {
	if err := os.MkdirAll(n.Data, 0o755); err != nil {
		return nil, err
	}
	logf, err := os.OpenFile(n.Log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	c := exec.Command(self, n.Args...)
	c.Env, c.Stdout, c.Stderr = env, logf, logf
	// Own process group: a terminal's Ctrl-C reaches only the
	// supervisor, which then stops the nodes in order.
	c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := c.Start(); err != nil {
		logf.Close()
		return nil, err
	}
	logf.Close()
	return c, nil
}

// waitHealthy waits until every gateway answers its health check.
func waitHealthy(ctx context.Context, f cluster.LocalFile, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for _, n := range f.Nodes {
		for {
			resp, err := http.Get(n.S3 + "/_strata/health")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					break
				}
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("node %s did not become healthy within %v (see %s)", n.Name, limit, n.Log)
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(200 * time.Millisecond):
			}
		}
	}
	return nil
}

// waitVolumes waits until every gateway scores all the volumes: the
// cluster is ready when a write anywhere can use every node.
func waitVolumes(ctx context.Context, f cluster.LocalFile, root server.User, want int, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for _, n := range f.Nodes {
		for {
			var buf bytes.Buffer
			live := 0
			if err := signedCall(ctx, root, n.S3, "us-east-1", "GET", apiPath("/cluster/services"), &buf); err == nil {
				var svcs []strata.Service
				json.Unmarshal(buf.Bytes(), &svcs)
				for _, s := range svcs {
					if s.Type == strata.ServiceBlob && (s.Score > 0 || s.Locked) {
						live++
					}
				}
			}
			if live >= want {
				break
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("node %s sees %d of %d volumes after %v (see %s)", n.Name, live, want, limit, n.Log)
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
	return nil
}

func newClusterNodeCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "node NAME",
		Short: "Run one node of a local cluster in the foreground (to restart a killed node)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := cluster.ReadLocalFile(dir)
			if err != nil {
				return err
			}
			n, i, ok := f.Node(args[0])
			if !ok {
				return fmt.Errorf("no node %q in %s", args[0], filepath.Join(dir, cluster.LocalFileName))
			}
			root, _, err := server.RootCredentials(filepath.Dir(f.Credentials), "", "")
			if err != nil {
				return err
			}
			self, err := os.Executable()
			if err != nil {
				return err
			}
			c := exec.CommandContext(cmd.Context(), self, n.Args...)
			c.Env = append(os.Environ(), "STRATA_ACCESS_KEY="+root.AccessKey, "STRATA_SECRET_KEY="+root.SecretKey)
			c.Stdout, c.Stderr = os.Stdout, os.Stderr
			c.Cancel = func() error { return c.Process.Signal(syscall.SIGTERM) }
			c.WaitDelay = 20 * time.Second
			if err := c.Start(); err != nil {
				return err
			}
			f.Nodes[i].PID = c.Process.Pid
			if err := cluster.WriteLocalFile(dir, f); err != nil {
				return err
			}
			return c.Wait()
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "cluster folder of `strata cluster local` (required)")
	cmd.MarkFlagRequired("dir")
	return cmd
}

// busArgs gives node i its event bus flags: the first three metadata
// nodes (or fewer) each run a server of one NATS cluster, the others
// connect to all of them.
func (p localPlan) busArgs(i int, ip func(int) string) []string {
	servers := min(p.meta, 3)
	if i >= servers {
		var urls []string
		for j := range servers {
			urls = append(urls, fmt.Sprintf("%s://%s:%d", p.busScheme(), ip(j), p.basePort+4))
		}
		return []string{"--bus-url", strings.Join(urls, ",")}
	}
	args := []string{"--bus-listen", fmt.Sprintf("%s:%d", ip(i), p.basePort+4)}
	if servers > 1 {
		var routes []string
		for j := range servers {
			if j != i {
				routes = append(routes, fmt.Sprintf("%s:%d", ip(j), p.basePort+5))
			}
		}
		args = append(args, "--bus-cluster-listen", fmt.Sprintf("%s:%d", ip(i), p.basePort+5), "--bus-routes", strings.Join(routes, ","))
	}
	return args
}
