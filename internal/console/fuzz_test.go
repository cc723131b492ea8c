package console

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzRequestBodies sends arbitrary bodies to the two JSON endpoints the
// console parses itself (login and presign): they answer 4xx or 200,
// never 5xx, and never panic.
func FuzzRequestBodies(f *testing.F) {
	for _, s := range []string{`{"accessKey":"ADMIN","secretKey":"adminsecretadminsecret"}`, `{"accessKey":"","secretKey":""}`,
		`{"bucket":"b","key":"k","expiresSeconds":60}`, `{"bucket":"b","key":"../../x","expiresSeconds":-1}`, `[`, `null`, ``} {
		f.Add(s)
	}
	fx := newFixture(f)
	base, _ := http.NewRequest("GET", fx.srv.URL, nil)
	cookies := fx.c.Jar.Cookies(base.URL)
	fx.login("ADMIN", "adminsecretadminsecret")
	f.Fuzz(func(t *testing.T, body string) {
		for _, path := range []string{"/_console/login", "/_console/presign"} {
			req := httptest.NewRequest("POST", path, strings.NewReader(body))
			req.RemoteAddr = "192.0.2.1:1234"
			req.Header.Set("X-CSRF-Token", fx.csrf)
			for _, c := range cookies {
				req.AddCookie(c)
			}
			w := httptest.NewRecorder()
			fx.srv.Config.Handler.ServeHTTP(w, req)
			if w.Code >= 500 && w.Code != http.StatusServiceUnavailable {
				t.Fatalf("%s %q: status %d", path, body, w.Code)
			}
		}
	})
}
