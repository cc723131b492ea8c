package consoletest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/chromedp/chromedp"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestConsoleOperatorFlow is what an operator does on a fresh node: log
// in, create a bucket, upload three files (one of 30 MiB, in parts) while
// the progress bars move, then find them through S3; create a read-only
// user from the identity page and see that user's upload refused; lock a
// service on the cluster page and see its score drop to 0.
func TestConsoleOperatorFlow(t *testing.T) {
	n := startNode(t)
	b := newBrowser(t, n.ConsoleURL())
	b.login(testenv.AccessKey, testenv.SecretKey)
	b.shot("01-buckets-empty")

	createBucket(b, "photos")
	b.shot("02-buckets")

	// Three files; the large one goes as 4 parts of at most 8 MiB.
	dir := t.TempDir()
	files := map[string][]byte{"a.txt": []byte("hello from the console\n"), "b.bin": make([]byte, 300<<10), "big.bin": make([]byte, 30<<20)}
	var paths []string
	for name, data := range files {
		rand.Read(data)
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	b.run("open bucket", chromedp.Navigate(n.ConsoleURL()+"/#/b/photos/"), chromedp.WaitVisible("#object-list", chromedp.ByID))
	// Record every progress value the page shows, to see the bars move.
	b.eval(`window.__progress = {}; new MutationObserver(() => {
		for (const li of document.querySelectorAll('#uploads li')) {
			const k = li.dataset.upload, v = Number(li.querySelector('progress').value);
			(window.__progress[k] = window.__progress[k] || []).push(v);
		}
	}).observe(document.body, {subtree: true, childList: true, attributes: true}); true`, nil)
	b.run("upload", chromedp.SetUploadFiles("#file-input", paths, chromedp.ByID))
	b.waitJS("uploads done", `document.querySelectorAll('#uploads li[data-state="done"]').length === 3`)
	b.shot("03-objects-uploaded")
	var seen []float64
	b.eval(`window.__progress['big.bin'] || []`, &seen)
	between := 0
	for _, v := range seen {
		if v > 0 && v < float64(len(files["big.bin"])) {
			between++
		}
	}
	if between == 0 {
		t.Fatalf("the 30 MiB upload's progress never showed a value between 0 and its size: %v", seen)
	}
	t.Logf("30 MiB upload: %d progress updates, %d strictly between 0 and the size", len(seen), between)

	// Through S3, the objects are there with the bytes sent.
	cl := n.S3()
	for name, data := range files {
		out, err := cl.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String("photos"), Key: aws.String(name)})
		if err != nil {
			t.Fatalf("S3 GetObject %s: %v", name, err)
		}
		got, _ := io.ReadAll(out.Body)
		out.Body.Close()
		if sha256.Sum256(got) != sha256.Sum256(data) {
			t.Fatalf("%s through S3: %d bytes, differ from the %d uploaded", name, len(got), len(data))
		}
	}
	b.waitJS("listing", `document.querySelectorAll('#object-list .vrow').length === 3`)

	// A share link works without a session, for whoever holds it.
	b.run("share", chromedp.Click(`button[data-share="a.txt"]`, chromedp.ByQuery), chromedp.Click("#share-make", chromedp.ByID),
		chromedp.WaitVisible("#share-url", chromedp.ByID))
	var link string
	b.run("share url", chromedp.Value("#share-url", &link, chromedp.ByID))
	b.shot("04-share-link")
	if body := fetchURL(t, link); !bytes.Equal(body, files["a.txt"]) {
		t.Fatalf("share link answered %q", body)
	}

	readOnlyUser(t, b, n)
	lockService(t, b, n)
}

