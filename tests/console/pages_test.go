package consoletest

import (
	"encoding/json"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestConsoleOtherPages opens the functions-and-events, metrics and usage
// pages: they load from the REST API and the Prometheus registry without
// error.
func TestConsoleOtherPages(t *testing.T) {
	n := startNode(t)
	b := newBrowser(t, n.ConsoleURL())
	b.login(testenv.AccessKey, testenv.SecretKey)
	b.run("functions page", chromedp.Navigate(n.ConsoleURL()+"/#/functions"), chromedp.WaitVisible("#function-list", chromedp.ByID),
		chromedp.WaitVisible("#target-list", chromedp.ByID))
	var errs int
	b.eval(`document.querySelectorAll('.error').length`, &errs)
	b.shot("16-functions-events")
	if errs != 0 {
		var msg string
		b.eval(`document.querySelector('.error').textContent`, &msg)
		t.Fatalf("functions page shows an error: %s", msg)
	}
	b.run("metrics page", chromedp.Navigate(n.ConsoleURL()+"/#/metrics"), chromedp.WaitVisible("#metrics", chromedp.ByID))
	b.waitJS("metric rows with rates", `document.querySelectorAll('#metrics tbody tr').length > 0 && [...document.querySelectorAll('#metrics tbody tr td:last-child')].some(td => td.textContent !== '')`)
	b.shot("17-metrics")
	// Usage: its table, or (on a server without usage accounting) a note.
	b.run("usage page", chromedp.Navigate(n.ConsoleURL()+"/#/usage"))
	b.waitJS("usage shown", `!!document.querySelector('#usage-rows') || !!document.querySelector('#usage-missing')`)
	b.eval(`document.querySelectorAll('.error').length`, &errs)
	b.shot("20-usage")
	if errs != 0 {
		t.Fatal("usage page shows an error")
	}

	// A QoS limit set on the cluster page is the API's.
	b.run("cluster page", chromedp.Navigate(n.ConsoleURL()+"/#/cluster"), chromedp.WaitVisible("#qos-scope", chromedp.ByID))
	b.eval(`(() => { for (const [id, v] of [['#qos-scope', 'account/alt'], ['#qos-rps', '50']]) {
		const i = document.querySelector(id); i.value = v; i.dispatchEvent(new Event('input', {bubbles: true})); } return true; })()`, nil)
	b.run("set limit", chromedp.Click("#qos-save", chromedp.ByID), chromedp.WaitVisible(`tr[data-qos="account/alt"]`, chromedp.ByQuery))
	b.shot("21-cluster-qos")
	s, _ := httpLogin(t, n.ConsoleURL(), testenv.AccessKey, testenv.SecretKey)
	code, out := s.do(t, "GET", "/_strata/api/v1/qos/limits", nil, nil)
	var limits []struct {
		Kind, Name string
		Requests   float64 `json:"requests_per_sec"`
	}
	json.Unmarshal([]byte(out), &limits)
	if code != 200 || len(limits) != 1 || limits[0].Kind != "account" || limits[0].Name != "alt" || limits[0].Requests != 50 {
		t.Fatalf("QoS limits through the API: %d %s", code, out)
	}
}
