package eventstest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestCrashBetweenWriteAndRelay: writes are acknowledged while the relay
// holds their events in the outbox (--events-hold), the server is killed
// with SIGKILL, and after a restart every event reaches the webhook.
// Then the same under load, without holding: SIGKILL mid-stream, and
// every acknowledged write's event arrives after the restart.
func TestCrashBetweenWriteAndRelay(t *testing.T) {
	h := newHook(t)
	p := testenv.StartProcess(t, testenv.ProcOptions{Args: []string{"--events-hold"}})
	c := testenv.S3Client(p.URL(), testenv.AccessKey, testenv.SecretKey)
	addWebhook(t, p.URL(), "hook", h.URL, 0)
	mkBucket(t, c, "crash")
	notify(t, p.URL(), "crash", webhookRule("hook", "", "s3:ObjectCreated:*"))
	const held = 300
	for i := range held {
		put(t, c, "crash", fmt.Sprintf("held/%03d", i), []byte("x"))
	}
	time.Sleep(500 * time.Millisecond)
	if n := len(h.snapshot()); n != 0 {
		t.Fatalf("%d events left the outbox while held", n)
	}
	p.Kill()
	p.RestartWith()
	evs := h.waitFor(t, held, 30*time.Second)
	t.Logf("%d acknowledged writes held in the outbox, SIGKILL, restart: %d events delivered", held, len(evs))

	// Under load: writers run, SIGKILL, restart.
	var mu sync.Mutex
	acked := map[string]bool{}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				key := fmt.Sprintf("load/%d-%05d", w, i)
				ctx2, cancel := contextTimeout(5 * time.Second)
				_, err := c.PutObject(ctx2, &s3.PutObjectInput{Bucket: aws.String("crash"), Key: aws.String(key), Body: bytesReader("y")})
				cancel()
				if err != nil {
					return // the server died: this write was not acknowledged
				}
				mu.Lock()
				acked[key] = true
				mu.Unlock()
			}
		}()
	}
	time.Sleep(1500 * time.Millisecond)
	p.Kill()
	close(stop)
	wg.Wait()
	mu.Lock()
	n := len(acked)
	mu.Unlock()
	p.RestartWith()
	deadline := time.Now().Add(60 * time.Second)
	for {
		got := map[string]bool{}
		for _, ev := range h.snapshot() {
			got[ev.Key] = true
		}
		missing := 0
		for k := range acked {
			if !got[k] {
				missing++
			}
		}
		if missing == 0 {
			t.Logf("under load: %d writes acknowledged before SIGKILL, all their events delivered after the restart", n)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d acknowledged writes have no event", missing, n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