// readOnlyUser creates a user with AmazonS3ReadOnlyAccess on the identity
// page, logs in with the key it shows once, and sees an upload refused by
// the gateway (and a bucket creation refused by the API behind the page).
func readOnlyUser(t *testing.T, b *browser, n *testenv.Server) {
	b.run("identity page", chromedp.Navigate(n.ConsoleURL()+"/#/identity"), chromedp.WaitVisible("#user-name", chromedp.ByID),
		chromedp.SendKeys("#user-name", "reader", chromedp.ByID))
	// The button stays disabled while the page loads its lists; a click
	// then is lost.
	b.waitJS("create enabled", `!document.querySelector('#create-user-btn').disabled`)
	b.run("create user", chromedp.Click("#create-user-btn", chromedp.ByID),
		chromedp.WaitVisible(`tr[data-user="reader"]`, chromedp.ByQuery),
		chromedp.Click(`button[data-open="reader"]`, chromedp.ByQuery), chromedp.WaitVisible("#attach-policy", chromedp.ByID))
	b.choose("#attach-policy", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
	b.run("attach and make a key", chromedp.Click("#attach-btn", chromedp.ByID),
		chromedp.WaitVisible(`//li[contains(., "AmazonS3ReadOnlyAccess")]`, chromedp.BySearch),
		chromedp.Click("#create-key", chromedp.ByID), chromedp.WaitVisible("#new-key-secret", chromedp.ByID))
	b.shot("05-identity-new-key")
	var ak, sk string
	b.run("read key", chromedp.Text("#new-key-id", &ak, chromedp.ByID), chromedp.Text("#new-key-secret", &sk, chromedp.ByID))
	b.logout()
	b.login(ak, sk)
	b.run("reader sees the bucket", chromedp.WaitVisible(`tr[data-bucket="photos"]`, chromedp.ByQuery))
	var hidden bool
	b.eval(`document.querySelector('#create-bucket-btn') === null && document.querySelector('#who').textContent.includes('read-only')`, &hidden)
	if !hidden {
		t.Fatal("the read-only user's bucket page offers bucket creation")
	}
	b.shot("06-buckets-read-only")
	p := filepath.Join(t.TempDir(), "refused.txt")
	os.WriteFile(p, []byte("must not land"), 0o644)
	b.run("reader upload", chromedp.Navigate(n.ConsoleURL()+"/#/b/photos/"), chromedp.WaitVisible("#object-list", chromedp.ByID),
		chromedp.SetUploadFiles("#file-input", []string{p}, chromedp.ByID))
	b.waitJS("upload refused", `!!document.querySelector('#uploads li[data-state="failed"]')`)
	var msg string
	b.run("refusal text", chromedp.Text(`#uploads li[data-state="failed"] .state`, &msg, chromedp.ByQuery))
	if !bytes.Contains([]byte(msg), []byte("AccessDenied")) {
		t.Fatalf("read-only upload failed with %q, want AccessDenied", msg)
	}
	b.shot("07-objects-upload-refused")
	// The API behind the page refuses too, whatever the page shows.
	var status int
	b.eval(`fetch('/_console/s3/newbucket', {method: 'PUT', headers: {'X-CSRF-Token': JSON.parse(sessionStorage.getItem('x') || '""') || ''}}).then(r => r.status)`, &status)
	if status != 403 {
		t.Fatalf("PUT bucket without the CSRF token: status %d, want 403", status)
	}
	b.eval(`fetch('/_console/session').then(r => r.json()).then(s => fetch('/_console/s3/newbucket', {method: 'PUT', headers: {'X-CSRF-Token': s.csrf}})).then(r => r.status)`, &status)
	if status != 403 {
		t.Fatalf("read-only user's CreateBucket through the console API: status %d, want 403", status)
	}
	if _, err := n.S3().HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String("photos"), Key: aws.String("refused.txt")}); err == nil {
		t.Fatal("the read-only user's upload landed")
	}
	b.logout()
}

// lockService locks a volume on the cluster page; the page, refreshed
// every second, shows its score at 0, in the table and on the map.
func lockService(t *testing.T, b *browser, n *testenv.Server) {
	b.login(testenv.AccessKey, testenv.SecretKey)
	b.run("cluster page", chromedp.Navigate(n.ConsoleURL()+"/#/cluster"), chromedp.WaitVisible(`tr[data-service]`, chromedp.ByQuery))
	b.waitJS("two refreshes", `Number(document.querySelector('#refresh').dataset.tick) >= 2`)
	b.shot("08-cluster")
	var id string
	b.eval(`[...document.querySelectorAll('tr[data-service]')].map(r => r.dataset.service).find(s => s.startsWith('blob') || s.startsWith('vol')) || document.querySelector('tr[data-service]').dataset.service`, &id)
	checkMapTiles(t, b)
	// Keep the tile's element: the refresh must update it, not replace it.
	b.eval(`window.__tile = document.querySelector('[data-tile="`+id+`"]'); !!window.__tile`, nil)
	b.run("lock", chromedp.Click(`button[data-lock="`+id+`"]`, chromedp.ByQuery))
	b.waitJS("score 0", `(() => { const r = document.querySelector('tr[data-service="`+id+`"]'); return r && r.dataset.locked === 'true' && r.dataset.score === '0'; })()`)
	b.waitJS("map tile locked at 0", `(() => { const e = document.querySelector('[data-tile="`+id+`"]'); return e && e.dataset.locked === 'true' && e.dataset.score === '0' && e.dataset.state === 'locked' && /score 0, locked/.test(e.getAttribute('aria-label')); })()`)
	var same bool
	b.eval(`document.querySelector('[data-tile="`+id+`"]') === window.__tile`, &same)
	if !same {
		t.Fatal("the map re-created the locked service's tile instead of updating it")
	}
	b.shot("09-cluster-locked")
	b.run("unlock", chromedp.Click(`button[data-lock="`+id+`"]`, chromedp.ByQuery))
	b.waitJS("unlocked", `document.querySelector('tr[data-service="`+id+`"]').dataset.locked === 'false'`)
}

// checkMapTiles checks that the cluster map holds one tile per service of
// the table, inside a site › rack › host box, each with its score in its
// label.
func checkMapTiles(t *testing.T, b *browser) {
	var bad []string
	b.eval(`[...document.querySelectorAll('tr[data-service]')].flatMap(r => {
		const id = r.dataset.service;
		const tiles = [...document.querySelectorAll('#cluster-map .cmap-site .cmap-rack .cmap-host [data-tile]')].filter(e => e.dataset.tile === id);
		if (tiles.length !== 1) return [id + ': ' + tiles.length + ' tiles'];
		const e = tiles[0];
		return (e.getAttribute('aria-label') || '').includes('score ' + e.dataset.score) ? [] : [id + ': label ' + e.getAttribute('aria-label')];
	})`, &bad)
	if len(bad) > 0 {
		t.Fatalf("cluster map tiles: %v", bad)
	}
	var n int
	b.eval(`document.querySelectorAll('#cluster-map [data-tile]').length`, &n)
	var rows int
	b.eval(`document.querySelectorAll('tr[data-service]').length`, &rows)
	if n != rows || n == 0 {
		t.Fatalf("cluster map: %d tiles for %d services", n, rows)
	}
	t.Logf("cluster map: %d tiles, one per service", n)
}
