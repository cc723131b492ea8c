package consoletest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestConsoleHeaders: every answer, page or API, carries the CSP (no
// inline script, no framing) and X-Frame-Options.
func TestConsoleHeaders(t *testing.T) {
	n := startNode(t)
	for _, p := range []string{"/", "/app.js", "/style.css", "/_console/session", "/_console/s3/"} {
		res, err := http.Get(n.ConsoleURL() + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline';") && strings.Contains(csp, "script-src 'self' 'unsafe-inline'") {
			t.Errorf("%s: Content-Security-Policy %q", p, csp)
		}
		if got := res.Header.Get("X-Frame-Options"); got != "DENY" {
			t.Errorf("%s: X-Frame-Options %q, want DENY", p, got)
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", p, got)
		}
	}
	// The proxied gateway answers (object bodies) are sandboxed.
	s, _ := httpLogin(t, n.ConsoleURL(), testenv.AccessKey, testenv.SecretKey)
	req, _ := http.NewRequest("GET", n.ConsoleURL()+"/_console/s3/", nil)
	res, err := s.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if csp := res.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox") {
		t.Errorf("proxied answer: Content-Security-Policy %q, want sandbox", csp)
	}
}

// TestConsoleCrossOriginPost: a page of another origin on the same host
// (so the browser does send the SameSite cookie) submits a form that would
// create an IAM user and fetches a bucket creation: both are refused.
// Over plain HTTP, a foreign Origin or a missing token is refused, and
// the same request from the console's origin with its token passes.
func TestConsoleCrossOriginPost(t *testing.T) {
	n := startNode(t)
	base := n.ConsoleURL()
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, `<!doctype html><form id="f" method="POST" action="%s/_console/s3/" enctype="application/x-www-form-urlencoded">
<input name="Action" value="CreateUser"><input name="Version" value="2010-05-08"><input name="UserName" value="evil"></form>
<script>
window.fetched = fetch(%q + '/_console/s3/', {method: 'POST', mode: 'no-cors', credentials: 'include',
  headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'Action=CreateUser&Version=2010-05-08&UserName=evil2'}).then(() => 'sent', e => 'error ' + e);
</script>`, base, base)
	}))
	defer evil.Close()

	b := newBrowser(t, base)
	b.login(testenv.AccessKey, testenv.SecretKey)
	var fetched string
	b.run("attacker page", chromedp.Navigate(evil.URL), chromedp.WaitReady("#f", chromedp.ByID))
	b.eval(`window.fetched`, &fetched)
	t.Logf("cross-origin fetch: %s", fetched)
	// The form navigates away: wait for the console's answer page.
	b.run("submit the attacker's form", chromedp.Submit("#f", chromedp.ByID))
	for i := 0; i < 200; i++ {
		var loc string
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		err := chromedp.Run(ctx, chromedp.Location(&loc))
		cancel()
		if err == nil && strings.HasPrefix(loc, base) {
			break
		}
		time.Sleep(25 * time.Millisecond)
	}
	b.run("answer page", chromedp.WaitReady("body", chromedp.ByQuery))
	var body string
	b.run("read answer", chromedp.Text("body", &body, chromedp.ByQuery))
	if !strings.Contains(body, "CSRF") {
		t.Errorf("cross-origin form POST answered %q, want the CSRF refusal", body)
	}
	// no-cors: the request is sent; its answer is opaque, or an error when
	// Cross-Origin-Resource-Policy blocks it (the server logs the refusal).
	if fetched != "sent" && !strings.Contains(fetched, "Failed to fetch") {
		t.Errorf("the attacker's fetch was not sent (%s): the test proves nothing", fetched)
	}
	for _, u := range []string{"evil", "evil2"} {
		if code, out := httpAs(t, base, "GetUser", u); code == 200 {
			t.Errorf("a cross-origin request created user %s: %s", u, out)
		}
	}

	s, _ := httpLogin(t, base, testenv.AccessKey, testenv.SecretKey)
	for _, c := range []struct {
		name   string
		hdr    map[string]string
		status int
	}{
		{"foreign origin with the token", map[string]string{"Origin": "http://evil.example", "X-CSRF-Token": s.csrf}, 403},
		{"same port other host", map[string]string{"Origin": "http://localhost.evil", "X-CSRF-Token": s.csrf}, 403},
		{"no token", map[string]string{"Origin": base}, 403},
		{"wrong token", map[string]string{"Origin": base, "X-CSRF-Token": strings.Repeat("A", len(s.csrf))}, 403},
		{"cross-site fetch metadata", map[string]string{"Sec-Fetch-Site": "cross-site", "X-CSRF-Token": s.csrf}, 403},
		{"same origin with the token", map[string]string{"Origin": base, "X-CSRF-Token": s.csrf}, 200},
	} {
		if code, out := s.do(t, "PUT", "/_console/s3/csrf-check", nil, c.hdr); code != c.status {
			t.Errorf("%s: status %d (%s), want %d", c.name, code, out, c.status)
		}
	}
}

