package consoletest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// startNode runs a node with its console on a free loopback port.
func startNode(t *testing.T) *testenv.Server {
	t.Helper()
	return testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.ConsoleAddr = "127.0.0.1:0" }})
}

// browser is one headless Chromium with a fresh profile.
type browser struct {
	t      *testing.T
	ctx    context.Context
	base   string
	dialog chan string // JavaScript dialogs (alert, confirm) the page opened
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	bin := testenv.RequireTool(t, "chromium", "chromium-browser", "google-chrome")
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	t.Cleanup(func() { cancelB(); cancelA() })
	b := &browser{t: t, ctx: ctx, base: base, dialog: make(chan string, 16)}
	chromedp.ListenTarget(ctx, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			b.dialog <- d.Message
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(true))
		}
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return b
}

// run runs actions with a bound, so that a page that never shows an
// element fails the test instead of hanging it.
func (b *browser) run(what string, actions ...chromedp.Action) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		b.shot("failed-" + strings.ReplaceAll(what, " ", "-"))
		b.t.Fatalf("%s: %v", what, err)
	}
}

func (b *browser) eval(js string, out any) {
	b.t.Helper()
	b.run("eval", chromedp.Evaluate(js, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
}

// artifacts is where screenshots go: $STRATA_ARTIFACTS, else a folder in
// the temporary directory that outlives the test.
func artifacts(t *testing.T) string {
	dir := os.Getenv("STRATA_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "strata-console-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func (b *browser) shot(name string) {
	var buf []byte
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.Sleep(50*time.Millisecond), chromedp.CaptureScreenshot(&buf)); err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(artifacts(b.t), name+".png")
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	b.t.Logf("screenshot: %s", p)
}

// login logs in through the form and waits for the page behind it.
func (b *browser) login(ak, sk string) {
	b.t.Helper()
	b.run("login as "+ak,
		chromedp.Navigate(b.base+"/#/buckets"),
		chromedp.WaitVisible("#access-key", chromedp.ByID),
		chromedp.SendKeys("#access-key", ak, chromedp.ByID),
		chromedp.SendKeys("#secret-key", sk, chromedp.ByID),
		chromedp.Click("#login", chromedp.ByID),
		chromedp.WaitVisible("#logout", chromedp.ByID),
	)
}

func (b *browser) logout() {
	b.t.Helper()
	b.run("logout", chromedp.Click("#logout", chromedp.ByID), chromedp.WaitVisible("#access-key", chromedp.ByID))
}

// waitJS polls a JavaScript condition until it is true.
func (b *browser) waitJS(what, cond string) {
	b.t.Helper()
	b.run("wait for "+what, chromedp.Poll(cond, nil, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(50*time.Second)))
}

// session is a console session held by a plain HTTP client (no browser).
type session struct {
	c    *http.Client
	base string
	csrf string
}

func httpLogin(t *testing.T, base, ak, sk string) (*session, int) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	s := &session{c: &http.Client{Jar: jar}, base: base}
	res, err := s.c.Post(base+"/_console/login", "application/json",
		strings.NewReader(fmt.Sprintf(`{"accessKey":%q,"secretKey":%q}`, ak, sk)))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var info struct{ CSRF string }
	json.NewDecoder(res.Body).Decode(&info)
	s.csrf = info.CSRF
	return s, res.StatusCode
}

func (s *session) do(t *testing.T, method, path string, body io.Reader, hdr map[string]string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, s.base+path, body)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := s.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// fetchURL GETs a URL with no credentials at all.
func fetchURL(t *testing.T, u string) []byte {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", u, res.StatusCode, b)
	}
	return b
}

// choose sets a <select> and fires its change event, as a user's pick does.
func (b *browser) choose(sel, value string) {
	b.t.Helper()
	b.eval(fmt.Sprintf(`(() => { const s = document.querySelector(%q); s.value = %q; s.dispatchEvent(new Event('change', {bubbles: true})); return s.value; })()`, sel, value), nil)
}
