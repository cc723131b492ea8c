package consoletest

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/chromedp/chromedp"

	"github.com/strata-storage/strata/internal/testenv"
)

// fill types into the inputs matched by selector as a user does: it sets
// the value and fires the input event Preact listens to.
func (b *browser) fill(sel, v string) {
	b.t.Helper()
	var ok bool
	b.eval(fmt.Sprintf(`(() => { const i = document.querySelector(%q); if (!i) return false; i.value = %q;
		i.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`, sel, v), &ok)
	if !ok {
		b.t.Fatalf("no input %s", sel)
	}
}

// createBucket creates a bucket from the buckets page, once the page has
// loaded (its button is disabled while it loads).
func createBucket(b *browser, name string) {
	b.t.Helper()
	b.run("bucket name", chromedp.WaitVisible("#bucket-name", chromedp.ByID), chromedp.SendKeys("#bucket-name", name, chromedp.ByID))
	b.waitJS("create enabled", `!document.querySelector('#create-bucket-btn').disabled`)
	b.run("create bucket "+name, chromedp.Click("#create-bucket-btn", chromedp.ByID),
		chromedp.WaitVisible(fmt.Sprintf(`tr[data-bucket=%q]`, name), chromedp.ByQuery))
}

// openQuotaTab opens a bucket's settings on its quota tab, loaded.
func openQuotaTab(b *browser, base, bucket string) {
	b.run("quota tab of "+bucket, chromedp.Navigate(base+"/#/buckets"),
		chromedp.WaitVisible(fmt.Sprintf(`button[data-settings=%q]`, bucket), chromedp.ByQuery),
		chromedp.Click(fmt.Sprintf(`button[data-settings=%q]`, bucket), chromedp.ByQuery),
		chromedp.WaitVisible(`button[data-tab="quota"]`, chromedp.ByQuery),
		chromedp.Click(`button[data-tab="quota"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#quota-bucket[data-loaded="true"]`, chromedp.ByQuery))
}

