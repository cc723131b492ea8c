package clitest

import (
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestTierCLI: strata tier add, list and remove against a server; the
// secret key is never printed back.
func TestTierCLI(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	ep := s.URL()
	out := mustCLI(t, ep, "tier", "add", "cold", "--endpoint", "http://127.0.0.1:19000", "--bucket", "archive",
		"--prefix", "site-a", "--access-key", "AKTIER", "--secret-key", "tier-secret-never-shown")
	if !strings.Contains(out, "cold") || strings.Contains(out, "tier-secret-never-shown") {
		t.Fatalf("tier add printed:\n%s", out)
	}
	out = mustCLI(t, ep, "tier", "list")
	if !strings.Contains(out, "http://127.0.0.1:19000") || !strings.Contains(out, "site-a") || strings.Contains(out, "tier-secret-never-shown") {
		t.Fatalf("tier list:\n%s", out)
	}
	if out, err := strataCLI(t, ep, "tier", "add", "bad", "--endpoint", "ftp://x", "--bucket", "b", "--access-key", "a", "--secret-key", "s"); err == nil {
		t.Fatalf("tier add with a bad endpoint succeeded:\n%s", out)
	}
	mustCLI(t, ep, "tier", "remove", "cold")
	if out := mustCLI(t, ep, "tier", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("tier list after remove:\n%s", out)
	}
}