// httpAs calls the IAM API through a fresh root console session.
func httpAs(t *testing.T, base, action, user string) (int, string) {
	s, _ := httpLogin(t, base, testenv.AccessKey, testenv.SecretKey)
	return s.do(t, "POST", "/_console/s3/", strings.NewReader("Action="+action+"&Version=2010-05-08&UserName="+user),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": s.csrf})
}

// TestConsoleKeyRendersAsText: an object key that is HTML shows as its
// text; no element is created from it and no script runs.
func TestConsoleKeyRendersAsText(t *testing.T) {
	n := startNode(t)
	const key = `<img src=x onerror=alert(1)>`
	ctx := context.Background()
	if _, err := n.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("xss")}); err != nil {
		t.Fatal(err)
	}
	if _, err := n.S3().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("xss"), Key: aws.String(key), Body: strings.NewReader("x")}); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, n.ConsoleURL())
	b.login(testenv.AccessKey, testenv.SecretKey)
	b.run("open bucket", chromedp.Navigate(n.ConsoleURL()+"/#/b/xss/"), chromedp.WaitVisible("#object-list .vrow .name", chromedp.ByQuery))
	var text string
	var imgs int
	b.run("read row", chromedp.Text("#object-list .vrow .name", &text, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('#object-list img, #app img').length`, &imgs))
	// Open the share box too: the key is shown there as well.
	b.run("share box", chromedp.Click(`#object-list button[data-share]`, chromedp.ByQuery), chromedp.WaitVisible("#share", chromedp.ByID))
	b.shot("10-objects-html-key")
	if text != key || imgs != 0 {
		t.Fatalf("row text %q with %d <img> elements; want the key as text and no image", text, imgs)
	}
	select {
	case m := <-b.dialog:
		t.Fatalf("a dialog opened: %q", m)
	default:
	}
}

// TestConsoleLogoutKillsSession: the cookie of a user's session (another
// account's, here) is HttpOnly, SameSite=Strict and worthless once that
// user logs out, even replayed by someone who copied it.
func TestConsoleLogoutKillsSession(t *testing.T) {
	n := startNode(t)
	base := n.ConsoleURL()
	b := newBrowser(t, base)
	b.login(testenv.AltAccessKey, testenv.AltSecretKey)
	var cookies []*network.Cookie
	b.run("cookies", chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		cookies, err = network.GetCookies().Do(ctx)
		return err
	}))
	var sid *network.Cookie
	for _, c := range cookies {
		if c.Name == "strata_console" {
			sid = c
		}
	}
	if sid == nil || !sid.HTTPOnly || sid.SameSite != network.CookieSameSiteStrict {
		t.Fatalf("session cookie %+v: want HttpOnly and SameSite=Strict", sid)
	}
	var csrf string
	b.eval(`fetch('/_console/session').then(r => r.json()).then(s => s.csrf)`, &csrf)
	replay := func() (int, int) {
		hdr := map[string]string{"Cookie": "strata_console=" + sid.Value}
		s := &session{c: http.DefaultClient, base: base}
		get, _ := s.do(t, "GET", "/_console/s3/", nil, hdr)
		hdr["X-CSRF-Token"] = csrf
		put, _ := s.do(t, "PUT", "/_console/s3/replayed", nil, hdr)
		return get, put
	}
	if get, _ := replay(); get != 200 {
		t.Fatalf("the live session's cookie, replayed: %d, want 200", get)
	}
	b.logout()
	if get, put := replay(); get != 401 || put != 401 {
		t.Fatalf("after logout the cookie still works: GET %d, PUT %d, want 401", get, put)
	}
	if _, err := n.S3().HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String("replayed")}); err == nil {
		t.Fatal("a replayed cookie created a bucket after logout")
	}
}

// TestConsoleLoginBackoff: failed logins are slowed per access key and
// per client address: after three failures even the right secret is
// answered 429 with a Retry-After until the delay has passed.
func TestConsoleLoginBackoff(t *testing.T) {
	n := startNode(t)
	base := n.ConsoleURL()
	for i := 0; i < 3; i++ {
		if _, code := httpLogin(t, base, testenv.AccessKey, "wrong-secret"); code != 401 {
			t.Fatalf("failed login %d: status %d, want 401", i+1, code)
		}
	}
	if _, code := httpLogin(t, base, testenv.AccessKey, testenv.SecretKey); code != 429 {
		t.Fatalf("the right secret right after 3 failures: status %d, want 429", code)
	}
	// The address is slowed too: another key from the same client waits.
	if _, code := httpLogin(t, base, testenv.AltAccessKey, testenv.AltSecretKey); code != 429 {
		t.Fatalf("another key from the same address: status %d, want 429", code)
	}
	// The browser shows why. Starting Chromium may outlast the 1 s delay,
	// so the form is submitted until refused (each failure doubles it).
	b := newBrowser(t, base)
	b.run("login form", chromedp.Navigate(base), chromedp.WaitVisible("#access-key", chromedp.ByID),
		chromedp.SendKeys("#access-key", testenv.AccessKey, chromedp.ByID), chromedp.SendKeys("#secret-key", "guess", chromedp.ByID))
	var msg string
	b.eval(`(async () => {
		for (let i = 0; i < 5; i++) {
			const before = document.querySelector('.error');
			if (before) before.remove();
			document.querySelector('#login').click();
			for (let w = 0; w < 500 && !document.querySelector('.error'); w++) await new Promise(r => setTimeout(r, 20));
			const m = document.querySelector('.error') ? document.querySelector('.error').textContent : '';
			if (m.includes('SlowDown')) return m;
		}
		return document.querySelector('.error') ? document.querySelector('.error').textContent : '';
	})()`, &msg)
	b.shot("00-login-slowed")
	if !strings.Contains(msg, "SlowDown") {
		t.Fatalf("login form shows %q, want the SlowDown refusal", msg)
	}
}
