package eventstest

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	natsserver "github.com/nats-io/nats-server/v2/server"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// startNATSCluster runs a 3-server NATS cluster with JetStream, the
// "external NATS cluster" a scaled-out Strata uses, and returns the
// servers and their client URLs.
func startNATSCluster(t *testing.T) ([]*natsserver.Server, string) {
	const n = 3
	cports, rports := make([]int, n), make([]int, n)
	for i := range n {
		cports[i], rports[i] = freePort(t), freePort(t)
	}
	var srvs []*natsserver.Server
	var urls []string
	for i := range n {
		var routes []*url.URL
		for j := range n {
			if j != i {
				routes = append(routes, &url.URL{Scheme: "nats", Host: "127.0.0.1:" + strconv.Itoa(rports[j])})
			}
		}
		opts := &natsserver.Options{ServerName: fmt.Sprintf("nats%d", i+1), Host: "127.0.0.1", Port: cports[i],
			NoSigs: true, NoLog: true, JetStream: true, StoreDir: t.TempDir(), SyncAlways: true,
			Cluster: natsserver.ClusterOpts{Name: "strata-bus", Host: "127.0.0.1", Port: rports[i]}, Routes: routes}
		s, err := natsserver.NewServer(opts)
		if err != nil {
			t.Fatal(err)
		}
		go s.Start()
		srvs = append(srvs, s)
		urls = append(urls, fmt.Sprintf("nats://127.0.0.1:%d", cports[i]))
	}
	for _, s := range srvs {
		if !s.ReadyForConnections(20 * time.Second) {
			t.Fatal("NATS cluster did not start")
		}
		t.Cleanup(s.Shutdown)
	}
	return srvs, strings.Join(urls, ",")
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestExternalNATSCluster: gateways of a Strata cluster share an external
// 3-server NATS cluster (streams replicated 3 times); one NATS server
// dies mid-stream and no event is lost.
func TestExternalNATSCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a NATS cluster and a Strata cluster")
	}
	nats, urls := startNATSCluster(t)
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 3, Edit: func(i int, cfg *server.Config) {
		cfg.BusListen, cfg.BusURL, cfg.BusReplicas = "", urls, 3
	}})
	h := newHook(t)
	gw := c.Nodes[0].URL()
	addWebhook(t, gw, "hook", h.URL, 0)
	s3a, s3b := testenv.S3Client(c.Nodes[1].URL(), testenv.AccessKey, testenv.SecretKey), testenv.S3Client(c.Nodes[2].URL(), testenv.AccessKey, testenv.SecretKey)
	mkBucket(t, s3a, "ext")
	notify(t, gw, "ext", webhookRule("hook", "", "s3:ObjectCreated:*"))
	for i := range 100 {
		put(t, []*s3.Client{s3a, s3b}[i%2], "ext", fmt.Sprintf("a%03d", i), []byte("x"))
	}
	h.waitFor(t, 100, 30*time.Second)
	nats[1].Shutdown()
	t.Log("NATS server 2 of 3 stopped")
	for i := range 100 {
		put(t, s3b, "ext", fmt.Sprintf("b%03d", i), []byte("x"))
	}
	evs := h.waitFor(t, 200, 60*time.Second)
	keys := map[string]bool{}
	for _, ev := range evs {
		keys[ev.Key] = true
	}
	if len(keys) != 200 {
		t.Fatalf("%d distinct keys of 200", len(keys))
	}
}
