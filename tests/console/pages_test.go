package consoletest

import (
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
}
