package consoletest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/chromedp/chromedp"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestConsoleDeployThumbnail deploys the thumbnail example from the
// functions page (its manifest and its WebAssembly module), uploads a PNG
// under in/ from the object browser, and sees the 128-pixel thumbnail
// appear under thumbs/ and preview in the console.
func TestConsoleDeployThumbnail(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a wasm module")
	}
	testenv.Heavy(t)
	root := repoRoot(t)
	wasm := filepath.Join(t.TempDir(), "thumbnail.wasm")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", wasm, "./examples/functions/thumbnail")
	cmd.Dir, cmd.Env = root, append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build the example: %v\n%s", err, out)
	}
	manifest, err := os.ReadFile(filepath.Join(root, "examples/functions/thumbnail/manifest.json"))
	if err != nil {
		t.Fatal(err)
	}

	n := startNode(t)
	ctx := context.Background()
	if _, err := n.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("photos")}); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, n.ConsoleURL())
	b.login(testenv.AccessKey, testenv.SecretKey)
	b.run("functions page", chromedp.Navigate(n.ConsoleURL()+"/#/functions"), chromedp.WaitVisible("#fn-manifest", chromedp.ByID))
	b.eval(fmt.Sprintf(`(() => { const t = document.querySelector('#fn-manifest'); t.value = %q; t.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`, manifest), nil)
	b.run("deploy", chromedp.SetUploadFiles("#fn-module", []string{wasm}, chromedp.ByID), chromedp.Click("#fn-deploy", chromedp.ByID),
		chromedp.WaitVisible(`tr[data-function="thumbnail"]`, chromedp.ByQuery))
	b.shot("18-function-deployed")

	img := image.NewRGBA(image.Rect(0, 0, 512, 384))
	for x := 0; x < 512; x++ {
		for y := 0; y < 384; y++ {
			img.Set(x, y, color.RGBA{uint8(x / 2), uint8(y / 2), 200, 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	p := filepath.Join(t.TempDir(), "sunset.png")
	os.WriteFile(p, buf.Bytes(), 0o644)
	b.run("upload under in/", chromedp.Navigate(n.ConsoleURL()+"/#/b/photos/in%2F"), chromedp.WaitVisible("#object-list", chromedp.ByID),
		chromedp.SetUploadFiles("#file-input", []string{p}, chromedp.ByID))
	b.waitJS("uploaded", `!!document.querySelector('#uploads li[data-state="done"]')`)

	// The function runs on the ObjectCreated event; wait for its output.
	deadline := time.Now().Add(90 * time.Second)
	for {
		if _, err := n.S3().HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("photos"), Key: aws.String("thumbs/sunset.png")}); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no thumbnail after 90 s")
		}
		time.Sleep(200 * time.Millisecond)
	}
	b.run("open the thumbnail", chromedp.Navigate(n.ConsoleURL()+"/#/b/photos/thumbs%2F"),
		chromedp.WaitVisible(`button[data-details="thumbs/sunset.png"]`, chromedp.ByQuery),
		chromedp.Click(`button[data-details="thumbs/sunset.png"]`, chromedp.ByQuery), chromedp.WaitVisible("#preview img", chromedp.ByQuery))
	b.waitJS("thumbnail decoded", `document.querySelector('#preview img').complete && document.querySelector('#preview img').naturalWidth > 0`)
	var w int
	b.eval(`document.querySelector('#preview img').naturalWidth`, &w)
	b.shot("19-thumbnail-preview")
	if w != 128 {
		t.Fatalf("thumbnail is %d pixels wide, want 128", w)
	}

	// The function's recent figures, from its invocation records.
	b.run("function stats", chromedp.Navigate(n.ConsoleURL()+"/#/functions"),
		chromedp.WaitVisible(`button[data-stats="thumbnail"]`, chromedp.ByQuery),
		chromedp.Click(`button[data-stats="thumbnail"]`, chromedp.ByQuery), chromedp.WaitVisible("#fn-stats", chromedp.ByID))
	var ok int
	b.eval(`Number(document.querySelector('#fn-stats').dataset.ok)`, &ok)
	b.shot("20-function-stats")
	if ok < 1 {
		t.Fatalf("function stats show %d successful invocations after the thumbnail, want at least 1", ok)
	}
}

func repoRoot(t testing.TB) string {
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}
