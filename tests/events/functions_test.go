package eventstest

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/events"
	"github.com/strata-storage/strata/internal/fn"
	"github.com/strata-storage/strata/internal/testenv"
)

func pngImage(t testing.TB, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x + y), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegImage(t testing.TB, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// waitObject polls until an object exists and returns its body.
func waitObject(t *testing.T, c *s3.Client, bucket, key string, within time.Duration) []byte {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
		if err == nil {
			b, _ := io.ReadAll(out.Body)
			out.Body.Close()
			return b
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s/%s did not appear within %v: %v", bucket, key, within, err)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func records(t *testing.T, endpoint, name string, limit int) []fn.Record {
	var recs []fn.Record
	if err := json.Unmarshal(admin(t, endpoint, "GET", fmt.Sprintf("/_strata/api/v1/functions/%s/logs?limit=%d", name, limit), nil), &recs); err != nil {
		t.Fatal(err)
	}
	return recs
}

// waitRecords waits until name has at least n invocation records and
// returns them; within bounds a hang, not speed.
func waitRecords(t *testing.T, endpoint, name string, n int, within time.Duration, what string) []fn.Record {
	t.Helper()
	for deadline := time.Now().Add(within); ; time.Sleep(50 * time.Millisecond) {
		recs := records(t, endpoint, name, n+10)
		if len(recs) >= n {
			return recs
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d of %d invocation records of %s within %v", what, len(recs), n, name, within)
		}
	}
}

// TestExamples deploys the three examples on the embedded default and
// checks their output end to end.
func TestExamples(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	for _, b := range []string{"photos", "docs", "logs"} {
		mkBucket(t, c, b)
	}
	deploy(t, s.URL(), exampleManifest(t, "thumbnail"), module(t, "thumbnail"))
	deploy(t, s.URL(), exampleManifest(t, "indexer"), module(t, "indexer"))
	deploy(t, s.URL(), exampleManifest(t, "gzip"), "")

	t.Run("thumbnail", func(t *testing.T) {
		put(t, c, "photos", "in/big.png", pngImage(t, 640, 480))
		put(t, c, "photos", "in/tall.jpg", jpegImage(t, 300, 900))
		put(t, c, "photos", "in/notes.txt", []byte("not an image"))
		for key, want := range map[string][2]int{"thumbs/big.png": {128, 96}, "thumbs/tall.jpg": {42, 128}} {
			b := waitObject(t, c, "photos", key, 30*time.Second)
			cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s: %v", key, err)
			}
			if cfg.Width != want[0] || cfg.Height != want[1] || !strings.HasSuffix(key, map[string]string{"png": ".png", "jpeg": ".jpg"}[format]) {
				t.Errorf("%s: %s %dx%d, want %dx%d", key, format, cfg.Width, cfg.Height, want[0], want[1])
			}
		}
		// A thumbnail appears while its invocation still runs, and the
		// text file's invocation may still be queued: wait for all three
		// records, with a bound that only a hang reaches.
		recs := waitRecords(t, s.URL(), "thumbnail", 3, 30*time.Second, "three uploads")
		for _, r := range recs {
			if r.Result != fn.ResultOK || r.EventID == "" || r.Agent == "" {
				t.Errorf("record %+v", r)
			}
		}
	})
	t.Run("indexer", func(t *testing.T) {
		body := []byte(strings.Repeat("indexed ", 1000))
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("docs"), Key: aws.String("data/report.txt"),
			Body: bytes.NewReader(body), ContentType: aws.String("text/plain")}); err != nil {
			t.Fatal(err)
		}
		var idx map[string]any
		if err := json.Unmarshal(waitObject(t, c, "docs", "index/data/report.txt.json", 30*time.Second), &idx); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(body)
		if idx["sha256"] != hex.EncodeToString(sum[:]) || idx["size"] != float64(len(body)) || idx["content_type"] != "text/plain" {
			t.Fatalf("index %v", idx)
		}
	})
	t.Run("native-gzip", func(t *testing.T) {
		body := []byte(strings.Repeat("a log line\n", 5000))
		put(t, c, "logs", "raw/app.log", body)
		gz := waitObject(t, c, "logs", "gz/raw/app.log.gz", 30*time.Second)
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(zr)
		if !bytes.Equal(got, body) {
			t.Fatalf("gunzip gives %d bytes, want %d", len(got), len(body))
		}
	})
}