// TestConsoleQuota sets a 1 MiB bucket quota on the quota tab, sees a
// first 600 KiB upload land and a second refused with QuotaExceeded in
// the page, the usage bar show the bytes, the soft-limit alert on the
// cluster page, an account quota set from the identity page, an invoice
// for the month, and the quota tab read-only for an account that may not
// set quotas.
func TestConsoleQuota(t *testing.T) {
	n := startNode(t)
	base := n.ConsoleURL()
	b := newBrowser(t, base)
	b.login(testenv.AccessKey, testenv.SecretKey)
	createBucket(b, "quotas")

	openQuotaTab(b, base, "quotas")
	b.waitJS("no quota yet", `!!document.querySelector('#quota-bucket .quota-none')`)
	// Validation: a size that is not one, then a soft limit above the hard one.
	b.fill(`#quota-bucket input[data-field="max_bytes"]`, "lots")
	b.waitJS("bad size refused", `document.querySelector('#quota-bucket .quota-problem')?.textContent.includes('not a size') && document.querySelector('#quota-bucket .quota-save').disabled`)
	for in, bad := range map[string]bool{"1e3": true, "-1": true, "10 XB": true, "1.5.2 GB": true, "99999999999 TiB": true,
		"12": false, "1.5 GiB": false, "2gb": false, "700 kib": false} {
		b.fill(`#quota-bucket input[data-field="max_bytes"]`, in)
		var shown bool
		b.eval(`!!document.querySelector('#quota-bucket .quota-problem') && document.querySelector('#quota-bucket .quota-save').disabled`, &shown)
		if shown != bad {
			t.Fatalf("hard bytes %q: refused %v, want %v", in, shown, bad)
		}
	}
	b.fill(`#quota-bucket input[data-field="max_bytes"]`, "") // the map's last entry may be a bad size
	b.fill(`#quota-bucket input[data-field="max_objects"]`, "1.5")
	b.waitJS("fractional objects refused", `document.querySelector('#quota-bucket .quota-problem')?.textContent.includes('whole number')`)
	b.fill(`#quota-bucket input[data-field="max_objects"]`, "")
	b.fill(`#quota-bucket input[data-field="max_bytes"]`, "1 MiB")
	b.fill(`#quota-bucket input[data-field="soft_bytes"]`, "2 MiB")
	b.waitJS("soft above hard refused", `document.querySelector('#quota-bucket .quota-problem')?.textContent.includes('above the hard') && document.querySelector('#quota-bucket .quota-save').disabled`)
	b.shot("30-quota-invalid")
	b.fill(`#quota-bucket input[data-field="soft_bytes"]`, "512 KiB")
	b.waitJS("valid form", `!document.querySelector('#quota-bucket .quota-problem') && !document.querySelector('#quota-bucket .quota-save').disabled`)
	b.run("save quota", chromedp.Click(`#quota-bucket .quota-save`, chromedp.ByQuery),
		chromedp.WaitVisible(`#quota-bucket .quota-saved`, chromedp.ByQuery))
	b.waitJS("usage bar at 0", `document.querySelector('#quota-bytes-bucket')?.dataset.used === '0' && document.querySelector('#quota-bytes-bucket').dataset.limit === '1048576'`)

	s, code := httpLogin(t, base, testenv.AccessKey, testenv.SecretKey)
	if code != 200 {
		t.Fatalf("login over HTTP: %d", code)
	}
	var q struct {
		MaxBytes  int64 `json:"max_bytes"`
		SoftBytes int64 `json:"soft_bytes"`
	}
	code, out := s.do(t, "GET", "/_strata/api/v1/quotas/bucket/quotas", nil, nil)
	if json.Unmarshal([]byte(out), &q); code != 200 || q.MaxBytes != 1<<20 || q.SoftBytes != 512<<10 {
		t.Fatalf("the quota through the API: %d %s", code, out)
	}

	// Two uploads of 600 KiB: the first fits in 1 MiB, the second does not.
	dir := t.TempDir()
	var paths []string
	for _, name := range []string{"one.bin", "two.bin"} {
		data := make([]byte, 600<<10)
		rand.Read(data)
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	b.run("open bucket", chromedp.Navigate(base+"/#/b/quotas/"), chromedp.WaitVisible("#object-list", chromedp.ByID),
		chromedp.SetUploadFiles("#file-input", paths[:1], chromedp.ByID))
	b.waitJS("first upload done", `!!document.querySelector('#uploads li[data-upload="one.bin"][data-state="done"]')`)
	b.run("second upload", chromedp.SetUploadFiles("#file-input", paths[1:], chromedp.ByID))
	b.waitJS("second upload refused", `!!document.querySelector('#uploads li[data-upload="two.bin"][data-state="failed"]')`)
	var msg string
	b.run("refusal text", chromedp.Text(`#uploads li[data-upload="two.bin"] .state`, &msg, chromedp.ByQuery))
	b.shot("31-quota-upload-refused")
	if !strings.HasPrefix(msg, "QuotaExceeded") {
		t.Fatalf("the upload past the quota failed with %q, want QuotaExceeded", msg)
	}
	t.Logf("refusal shown: %s", msg)
	if _, err := n.S3().HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String("quotas"), Key: aws.String("two.bin")}); err == nil {
		t.Fatal("the upload past the quota landed")
	}

	openQuotaTab(b, base, "quotas")
	b.waitJS("usage bar shows the bytes", `document.querySelector('#quota-bytes-bucket')?.dataset.used === '614400'`)
	var bar string
	b.run("usage bar text", chromedp.Text(`#quota-bytes-bucket span`, &bar, chromedp.ByQuery))
	var typed []string
	b.eval(`[...document.querySelectorAll('#quota-bucket .quota-field')].map(i => i.value)`, &typed)
	if strings.Join(typed, "|") != "1 MiB|512 KiB||" {
		t.Fatalf("the saved limits read back as %q", typed)
	}
	b.shot("32-quota-usage-bar")
	if !strings.Contains(bar, "600.0 KiB of 1.0 MiB") {
		t.Fatalf("usage bar says %q", bar)
	}

	// 600 KiB is past the 512 KiB soft limit: the cluster page alerts.
	b.run("cluster page", chromedp.Navigate(base+"/#/cluster"),
		chromedp.WaitVisible(`#alerts li[data-quota="bucket/quotas"]`, chromedp.ByQuery))
	b.shot("33-cluster-quota-alert")

	// The account quota, from the accounts list of the identity page.
	b.run("account quota", chromedp.Navigate(base+"/#/identity"),
		chromedp.WaitVisible(`button[data-account-quota="alt"]`, chromedp.ByQuery),
		chromedp.Click(`button[data-account-quota="alt"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#quota-account[data-loaded="true"]`, chromedp.ByQuery))
	b.fill(`#quota-account input[data-field="max_objects"]`, "1000")
	b.fill(`#quota-account input[data-field="max_bytes"]`, "10 GiB")
	b.waitJS("account quota savable", `!document.querySelector('#quota-account .quota-save').disabled`)
	b.run("save account quota", chromedp.Click(`#quota-account .quota-save`, chromedp.ByQuery),
		chromedp.WaitVisible(`#quota-account .quota-saved`, chromedp.ByQuery), chromedp.WaitVisible(`#quota-objects-account`, chromedp.ByQuery))
	b.shot("34-account-quota")
	var aq struct {
		MaxBytes   int64 `json:"max_bytes"`
		MaxObjects int64 `json:"max_objects"`
	}
	code, out = s.do(t, "GET", "/_strata/api/v1/quotas/account/alt", nil, nil)
	if json.Unmarshal([]byte(out), &aq); code != 200 || aq.MaxObjects != 1000 || aq.MaxBytes != 10<<30 {
		t.Fatalf("the account quota through the API: %d %s", code, out)
	}

	// Invoice: move the gateway's request counts into the samples, take
	// this hour's stored sample, then price the month.
	code, out = s.do(t, "POST", "/_strata/api/v1/usage/flush", nil, map[string]string{"Origin": base, "X-CSRF-Token": s.csrf})
	if code != 200 {
		t.Fatalf("usage flush: %d %s", code, out)
	}
	if _, err := n.SampleUsage(context.Background(), true); err != nil {
		t.Fatal(err)
	}
	b.run("usage page", chromedp.Navigate(base+"/#/usage"), chromedp.WaitVisible("#invoice-run", chromedp.ByID))
	b.fill("#invoice-sheet", `{"currency": "EUR", "storage_gib_month": {"*": 1`) // not JSON
	b.waitJS("bad sheet refused", `document.querySelector('#invoice-problem')?.textContent.startsWith('not JSON') && document.querySelector('#invoice-run').disabled`)
	b.fill("#invoice-sheet", `{"currency": "EUR", "storage_gib_month": {"*": 20}, "requests_per_1000": {"put": 1, "get": 1}, "egress_gib": 1}`)
	b.run("price the month", chromedp.Click("#invoice-run", chromedp.ByID),
		chromedp.WaitVisible(`#invoice-lines tr.invoice-line[data-account="root"]`, chromedp.ByQuery))
	var lines []string
	b.eval(`[...document.querySelectorAll('#invoice-lines tr.invoice-line[data-account="root"]')].map(r => r.dataset.item)`, &lines)
	b.shot("35-invoice")
	t.Logf("invoice lines of root: %v", lines)
	var csv string
	b.eval(`decodeURIComponent(document.querySelector('#invoice-csv').href.replace(/^data:text\/csv;charset=utf-8,/, ''))`, &csv)
	if !strings.HasPrefix(csv, "account,month,currency,item,") || !strings.Contains(csv, `"root",`) || !strings.Contains(csv, `"total"`) {
		t.Fatalf("invoice CSV:\n%s", csv)
	}
	if !strings.Contains(strings.Join(lines, ","), "storage") {
		t.Fatalf("no storage line for the 600 KiB stored: %v", lines)
	}
	var puts float64
	b.eval(`Number(document.querySelector('#invoice-lines tr.invoice-line[data-account="root"][data-item="requests put"] td:nth-child(3)').textContent)`, &puts)
	if puts <= 0 {
		t.Fatalf("the invoice counts %v thousand PUT requests, want the uploads'", puts)
	}
	t.Logf("invoice: %v thousand PUT-class requests", puts)
	if !strings.Contains(csv, `"requests put",`) {
		t.Fatalf("invoice CSV has no request line:\n%s", csv)
	}

	// Another account may not set quotas: its quota tab is read-only.
	b.logout()
	b.login(testenv.AltAccessKey, testenv.AltSecretKey)
	createBucket(b, "altquota")
	openQuotaTab(b, base, "altquota")
	var ro struct{ Note, Save, Form bool }
	b.eval(`({Note: !!document.querySelector('#quota-bucket .quota-readonly'), Save: !!document.querySelector('#quota-bucket .quota-save'),
		Form: !!document.querySelector('#quota-bucket input[data-field="max_bytes"]')})`, &ro)
	b.shot("36-quota-read-only")
	if !ro.Note || ro.Save || ro.Form {
		t.Fatalf("quota tab for an account that may not set quotas: %+v", ro)
	}
	alt, _ := httpLogin(t, base, testenv.AltAccessKey, testenv.AltSecretKey)
	code, out = alt.do(t, "PUT", "/_strata/api/v1/quotas/bucket/altquota", strings.NewReader(`{"max_bytes": 1}`),
		map[string]string{"Origin": base, "X-CSRF-Token": alt.csrf, "Content-Type": "application/json"})
	if code != 403 {
		t.Fatalf("alt setting a quota: %d %s, want 403", code, out)
	}
}
