package swifttest

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/testenv"
)

// node starts a node and returns it with its Swift auth URL.
func node(t *testing.T) (*testenv.Server, string) {
	t.Helper()
	s := testenv.Start(t, testenv.Options{})
	return s, s.URL() + "/auth/v1.0"
}

// login runs TempAuth v1 and returns the token and storage URL.
func login(t *testing.T, authURL, user, key string) (token, storage string) {
	t.Helper()
	req, _ := http.NewRequest("GET", authURL, nil)
	req.Header.Set("X-Auth-User", user)
	req.Header.Set("X-Auth-Key", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("auth %s: %d", user, resp.StatusCode)
	}
	return resp.Header.Get("X-Auth-Token"), resp.Header.Get("X-Storage-Url")
}

// client is a token-bearing HTTP client of one storage URL.
type client struct {
	t       *testing.T
	token   string
	storage string
}

func newClient(t *testing.T, authURL, user, key string) *client {
	tok, st := login(t, authURL, user, key)
	return &client{t: t, token: tok, storage: st}
}

// do sends a request to storage+path and returns status, headers and body.
func (c *client) do(method, path string, hdr map[string]string, body string) (int, http.Header, string) {
	c.t.Helper()
	url := path
	if !strings.HasPrefix(path, "http") {
		url = c.storage + path
	}
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if c.token != "" {
		req.Header.Set("X-Auth-Token", c.token)
	}
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// must fails the test unless the status is want.
func (c *client) must(want int, method, path string, hdr map[string]string, body string) (http.Header, string) {
	c.t.Helper()
	st, h, b := c.do(method, path, hdr, body)
	if st != want {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, st, want, b)
	}
	return h, b
}

// swiftCLI runs the swift command against the node and returns its output.
func swiftCLI(t *testing.T, authURL string, args ...string) string {
	t.Helper()
	bin := testenv.RequireTool(t, "swift")
	full := append([]string{"-A", authURL, "-U", testenv.AccessKey, "-K", testenv.SecretKey}, args...)
	cmd := exec.Command(bin, full...)
	cmd.Env = append(os.Environ(), "ST_AUTH_VERSION=1.0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("swift %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
