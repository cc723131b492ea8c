package consoletest

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/chromedp/chromedp"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/testenv"
)

const bigFolder = 100000

// TestConsoleLargeFolder opens a folder of 100,000 objects. It checks that
// the first page shows after one ListObjectsV2 page (1,000 keys), that
// the DOM holds only the rows in view, and that scrolling fetches pages
// as needed without loading the whole folder. The first-page times are
// logged (figures, not assertions): the time from the route change to the
// first row on screen, as the page measures it with performance.now().
func TestConsoleLargeFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100,000 objects")
	}
	testenv.Heavy(t)
	n := startNode(t)
	ctx := context.Background()
	if _, err := n.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("big")}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	fill(t, n, "big", "folder/", bigFolder)
	t.Logf("wrote %d objects in %v", bigFolder, time.Since(start).Round(time.Millisecond))

	// The S3 page the console asks for, alone.
	t0 := time.Now()
	out, err := n.S3().ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("big"), Prefix: aws.String("folder/"),
		Delimiter: aws.String("/"), MaxKeys: aws.Int32(1000)})
	if err != nil || len(out.Contents) != 1000 {
		t.Fatalf("ListObjectsV2: %v, %d keys", err, len(out.Contents))
	}
	t.Logf("ListObjectsV2 first page (1000 keys) through S3: %v", time.Since(t0).Round(time.Microsecond))

	b := newBrowser(t, n.ConsoleURL())
	b.login(testenv.AccessKey, testenv.SecretKey)
	var times []float64
	for i := 0; i < 5; i++ {
		var ms float64
		b.run("back to buckets", chromedp.Navigate(n.ConsoleURL()+"/#/buckets"), chromedp.WaitVisible(`tr[data-bucket="big"]`, chromedp.ByQuery))
		b.eval(`(async () => {
			const t0 = performance.now();
			location.hash = '#/b/big/' + encodeURIComponent('folder/');
			while (!document.querySelector('#object-list .vrow')) await new Promise(r => requestAnimationFrame(r));
			return performance.now() - t0;
		})()`, &ms)
		times = append(times, ms)
	}
	sort.Float64s(times)
	t.Logf("first page of a %d-object folder on screen, 5 runs (ms, sorted): %.0f; median %.0f", bigFolder, times, times[2])
	b.shot("11-objects-100k")

	var rows, dom int
	b.run("count", chromedp.Evaluate(`Number(document.querySelector('#object-list').dataset.rows)`, &rows),
		chromedp.Evaluate(`document.querySelectorAll('#object-list .vrow').length`, &dom))
	if rows > 2000 || dom > 100 {
		t.Fatalf("after the first page: %d rows loaded, %d in the DOM; want one or two pages and only the visible rows", rows, dom)
	}
	// Scroll to the end of what is loaded, three times: a page comes in each
	// time, and the DOM stays the size of the view.
	for i := 0; i < 3; i++ {
		before := rows
		b.eval(`(() => { const l = document.querySelector('#object-list'); l.scrollTop = l.scrollHeight; return true; })()`, nil)
		b.waitJS("next page", fmt.Sprintf(`Number(document.querySelector('#object-list').dataset.rows) > %d`, before))
		b.run("count", chromedp.Evaluate(`Number(document.querySelector('#object-list').dataset.rows)`, &rows),
			chromedp.Evaluate(`document.querySelectorAll('#object-list .vrow').length`, &dom))
	}
	t.Logf("after 3 scrolls to the end: %d of %d rows loaded, %d rows in the DOM", rows, bigFolder, dom)
	if rows >= bigFolder || dom > 100 {
		t.Fatalf("scrolling loaded %d rows with %d in the DOM: the list is not paged and virtualized", rows, dom)
	}
	var last string
	b.run("last row", chromedp.Text(`#object-list .vrow:last-child .name`, &last, chromedp.ByQuery))
	if !strings.HasPrefix(last, "obj-") {
		t.Fatalf("last visible row %q", last)
	}
}

// fill writes count empty objects under prefix straight through the object
// service (the S3 path is measured elsewhere; here only the listing is).
func fill(t *testing.T, n *testenv.Server, bucket, prefix string, count int) {
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(count) {
					return
				}
				key := fmt.Sprintf("%sobj-%06d", prefix, i)
				if _, err := n.Objects.PutObject(context.Background(), bucket, key, strings.NewReader(""), object.PutOptions{Size: 0}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
}
