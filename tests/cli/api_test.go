package clitest

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestOperatorCLI drives the operator commands, which go through the
// REST API only: services, locks, jobs with their reports, QoS limits;
// tables by default, JSON with --json.
func TestOperatorCLI(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	ep := s.URL()
	var svcs []strata.Service
	if err := json.Unmarshal([]byte(mustCLI(t, ep, "cluster", "list", "--json")), &svcs); err != nil || len(svcs) == 0 {
		t.Fatalf("cluster list --json: %v %v", err, svcs)
	}
	if out := mustCLI(t, ep, "cluster", "lock", svcs[0].ID); !strings.HasPrefix(out, "TYPE") || !strings.Contains(out, "locked@0") {
		t.Fatalf("lock:\n%s", out)
	}
	mustCLI(t, ep, "cluster", "unlock", svcs[0].ID)
	// A job's output is JSON lines when not on a terminal, the report last.
	out := mustCLI(t, ep, "rebuild", "--verify")
	lines := bytes.Split(bytes.TrimSpace([]byte(out)), []byte("\n"))
	var rep map[string]any
	if err := json.Unmarshal(lines[len(lines)-1], &rep); err != nil || rep["objects_scanned"] == nil {
		t.Fatalf("rebuild output:\n%s", out)
	}
	mustCLI(t, ep, "gc", "--grace", "0s")
	if out, err := strataCLI(t, ep, "gc", "--grace", "soon"); err == nil || !strings.Contains(out, "InvalidRequest") {
		t.Fatalf("gc with a bad grace: %v\n%s", err, out)
	}
	var jobs []restapi.Job
	if err := json.Unmarshal([]byte(mustCLI(t, ep, "jobs", "--json")), &jobs); err != nil || len(jobs) != 2 {
		t.Fatalf("jobs --json: %v %+v", err, jobs)
	}
	if out := mustCLI(t, ep, "jobs"); !strings.HasPrefix(out, "ID") || !strings.Contains(out, "rebuild") || !strings.Contains(out, "done") {
		t.Fatalf("jobs:\n%s", out)
	}
	mustCLI(t, ep, "qos", "set", "account/alt", "--requests", "50")
	if out := mustCLI(t, ep, "qos", "list"); !strings.Contains(out, "account/alt") || !strings.Contains(out, "50") {
		t.Fatalf("qos list:\n%s", out)
	}
	mustCLI(t, ep, "qos", "delete", "account/alt")
	if out := mustCLI(t, ep, "qos", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("qos list after delete:\n%s", out)
	}
}
