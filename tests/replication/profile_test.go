package replicationtest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/testenv"
)

// benchProfile is for scripts/replication-bench.sh: with REPL_PROFILE=DIR
// it saves a CPU profile of A's node1 (10 s, from 2 s into the load) to
// DIR/cpu.pprof. The returned func saves node1's replication and event
// metrics (stage timings, outbox lag) to DIR/metrics.txt.
func benchProfile(t *testing.T, lc *testenv.LocalCluster, endpoint string) func() {
	dir := os.Getenv("REPL_PROFILE")
	if dir == "" {
		return func() {}
	}
	get := func(path string) []byte {
		b, err := testenv.AdminAs(context.Background(), endpoint, lc.Root.AccessKey, lc.Root.SecretKey, "GET", path, nil)
		if err != nil {
			t.Logf("profile %s: %v", path, err)
		}
		return b
	}
	// A timeline of node1's relay and copies, once a second.
	stop, stopped := make(chan struct{}), make(chan struct{})
	var tl bytes.Buffer
	go func() {
		defer close(stopped)
		t0 := time.Now()
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Second):
			}
			var row []string
			sc := bufio.NewScanner(bytes.NewReader(get("/_strata/metrics")))
			for sc.Scan() {
				l := sc.Text()
				if strings.HasPrefix(l, "strata_events_relayed_total ") || strings.HasPrefix(l, "strata_replication_lag_seconds_count ") ||
					strings.HasPrefix(l, "strata_replication_backlog{state=\"queued\"}") {
					row = append(row, l)
				}
			}
			fmt.Fprintf(&tl, "%5.1fs %s\n", time.Since(t0).Seconds(), strings.Join(row, " "))
		}
	}()
	go func() {
		time.Sleep(2 * time.Second)
		if b := get("/_strata/admin/pprof/profile?seconds=10"); len(b) > 0 {
			os.WriteFile(filepath.Join(dir, "cpu.pprof"), b, 0o644)
		}
	}()
	return func() {
		close(stop)
		<-stopped
		os.WriteFile(filepath.Join(dir, "timeline.txt"), tl.Bytes(), 0o644)
		var out bytes.Buffer
		sc := bufio.NewScanner(bytes.NewReader(get("/_strata/metrics")))
		for sc.Scan() {
			l := sc.Text()
			if strings.HasPrefix(l, "strata_replication_") || strings.HasPrefix(l, "strata_events_") {
				out.WriteString(l + "\n")
			}
		}
		os.WriteFile(filepath.Join(dir, "metrics.txt"), out.Bytes(), 0o644)
	}
}
