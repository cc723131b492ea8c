package consoletest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/chromedp/chromedp"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestConsoleUploadResumes: an upload interrupted after its first part
// (left as a multipart upload whose id the page remembered) resumes when
// the same file is dropped again: the first part is not sent again, the
// progress starts at 8 MiB, and the object is whole.
func TestConsoleUploadResumes(t *testing.T) {
	n := startNode(t)
	ctx := context.Background()
	cl := n.S3()
	if _, err := cl.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("resume")}); err != nil {
		t.Fatal(err)
	}
	const part = 8 << 20
	data := make([]byte, 20<<20)
	rand.Read(data)
	p := filepath.Join(t.TempDir(), "movie.bin")
	os.WriteFile(p, data, 0o644)
	mtime := time.UnixMilli(1764547200000)
	os.Chtimes(p, mtime, mtime)

	// The interrupted upload: created, part 1 sent, never completed.
	mp, err := cl.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("resume"), Key: aws.String("movie.bin")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("resume"), Key: aws.String("movie.bin"), UploadId: mp.UploadId,
		PartNumber: aws.Int32(1), Body: bytes.NewReader(data[:part])}); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, n.ConsoleURL())
	b.login(testenv.AccessKey, testenv.SecretKey)
	b.run("open bucket", chromedp.Navigate(n.ConsoleURL()+"/#/b/resume/"), chromedp.WaitVisible("#object-list", chromedp.ByID))
	// What the page wrote to localStorage when the upload started.
	b.eval(fmt.Sprintf(`localStorage.setItem('strata-upload:resume/movie.bin:%d:%d', %q); true`, len(data), mtime.UnixMilli(), aws.ToString(mp.UploadId)), nil)
	b.eval(`window.__progress = []; new MutationObserver(() => {
		const pr = document.querySelector('#uploads li progress');
		if (pr) window.__progress.push(Number(pr.value));
	}).observe(document.body, {subtree: true, childList: true, attributes: true}); true`, nil)
	b.run("upload again", chromedp.SetUploadFiles("#file-input", []string{p}, chromedp.ByID))
	b.waitJS("done", `!!document.querySelector('#uploads li[data-state="done"]')`)
	var seen []float64
	b.eval(`window.__progress.filter(v => v > 0)`, &seen)
	if len(seen) == 0 || seen[0] < part {
		t.Fatalf("progress values %v: the resumed upload did not start at the part already sent (%d)", seen, part)
	}
	out, err := cl.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("resume"), Key: aws.String("movie.bin")})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if sha256.Sum256(got) != sha256.Sum256(data) {
		t.Fatalf("resumed object: %d bytes, differs from the file", len(got))
	}
	ups, _ := cl.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String("resume")})
	if len(ups.Uploads) != 0 {
		t.Fatalf("%d multipart uploads left", len(ups.Uploads))
	}
	var left string
	b.eval(`Object.keys(localStorage).filter(k => k.startsWith('strata-upload:')).join(',')`, &left)
	if left != "" {
		t.Fatalf("resume records left in localStorage: %s", left)
	}
	t.Logf("resumed upload: first progress value %.0f bytes of %d", seen[0], len(data))
}
