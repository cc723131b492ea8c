package usagetest

import (
	"bytes"
	"fmt"
	"math/rand"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestKillInFlight SIGKILLs a server process while 6 clients PUT and GET
// without pause, so that requests are in flight at the kill. After a
// restart, the report must count every request a client saw complete
// (nothing lost: the count is spooled before the last byte goes out),
// and at most the ones that failed on top (a request whose response the
// kill cut may have been counted, once).
func TestKillInFlight(t *testing.T) {
	start := time.Now()
	p := testenv.StartProcess(t, testenv.ProcOptions{})
	ep := p.URL()
	c := client(ep, testenv.AccessKey, testenv.SecretKey, &tally{})
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("inflight")}); err != nil {
		t.Fatal(err)
	}
	var (
		mu            sync.Mutex
		acked, failed [2]int64 // put, get
		wg            sync.WaitGroup
		stop          = make(chan struct{})
		ackedAtKill   int64
		b             = aws.String("inflight")
	)
	note := func(class int, err error) bool {
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			failed[class]++
			return false
		}
		acked[class]++
		return true
	}
	for w := 0; w < 6; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := client(ep, testenv.AccessKey, testenv.SecretKey, &tally{})
			rng := rand.New(rand.NewSource(int64(w)))
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				k := aws.String(fmt.Sprintf("w%d/%d", w, i))
				data := make([]byte, 1+rng.Intn(256<<10))
				rng.Read(data)
				_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: k, Body: bytes.NewReader(data)})
				if !note(0, err) {
					return
				}
				out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: k})
				if err == nil {
					var n int64
					n, err = readAll(out)
					if err == nil && n != int64(len(data)) {
						err = fmt.Errorf("short body %d of %d", n, len(data))
					}
				}
				if !note(1, err) {
					return
				}
			}
		}()
	}
	// At least 2 s, and until 20 PUTs were acknowledged (bounded): the
	// kill must land mid-workload even on a loaded CI machine.
	time.Sleep(2 * time.Second)
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		mu.Lock()
		n := acked[0]
		mu.Unlock()
		if n >= 25 {
			break
		}
	}
	mu.Lock()
	ackedAtKill = acked[0] + acked[1]
	mu.Unlock()
	p.Kill()
	close(stop)
	wg.Wait()
	t.Logf("acknowledged %d PUTs and %d GETs (%d before the kill signal), failed %d PUTs and %d GETs",
		acked[0], acked[1], ackedAtKill, failed[0], failed[1])
	if acked[0] < 20 || failed[0]+failed[1] == 0 {
		t.Fatalf("the kill did not land mid-workload (%d acked, %d failed)", acked[0], failed[0]+failed[1])
	}
	p.Restart()
	got := rows(t, http.DefaultClient, testenv.AccessKey, testenv.SecretKey, []string{ep}, ep, start)["root/inflight"]
	t.Logf("counted %d PUTs, %d GETs", got.Put, got.Get)
	if got.Put < acked[0] || got.Put > acked[0]+failed[0] {
		t.Errorf("PUTs counted %d, want in [%d, %d]", got.Put, acked[0], acked[0]+failed[0])
	}
	if got.Get < acked[1] || got.Get > acked[1]+failed[1] {
		t.Errorf("GETs counted %d, want in [%d, %d]", got.Get, acked[1], acked[1]+failed[1])
	}
}
