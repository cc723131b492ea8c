package usagetest

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/usage"
)

// TestClusterKillExact runs the workload of two accounts on three
// buckets through three gateways of a 4-node process cluster. Halfway,
// while the other gateways keep serving, node3, whose spool holds
// records not flushed yet, is killed with SIGKILL and restarted; its
// client then goes on through it. The usage report, summed from every
// gateway, must match what the clients did and sent and received,
// exactly: nothing lost with the killed process, nothing counted twice
// by its replay.
func TestClusterKillExact(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process cluster")
	}
	start := time.Now()
	lc := testenv.StartLocalCluster(t, testenv.LocalOptions{Nodes: 4})
	ep := func(name string) string { n, _, _ := lc.File.Node(name); return n.S3 }
	root := lc.Root
	acme := createAccount(t, lc, ep("node1"), "acme")
	wRoot := &want{account: root.Account, t: &tally{}}
	wAcme := &want{account: "acme", t: &tally{}}
	// Wait until every gateway knows acme's key. A refused probe is
	// charged to nobody; the first that passes is acme's ListBuckets.
	for _, n := range []string{"node1", "node2", "node3", "node4"} {
		deadline := time.Now().Add(30 * time.Second)
		for {
			tl := &tally{}
			if _, err := client(ep(n), acme[0], acme[1], tl).ListBuckets(ctx, &s3.ListBucketsInput{}); err == nil {
				wAcme.put++
				wAcme.t.add(tl)
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s does not know acme's key", n)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	createBucket(t, client(ep("node1"), root.AccessKey, root.SecretKey, wRoot.t), wRoot, "alpha")
	createBucket(t, client(ep("node2"), acme[0], acme[1], wAcme.t), wAcme, "beta")
	createBucket(t, client(ep("node2"), acme[0], acme[1], wAcme.t), wAcme, "gamma")
	w1 := &want{account: root.Account, bucket: "alpha", t: &tally{}}
	w2 := &want{account: "acme", bucket: "beta", t: &tally{}}
	w3 := &want{account: "acme", bucket: "gamma", t: &tally{}}
	type worker struct {
		w      *want
		ak, sk string
		node   string
	}
	workers := []worker{{w1, root.AccessKey, root.SecretKey, "node1"}, {w2, acme[0], acme[1], "node3"}, {w3, acme[0], acme[1], "node4"}}
	run := func(ws []worker, first int) {
		var wg sync.WaitGroup
		for i, wk := range ws {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := workload(client(ep(wk.node), wk.ak, wk.sk, wk.w.t), wk.w, first, 6+2*i, int64(first+i)); err != nil {
					t.Errorf("%s via %s: %v", wk.w.bucket, wk.node, err)
				}
			}()
		}
		wg.Wait()
	}
	run(workers, 0)
	if t.Failed() {
		return
	}
	// node3's client is idle; the others keep going while node3 dies.
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); run([]worker{workers[0], workers[2]}, 100) }()
	n3, _, _ := lc.File.Node("node3")
	pending := spooled(t, filepath.Join(n3.Data, "usage"))
	if pending == 0 {
		t.Fatal("node3's spool is empty before the kill: the test would prove nothing")
	}
	t.Logf("node3 killed with %d bytes of spooled records not yet flushed", pending)
	lc.Kill("node3")
	lc.Restart("node3")
	wg.Wait()
	run(workers, 200)
	if t.Failed() {
		return
	}
	// One 2 MiB object per policy, beside the workload's (inline) ones.
	const big = 2 << 20
	bigPut := func(w *want, ak, sk, node, class string) {
		data := make([]byte, big)
		rand.New(rand.NewSource(int64(len(class)))).Read(data)
		if _, err := client(ep(node), ak, sk, w.t).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(w.bucket),
			Key: aws.String("big-" + class), Body: bytes.NewReader(data), StorageClass: types.StorageClass(class)}); err != nil {
			t.Fatal(err)
		}
		w.put++
	}
	bigPut(w1, root.AccessKey, root.SecretKey, "node1", "THREECOPIES")
	bigPut(w3, acme[0], acme[1], "node3", "EC4+2")
	var eps []string
	for _, n := range []string{"node1", "node2", "node3", "node4"} {
		eps = append(eps, ep(n))
	}
	got := rows(t, lc.HTTP, root.AccessKey, root.SecretKey, eps, ep("node2"), start)
	check(t, got, []want{*wRoot, *wAcme, *w1, *w2, *w3})
	// Stored: sampled now, from any gateway.
	if _, err := testenv.AdminWith(ctx, lc.HTTP, ep("node4"), root.AccessKey, root.SecretKey, "POST", usage.APIPath+"/sample?replace=1", nil); err != nil {
		t.Fatal(err)
	}
	stored := storedNow(t, lc.HTTP, root.AccessKey, root.SecretKey, ep("node1"))
	for _, b := range []string{"alpha", "beta", "gamma"} {
		t.Logf("stored %-6s %+v", b, stored[b])
	}
	if a := stored["alpha"]; a.RawBytes["THREECOPIES"] != 3*big || a.RawBytes["INLINE"] != a.LogicalBytes-big {
		t.Errorf("alpha: %+v, want THREECOPIES raw 3 × %d and the rest inline", a, big)
	}
	if g := stored["gamma"]; g.RawBytes["EC4+2"] != 3*big/2 || g.RawBytes["INLINE"] != g.LogicalBytes-big {
		t.Errorf("gamma: %+v, want EC4+2 raw 1.5 × %d and the rest inline", g, big)
	}
}

// storedNow reads the stored samples of the current hour, by bucket.
func storedNow(t *testing.T, hc *http.Client, ak, sk, endpoint string) map[string]usage.Stored {
	t.Helper()
	b, err := testenv.AdminWith(ctx, hc, endpoint, ak, sk, "GET",
		usage.APIPath+"/samples?from="+time.Now().UTC().Format("2006-01-02T15"), nil)
	if err != nil {
		t.Fatal(err)
	}
	var r struct{ Stored []usage.StoredSample }
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	out := map[string]usage.Stored{}
	for _, x := range r.Stored {
		out[x.Bucket] = x.Stored
	}
	return out
}

// createAccount creates an account with `strata account create` and
// returns its root access key and secret.
func createAccount(t *testing.T, lc *testenv.LocalCluster, endpoint, name string) [2]string {
	t.Helper()
	cmd := exec.Command(testenv.Binary(t), "account", "create", name)
	cmd.Env = append(os.Environ(), "STRATA_ENDPOINT="+endpoint,
		"STRATA_ACCESS_KEY="+lc.Root.AccessKey, "STRATA_SECRET_KEY="+lc.Root.SecretKey)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("account create: %v\n%s", err, out.String())
	}
	var acct struct {
		AccessKey struct {
			AccessKey string `json:"access_key"`
			SecretKey string `json:"secret_key"`
		} `json:"access_key"`
	}
	if err := json.Unmarshal(out.Bytes(), &acct); err != nil || acct.AccessKey.SecretKey == "" {
		t.Fatalf("account create: %v\n%s", err, out.String())
	}
	return [2]string{acct.AccessKey.AccessKey, acct.AccessKey.SecretKey}
}

// spooled is the bytes in a gateway's spool segments.
func spooled(t *testing.T, dir string) int64 {
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, e := range ents {
		if info, err := e.Info(); err == nil && filepath.Ext(e.Name()) == ".log" {
			n += info.Size()
		}
	}
	return n
}
