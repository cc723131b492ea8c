package testenv

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/strata"
)

// ClusterOptions shape an in-process cluster.
type ClusterOptions struct {
	Nodes  int    // default 4
	Meta   int    // nodes running a metadata member (default min(3, Nodes))
	Policy string // default storage policy
	// Edit, if set, changes node i's config before it starts.
	Edit func(i int, cfg *server.Config)
}

// Cluster is a multi-node cluster whose nodes run in this process, each
// with its own metadata member, blob server and S3 endpoint on loopback.
type Cluster struct {
	t     testing.TB
	mu    sync.Mutex
	Nodes []*server.Node // nil while a node is stopped
	Cfgs  []server.Config
}

// StartCluster starts an in-process cluster, stopped by t.Cleanup.
func StartCluster(t testing.TB, opts ClusterOptions) *Cluster {
	t.Helper()
	Heavy(t)
	if opts.Nodes == 0 {
		opts.Nodes = 4
	}
	if opts.Meta == 0 {
		opts.Meta = min(3, opts.Nodes)
	}
	c := &Cluster{t: t, Nodes: make([]*server.Node, opts.Nodes), Cfgs: make([]server.Config, opts.Nodes)}
	var peers, eps []string
	busAddr := FreeAddr(t)
	peerURLs := make([]string, opts.Meta)
	for i := 0; i < opts.Meta; i++ {
		peerURLs[i] = "http://" + FreeAddr(t)
		peers = append(peers, fmt.Sprintf("node%d=%s", i+1, peerURLs[i]))
		eps = append(eps, "http://"+FreeAddr(t))
	}
	for i := range c.Cfgs {
		cfg := NodeConfig(t, Options{Policy: opts.Policy})
		cfg.Name = fmt.Sprintf("node%d", i+1)
		cfg.Host = cfg.Name
		cfg.MetaPeers, cfg.MetaEndpoints = strings.Join(peers, ","), eps
		cfg.BlobAddr = FreeAddr(t)
		if i < opts.Meta {
			cfg.MetaClientURL = eps[i]
		} else {
			cfg.Roles = []string{server.RoleBlob, server.RoleGateway, server.RoleAgent}
		}
		if i == 0 {
			cfg.BusListen = busAddr
		} else {
			cfg.BusURL = "nats://" + busAddr
		}
		if opts.Edit != nil {
			opts.Edit(i, &cfg)
		}
		c.Cfgs[i] = cfg
	}
	// Members wait for each other's quorum: start them together.
	var wg sync.WaitGroup
	errs := make([]error, opts.Nodes)
	for i := range c.Cfgs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = c.start(i) }()
	}
	wg.Wait()
	t.Cleanup(c.StopAll)
	for i, err := range errs {
		if err != nil {
			t.Fatalf("start node%d: %v", i+1, err)
		}
	}
	c.WaitReady(t)
	return c
}

// WaitReady waits until every running node's conscience scores every
// running node's volumes: before that, writes see a partial cluster
// (and are queued for the improver).
func (c *Cluster) WaitReady(t testing.TB) {
	t.Helper()
	want := 0
	for i := range c.Nodes {
		if c.Node(i) != nil && c.Cfgs[i].HasRole(server.RoleBlob) {
			want += max(1, len(c.Cfgs[i].Volumes))
		}
	}
	deadline := time.Now().Add(30 * time.Second)
	for i := range c.Nodes {
		n := c.Node(i)
		for n != nil {
			svcs, _ := n.Conscience().Services(context.Background(), strata.ServiceBlob)
			live := 0
			for _, s := range svcs {
				if s.Score > 0 || s.Locked {
					live++
				}
			}
			if live >= want {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("node%d sees %d of %d volumes", i+1, live, want)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

func (c *Cluster) start(i int) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	n, err := server.Start(ctx, c.Cfgs[i])
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.Nodes[i] = n
	c.mu.Unlock()
	return nil
}

// AddNode starts one more node (blob and gateway, like the nodes past
// Meta) after edit, and returns its index.
func (c *Cluster) AddNode(t testing.TB, edit func(cfg *server.Config)) int {
	t.Helper()
	base := c.Cfgs[0]
	i := len(c.Cfgs)
	cfg := NodeConfig(t, Options{Policy: base.DefaultPolicy})
	cfg.Name = fmt.Sprintf("node%d", i+1)
	cfg.Host = cfg.Name
	cfg.MetaEndpoints = base.MetaEndpoints
	cfg.BlobAddr = FreeAddr(t)
	cfg.Roles = []string{server.RoleBlob, server.RoleGateway, server.RoleAgent}
	cfg.BusURL = base.BusURL
	if cfg.BusURL == "" {
		cfg.BusURL = "nats://" + base.BusListen
	}
	if edit != nil {
		edit(&cfg)
	}
	c.mu.Lock()
	c.Cfgs = append(c.Cfgs, cfg)
	c.Nodes = append(c.Nodes, nil)
	c.mu.Unlock()
	if err := c.start(i); err != nil {
		t.Fatalf("add node%d: %v", i+1, err)
	}
	return i
}

// Stop closes node i (a clean shutdown: its services deregister at once).
func (c *Cluster) Stop(i int) {
	c.mu.Lock()
	n := c.Nodes[i]
	c.Nodes[i] = nil
	c.mu.Unlock()
	if n != nil {
		n.Close()
	}
}

// StopAll stops every node at once, as a power cut of the whole cluster
// would (but cleanly).
func (c *Cluster) StopAll() {
	var wg sync.WaitGroup
	for i := range c.Nodes {
		wg.Add(1)
		go func() { defer wg.Done(); c.Stop(i) }()
	}
	wg.Wait()
}

// Restart starts node i again on its folders.
func (c *Cluster) Restart(i int) {
	c.t.Helper()
	if err := c.start(i); err != nil {
		c.t.Fatalf("restart node%d: %v", i+1, err)
	}
}

// Node returns node i, or nil while stopped.
func (c *Cluster) Node(i int) *server.Node {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Nodes[i]
}

// S3 returns an S3 client on node i's gateway.
func (c *Cluster) S3(i int) *s3.Client {
	return S3Client(c.Node(i).URL(), AccessKey, SecretKey)
}

// FreePortBlock returns a base port p such that p..p+width-1 are free on
// every given loopback address.
func FreePortBlock(t testing.TB, ips []string, width int) int {
	t.Helper()
	for attempt := 0; attempt < 200; attempt++ {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		base := ln.Addr().(*net.TCPAddr).Port
		ln.Close()
		if base+width > 65535 {
			continue
		}
		if portsFree(ips, base, width) {
			return base
		}
	}
	t.Fatal("no free port block")
	return 0
}

func portsFree(ips []string, base, width int) bool {
	var held []net.Listener
	defer func() {
		for _, l := range held {
			l.Close()
		}
	}()
	for _, ip := range ips {
		for p := base; p < base+width; p++ {
			l, err := net.Listen("tcp", net.JoinHostPort(ip, fmt.Sprint(p)))
			if err != nil {
				return false
			}
			held = append(held, l)
		}
	}
	return true
}

// VolumeDirs lists node i's volume folders.
func (c *Cluster) VolumeDirs(i int) []string {
	if len(c.Cfgs[i].Volumes) > 0 {
		dirs := make([]string, len(c.Cfgs[i].Volumes))
		for j, v := range c.Cfgs[i].Volumes {
			dirs[j] = server.VolumeDir(v) // without a :pool=NAME suffix
		}
		return dirs
	}
	return []string{filepath.Join(c.Cfgs[i].DataDir, "volumes", "0")}
}