// TestLimitsRetryDeadLetter: a function over its time or memory limit is
// stopped, recorded as failed, retried, then dead-lettered; redrive
// sends it back.
func TestLimitsRetryDeadLetter(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	mkBucket(t, c, "limits")
	retries := 1
	deploy(t, s.URL(), map[string]any{"name": "spin", "triggers": []map[string]any{{"events": []string{"s3:ObjectCreated:*"}, "bucket": "limits", "prefix": "spin/"}},
		"limits": map[string]any{"timeout": "1s"}, "retries": retries}, build(t, "./internal/fn/wasm/testdata/loop"))
	deploy(t, s.URL(), map[string]any{"name": "hog", "triggers": []map[string]any{{"events": []string{"s3:ObjectCreated:*"}, "bucket": "limits", "prefix": "hog/"}},
		// A time limit far off: the memory limit must be what stops hog,
		// however slow the machine (the race detector slows it tenfold).
		"limits": map[string]any{"memory_mib": 32, "timeout": "10m"}, "retries": retries}, build(t, "./internal/fn/wasm/testdata/alloc"))
	put(t, c, "limits", "spin/x", []byte("x"))
	put(t, c, "limits", "hog/x", []byte("x"))
	for name, result := range map[string]string{"spin": fn.ResultTimeout, "hog": fn.ResultMemory} {
		// A bound on a hang, not on speed: a cold compilation under the
		// race detector on a loaded machine takes tens of seconds.
		deadline := time.Now().Add(5 * time.Minute)
		var dead []events.DeadLetter
		for time.Now().Before(deadline) {
			json.Unmarshal(admin(t, s.URL(), "GET", "/_strata/api/v1/events/dead?target=arn:strata:lambda:::function:"+name, nil), &dead)
			if len(dead) > 0 {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
		if len(dead) != 1 || dead[0].Attempts != 1+retries || dead[0].Event.Key != name+"/x" {
			t.Fatalf("%s: dead letters %+v", name, dead)
		}
		recs := records(t, s.URL(), name, 10)
		if len(recs) != 1+retries {
			t.Fatalf("%s: %d records, want %d", name, len(recs), 1+retries)
		}
		for _, r := range recs {
			if r.Result != result || r.EventID != dead[0].Event.ID {
				t.Errorf("%s: record %s %q (%s), want %s for event %s", name, r.Result, r.Error, r.EventID, result, dead[0].Event.ID)
			}
		}
		t.Logf("%s: %s after %d attempts, dead-lettered: %s", name, result, dead[0].Attempts, dead[0].Error)
	}
	// Redrive: the letter goes back to its lane and fails again.
	admin(t, s.URL(), "POST", "/_strata/api/v1/events/redrive", map[string]string{"target": "arn:strata:lambda:::function:spin"})
	waitRecords(t, s.URL(), "spin", 2*(1+retries), 2*time.Minute, "the redriven event") // a few seconds when idle
}

// TestLoopGuard: a function whose writes match its own trigger runs once
// per original write, not forever.
func TestLoopGuard(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	mkBucket(t, c, "loop")
	deploy(t, s.URL(), map[string]any{"name": "copier", "triggers": []map[string]any{{"events": []string{"s3:ObjectCreated:*"}, "bucket": "loop"}},
		"grants": map[string]any{"write": []string{"loop"}}}, build(t, "./tests/events/testdata/copier"))
	put(t, c, "loop", "a", []byte("a"))
	waitObject(t, c, "loop", "copy-a", 30*time.Second)
	// The copy is written inside the invocation, before its record is.
	waitRecords(t, s.URL(), "copier", 1, 30*time.Second, "the copy")
	time.Sleep(2 * time.Second) // room for a re-trigger, were there one
	res, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("loop")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Contents) != 2 {
		t.Fatalf("%d objects: the function re-triggered itself", len(res.Contents))
	}
	if n := len(records(t, s.URL(), "copier", 10)); n != 1 {
		t.Fatalf("%d invocations, want 1", n)
	}
}

// TestInvokeHTTPAndBatch covers the other ways in: HTTP, cron, batch.
func TestInvokeHTTPAndBatch(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	mkBucket(t, c, "bench")
	deploy(t, s.URL(), map[string]any{"name": "trivial"}, module(t, "trivial"))
	deploy(t, s.URL(), map[string]any{"name": "ticker", "schedule": "@every 1s"}, module(t, "trivial"))
	var rec fn.Record
	if err := json.Unmarshal(admin(t, s.URL(), "POST", "/_strata/api/v1/functions/trivial/invoke", "hello"), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.Result != fn.ResultOK || !strings.Contains(rec.Logs, "5 bytes") {
		t.Fatalf("invoke: %+v", rec)
	}
	for i := range 50 {
		put(t, c, "bench", fmt.Sprintf("old/%03d", i), []byte("x"))
	}
	out := admin(t, s.URL(), "POST", "/_strata/api/v1/functions/trivial/batch?bucket=bench&prefix=old/", nil)
	if !strings.Contains(string(out), `"queued": 50`) && !strings.Contains(string(out), `"queued":50`) {
		t.Fatalf("batch: %s", out)
	}
	waitRecords(t, s.URL(), "ticker", 2, 30*time.Second, "the schedule")
	if r := records(t, s.URL(), "ticker", 1)[0]; r.Event != "Schedule" || r.Result != fn.ResultOK {
		t.Fatalf("scheduled run: %+v", r)
	}
	waitRecords(t, s.URL(), "trivial", 51, 30*time.Second, "the invoke and the batch of 50")
}

// TestFunctionNotificationTarget: a bucket's notification configuration
// names a function (CloudFunction / LambdaFunction ARN) instead of the
// function's own triggers.
func TestFunctionNotificationTarget(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	mkBucket(t, c, "notified")
	deploy(t, s.URL(), map[string]any{"name": "trivial"}, module(t, "trivial"))
	notify(t, s.URL(), "notified", &types.NotificationConfiguration{LambdaFunctionConfigurations: []types.LambdaFunctionConfiguration{{
		Id: aws.String("to-fn"), LambdaFunctionArn: aws.String("arn:strata:lambda:::function:trivial"), Events: []types.Event{"s3:ObjectCreated:*"},
		Filter: &types.NotificationConfigurationFilter{Key: &types.S3KeyFilter{FilterRules: []types.FilterRule{
			{Name: types.FilterRuleNameSuffix, Value: aws.String(".csv")}}}}}}})
	put(t, c, "notified", "a.csv", []byte("1,2"))
	put(t, c, "notified", "b.txt", []byte("skip"))
	waitRecords(t, s.URL(), "trivial", 1, 20*time.Second, "the function named by the notification")
	time.Sleep(500 * time.Millisecond)
	recs := records(t, s.URL(), "trivial", 10)
	if len(recs) != 1 || recs[0].Key != "a.csv" || recs[0].Result != fn.ResultOK {
		t.Fatalf("records %+v", recs)
	}
}
