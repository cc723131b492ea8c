package webdav_test

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestLitmus runs the litmus WebDAV suite (basic, copymove, props, locks,
// http) against the server and fails on any failed test or warning.
func TestLitmus(t *testing.T) {
	bin := testenv.RequireTool(t, "litmus")
	_, base := node(t, "dav")
	c := newClient(t, base, testenv.AccessKey, testenv.SecretKey)
	c.want(201, "MKCOL", "/dav/litmus/", "")
	cmd := exec.CommandContext(ctx, bin, "-k", base+"/dav/litmus/", testenv.AccessKey, testenv.SecretKey)
	cmd.Dir = t.TempDir() // litmus writes debug.log and child.log here
	cmd.Env = append(os.Environ(), "TESTS=basic copymove props locks http")
	out, err := cmd.CombinedOutput()
	t.Logf("litmus:\n%s", out)
	if err != nil {
		t.Fatalf("litmus: %v", err)
	}
	summary := regexp.MustCompile(`<- summary for .(\w+).: of (\d+) tests run: (\d+) passed, (\d+) failed`)
	suites := summary.FindAllStringSubmatch(string(out), -1)
	if len(suites) != 5 {
		t.Fatalf("%d litmus suites reported, want 5", len(suites))
	}
	for _, s := range suites {
		if s[4] != "0" {
			t.Errorf("litmus %s: %s of %s tests failed", s[1], s[4], s[2])
		}
	}
	if strings.Contains(string(out), "FAIL") {
		t.Errorf("litmus reports a failure")
	}
	if strings.Contains(string(out), "WARNING") {
		t.Errorf("litmus warns") // none today: keep it so
	}
}
