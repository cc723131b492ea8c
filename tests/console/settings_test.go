package consoletest

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/chromedp/chromedp"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestConsoleBucketSettings edits a bucket from its settings panel
// (versioning, a policy that the editor refuses until it is valid JSON,
// CORS, the storage policy), previews an image, asks the policy simulator, and deletes the
// bucket after typing its name; S3 sees each change.
func TestConsoleBucketSettings(t *testing.T) {
	n := startNode(t)
	ctx := context.Background()
	b := newBrowser(t, n.ConsoleURL())
	b.login(testenv.AccessKey, testenv.SecretKey)
	createBucket(b, "cfg")
	b.run("open settings",
		chromedp.WaitVisible(`button[data-settings="cfg"]`, chromedp.ByQuery), chromedp.Click(`button[data-settings="cfg"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#versioning-enable", chromedp.ByID))
	b.waitJS("versioning loaded", `document.querySelector('#versioning-status').textContent !== ''`)
	b.run("enable versioning", chromedp.Click("#versioning-enable", chromedp.ByID))
	b.waitJS("versioning on", `document.querySelector('#versioning-status').textContent === 'Enabled'`)
	v, err := n.S3().GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("cfg")})
	if err != nil || v.Status != "Enabled" {
		t.Fatalf("versioning through S3: %v %v", v.Status, err)
	}

	// The storage policy of new objects, changed from its tab.
	b.run("storage policy", chromedp.Click(`button[data-tab="storage-policy"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#storage-policy-select", chromedp.ByID))
	b.choose("#storage-policy-select", "TWOCOPIES")
	b.run("save storage policy", chromedp.Click("#storage-policy-save", chromedp.ByID), chromedp.WaitVisible("#storage-policy-saved", chromedp.ByID))
	b.waitJS("list shows the policy", `document.querySelector('tr[data-bucket="cfg"] td:nth-child(2)').textContent === 'TWOCOPIES'`)
	b.shot("11-bucket-storage-policy")
	out, err := testenv.Admin(ctx, n.URL(), "GET", "/_strata/api/v1/buckets/cfg", nil)
	var bk struct {
		Policy string `json:"policy"`
	}
	if err != nil || json.Unmarshal(out, &bk) != nil || bk.Policy != "TWOCOPIES" {
		t.Fatalf("bucket after the storage policy tab: %v %s", err, out)
	}

	b.run("bad policy", chromedp.Click(`button[data-tab="policy"]`, chromedp.ByQuery), chromedp.WaitVisible("#policy-editor", chromedp.ByID),
		chromedp.SendKeys("#policy-editor", `{"Statement": [`, chromedp.ByID), chromedp.WaitVisible("#policy-problem", chromedp.ByID))
	var disabled bool
	b.eval(`document.querySelector('#save-policy').disabled`, &disabled)
	if !disabled {
		t.Fatal("the policy editor lets an invalid document be saved")
	}
	b.shot("12-bucket-policy-invalid")
	b.run("good policy", chromedp.Click("#example-policy", chromedp.ByID), chromedp.Click("#save-policy", chromedp.ByID),
		chromedp.WaitVisible("#policy-saved", chromedp.ByID))
	b.shot("13-bucket-policy-saved")
	pol, err := n.S3().GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("cfg")})
	if err != nil || !strings.Contains(aws.ToString(pol.Policy), "arn:aws:s3:::cfg/public/*") {
		t.Fatalf("policy through S3: %v %v", aws.ToString(pol.Policy), err)
	}
	b.run("cors", chromedp.Click(`button[data-tab="cors"]`, chromedp.ByQuery), chromedp.WaitVisible(`div[data-setting="cors"][data-loaded="true"] textarea`, chromedp.ByQuery),
		chromedp.Click(`//div[@data-setting="cors"]//button[text()="Example"]`, chromedp.BySearch),
		chromedp.Click(`//div[@data-setting="cors"]//button[text()="Save"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//div[@data-setting="cors"]//span[text()="saved"]`, chromedp.BySearch))
	cors, err := n.S3().GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String("cfg")})
	if err != nil || len(cors.CORSRules) != 1 || cors.CORSRules[0].AllowedOrigins[0] != "https://example.com" {
		t.Fatalf("CORS through S3: %+v %v", cors, err)
	}

	// An image, previewed from the object's details.
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := 0; x < 64; x++ {
		for y := 0; y < 48; y++ {
			img.Set(x, y, color.RGBA{uint8(4 * x), uint8(5 * y), 160, 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	p := filepath.Join(t.TempDir(), "pic.png")
	os.WriteFile(p, buf.Bytes(), 0o644)
	b.run("upload image", chromedp.Navigate(n.ConsoleURL()+"/#/b/cfg/"), chromedp.WaitVisible("#object-list", chromedp.ByID),
		chromedp.SetUploadFiles("#file-input", []string{p}, chromedp.ByID))
	b.waitJS("uploaded", `!!document.querySelector('#uploads li[data-state="done"]') && !!document.querySelector('button[data-details="pic.png"]')`)
	b.run("details", chromedp.Click(`button[data-details="pic.png"]`, chromedp.ByQuery), chromedp.WaitVisible("#preview img", chromedp.ByQuery))
	b.waitJS("image decoded", `document.querySelector('#preview img').complete && document.querySelector('#preview img').naturalWidth === 64`)
	b.shot("14-object-details-preview")

	// The simulator: a user with no policy may not write.
	b.run("simulator", chromedp.Navigate(n.ConsoleURL()+"/#/identity"), chromedp.WaitVisible("#user-name", chromedp.ByID),
		chromedp.SendKeys("#user-name", "nobody", chromedp.ByID))
	// The button stays disabled while the page loads its lists; a click
	// then is lost.
	b.waitJS("create enabled", `!document.querySelector('#create-user-btn').disabled`)
	b.run("create user", chromedp.Click("#create-user-btn", chromedp.ByID),
		chromedp.WaitReady(`#sim-user option[value="nobody"]`, chromedp.ByQuery))
	b.choose("#sim-user", "nobody")
	b.run("simulate", chromedp.Click("#sim-go", chromedp.ByID), chromedp.WaitVisible("#sim-result", chromedp.ByID))
	var allowed string
	b.run("sim result", chromedp.AttributeValue("#sim-result", "data-allowed", &allowed, nil, chromedp.ByID))
	b.shot("15-identity-simulator")
	if allowed != "false" {
		t.Fatalf("simulator: a user with no policy may PutObject? %q", allowed)
	}

	// Delete the bucket: the button stays disabled until the name is typed.
	b.run("empty the bucket", chromedp.Navigate(n.ConsoleURL()+"/#/b/cfg/"), chromedp.WaitVisible(`button[data-delete="pic.png"]`, chromedp.ByQuery),
		chromedp.Click(`button[data-delete="pic.png"]`, chromedp.ByQuery), chromedp.Click(`button[data-confirm-delete="pic.png"]`, chromedp.ByQuery),
		chromedp.WaitVisible(".empty", chromedp.ByQuery))
	// Versioned: the delete left a marker and the old version; remove them through S3.
	vs, _ := n.S3().ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String("cfg")})
	for _, v := range vs.Versions {
		n.S3().DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("cfg"), Key: v.Key, VersionId: v.VersionId})
	}
	for _, m := range vs.DeleteMarkers {
		n.S3().DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("cfg"), Key: m.Key, VersionId: m.VersionId})
	}
	b.run("delete bucket", chromedp.Navigate(n.ConsoleURL()+"/#/buckets"), chromedp.WaitVisible(`button[data-delete="cfg"]`, chromedp.ByQuery),
		chromedp.Click(`button[data-delete="cfg"]`, chromedp.ByQuery), chromedp.WaitVisible("#confirm-input", chromedp.ByID))
	b.eval(`document.querySelector('#confirm-yes').disabled`, &disabled)
	if !disabled {
		t.Fatal("bucket deletion possible before typing its name")
	}
	b.run("confirm", chromedp.SendKeys("#confirm-input", "cfg", chromedp.ByID), chromedp.Click("#confirm-yes", chromedp.ByID),
		chromedp.WaitNotPresent(`tr[data-bucket="cfg"]`, chromedp.ByQuery))
	if _, err := n.S3().HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("cfg")}); err == nil {
		t.Fatal("the bucket is still there")
	}
}
