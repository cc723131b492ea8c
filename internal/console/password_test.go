package console

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// pwKeys adds password sign-in to the fixed key table: user "pat" of
// "acct" has password "Correct-Horse-9"; each login or renewal adds a
// fresh temporary key to the table the gateway verifies against.
type pwKeys struct {
	keys
	mu  *sync.Mutex
	n   *int
	now func() time.Time
}

func (k pwKeys) mint(ttl time.Duration) TempKey {
	k.mu.Lock()
	defer k.mu.Unlock()
	*k.n++
	id := "TMP" + string(rune('0'+*k.n))
	k.keys[id] = "tempsecret" + id
	return TempKey{AccessKey: id, Secret: k.keys[id], Token: "token-" + id, Expires: k.now().Add(ttl), Account: "acct", User: "pat"}
}

func (k pwKeys) PasswordLogin(ctx context.Context, account, user, password string, ttl time.Duration) (TempKey, error) {
	if account != "acct" || user != "pat" || password != "Correct-Horse-9" {
		return TempKey{}, strata.Errorf("test", strata.Permission, "bad login")
	}
	return k.mint(ttl), nil
}

func (k pwKeys) Renew(ctx context.Context, t TempKey, ttl time.Duration) (TempKey, error) {
	return k.mint(ttl), nil
}

func (k pwKeys) End(ctx context.Context, t TempKey) error {
	k.mu.Lock()
	delete(k.keys, t.AccessKey)
	k.mu.Unlock()
	return nil
}

func (k pwKeys) ResetRequired(ctx context.Context, t TempKey) bool { return false }

func (k pwKeys) MayTemp(ctx context.Context, t TempKey, action, resource string) bool { return false }

func passwordFixture(t *testing.T, now func() time.Time) *fixture {
	f := &fixture{t: t}
	n := 0
	k := pwKeys{keys: keys{"ADMIN": "adminsecretadminsecret"}, mu: &sync.Mutex{}, n: &n, now: now}
	cfg := DefaultConfig()
	// The gateway judges signatures by the same (stepped) clock.
	v := &auth.Verifier{Creds: k.keys, Now: now}
	cfg.Gateway = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _, err := v.Verify(r)
		if err != nil {
			http.Error(w, "AccessDenied: "+err.Error(), http.StatusForbidden)
			return
		}
		json.NewEncoder(w).Encode(map[string]string{"key": id.AccessKey})
	})
	cfg.Keys, cfg.GatewayHost, cfg.PublicURL = k, "gw.local:9000", "http://gw.local:9000"
	cfg.Log, cfg.Now = slog.New(slog.NewTextHandler(io.Discard, nil)), now
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.srv = httptest.NewServer(s)
	t.Cleanup(f.srv.Close)
	jar, _ := cookiejar.New(nil)
	f.c = &http.Client{Jar: jar}
	return f
}

func (f *fixture) passwordLogin(account, user, password string) (int, string) {
	res, err := f.c.Post(f.srv.URL+"/_console/login", "application/json",
		strings.NewReader(`{"account":"`+account+`","user":"`+user+`","password":"`+password+`"}`))
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if i := strings.Index(string(b), `"csrf":"`); i >= 0 {
		f.csrf = string(b[i+8 : i+8+strings.IndexByte(string(b[i+8:]), '"')])
	}
	return res.StatusCode, string(b)
}

// A password session signs with its temporary key, renews it shortly
// before it runs out, and the browser never sees either key's secret.
func TestPasswordSessionRenews(t *testing.T) {
	var mu sync.Mutex
	clock := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	step := func(d time.Duration) { mu.Lock(); clock = clock.Add(d); mu.Unlock() }
	f := passwordFixture(t, now)
	c1, b1 := f.passwordLogin("acct", "nobody", "Correct-Horse-9")
	c2, b2 := f.passwordLogin("acct", "pat", "Wrong-Horse-9")
	if c1 != 401 || c1 != c2 || b1 != b2 {
		t.Fatalf("unknown user %d %s; wrong password %d %s: want one answer", c1, b1, c2, b2)
	}
	code, body := f.passwordLogin("acct", "pat", "Correct-Horse-9")
	if code != 200 || strings.Contains(body, "tempsecret") || strings.Contains(body, "token-") {
		t.Fatalf("login: %d %s", code, body)
	}
	code, out := f.do("GET", "/_strata/api/v1/whoami", "", nil)
	if out["key"] != "TMP1" {
		t.Fatalf("signed with %d %v, want TMP1", code, out)
	}
	// The default session lives 12 h, one STS session's maximum, so the
	// key minted at login lasts it; the page stays busy (idle limit 1 h).
	for i := 0; i < 14; i++ {
		step(50 * time.Minute)
		if _, out = f.do("GET", "/_strata/api/v1/whoami", "", nil); out["key"] != "TMP1" {
			t.Fatalf("after %d min signed with %v, want TMP1", 50*(i+1), out)
		}
	}
	// Less than 5 min before the key ends, a request renews it.
	step(16 * time.Minute)
	if _, out = f.do("GET", "/_strata/api/v1/whoami", "", nil); out["key"] != "TMP2" {
		t.Fatalf("near the key's end signed with %v, want the renewed TMP2", out)
	}
	// The console session itself still ends at its lifetime.
	step(5 * time.Minute)
	if code, _ := f.do("GET", "/_strata/api/v1/whoami", "", nil); code != http.StatusUnauthorized {
		t.Fatalf("after the session's lifetime: %d, want 401", code)
	}
}

// Logging out revokes the session's temporary key.
func TestPasswordLogoutRevokes(t *testing.T) {
	f := passwordFixture(t, time.Now)
	if code, _ := f.passwordLogin("acct", "pat", "Correct-Horse-9"); code != 200 {
		t.Fatalf("login: %d", code)
	}
	if _, out := f.do("GET", "/_strata/api/v1/whoami", "", nil); out["key"] != "TMP1" {
		t.Fatalf("signed with %v", out)
	}
	k := f.srv.Config.Handler.(*Server).cfg.Keys.(pwKeys)
	if code, _ := f.do("POST", "/_console/logout", "", map[string]string{"X-CSRF-Token": f.csrf, "Origin": f.srv.URL}); code != 200 {
		t.Fatalf("logout: %d", code)
	}
	k.mu.Lock()
	_, alive := k.keys["TMP1"]
	k.mu.Unlock()
	if alive {
		t.Fatal("the temporary key outlived the logout")
	}
}
