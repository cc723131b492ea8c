package console

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Under TLS the session cookie is Secure (never sent over plain HTTP),
// besides HttpOnly and SameSite=Strict.
func TestCookieSecureUnderTLS(t *testing.T) {
	k := keys{"ADMIN": "adminsecretadminsecret"}
	cfg := DefaultConfig()
	cfg.Gateway, cfg.Keys, cfg.GatewayHost = gateway(k), k, "gw.local:9000"
	cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewUnstartedServer(nil)
	srv.StartTLS()
	defer srv.Close()
	cfg.TLS = srv.TLS
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = s
	res, err := srv.Client().Post(srv.URL+"/_console/login", "application/json",
		strings.NewReader(`{"accessKey":"ADMIN","secretKey":"adminsecretadminsecret"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var c *http.Cookie
	for _, x := range res.Cookies() {
		if x.Name == cookieName {
			c = x
		}
	}
	if res.StatusCode != 200 || c == nil || !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode {
		t.Fatalf("login over TLS: %d, cookie %+v", res.StatusCode, c)
	}
}
