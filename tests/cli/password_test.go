package clitest

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// consoleLogin is the status of a password login on the console.
func consoleLogin(t *testing.T, base, account, user, password string) int {
	t.Helper()
	res, err := http.Post(base+"/_console/login", "application/json",
		strings.NewReader(fmt.Sprintf(`{"account":%q,"user":%q,"password":%q}`, account, user, password)))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// TestUserPasswordCLI: `strata user password set` takes the password
// from stdin or --password, creates then changes it, and the console
// accepts the current one; `delete` removes it.
func TestUserPasswordCLI(t *testing.T) {
	s := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.ConsoleAddr = "127.0.0.1:0" }})
	ep := s.URL()
	mustCLI(t, ep, "user", "create", "dana")
	cmd := exec.Command(testenv.Binary(t), "user", "password", "set", "dana", "--reset-required")
	cmd.Env = append(os.Environ(), "STRATA_ENDPOINT="+ep, "STRATA_ACCESS_KEY="+testenv.AccessKey, "STRATA_SECRET_KEY="+testenv.SecretKey)
	cmd.Stdin = strings.NewReader("From-Stdin-42\n")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil || !strings.Contains(out.String(), `"reset_required": true`) || strings.Contains(out.String(), "From-Stdin-42") {
		t.Fatalf("password set from stdin: %v\n%s", err, out.String())
	}
	if st := consoleLogin(t, s.ConsoleURL(), "root", "dana", "From-Stdin-42"); st != 200 {
		t.Fatalf("console login with the stdin password: %d", st)
	}
	mustCLI(t, ep, "user", "password", "set", "dana", "--password", "From-Flag-42")
	if st := consoleLogin(t, s.ConsoleURL(), "root", "dana", "From-Flag-42"); st != 200 {
		t.Fatalf("console login with the new password: %d", st)
	}
	if out, err := strataCLI(t, ep, "user", "password", "set", "dana", "--password", "weak"); err == nil || !strings.Contains(out, "PasswordPolicyViolation") {
		t.Fatalf("weak password: %v\n%s", err, out)
	}
	if out, err := strataCLI(t, ep, "user", "delete", "dana"); err == nil || !strings.Contains(out, "login profile") {
		t.Fatalf("delete a user with a password: %v\n%s", err, out)
	}
	mustCLI(t, ep, "user", "password", "delete", "dana")
	if st := consoleLogin(t, s.ConsoleURL(), "root", "dana", "From-Flag-42"); st != 401 {
		t.Fatalf("console login after delete: %d, want 401", st)
	}
	mustCLI(t, ep, "user", "delete", "dana")
}
