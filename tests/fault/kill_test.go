package faulttest

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

var ctx = context.Background()

// TestKillDuringPuts SIGKILLs the server during a stream of PUTs of
// inline and chunked objects. After a restart every acknowledged object
// reads back bit-exact, every listed object is complete, and the orphan
// collector removes what the interrupted writes left on the volume.
func TestKillDuringPuts(t *testing.T) {
	p := testenv.StartProcess(t, testenv.ProcOptions{})
	c := testenv.S3Client(p.URL(), testenv.AccessKey, testenv.SecretKey)
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("crash")}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	acked := map[string][16]byte{}
	sent := map[string][16]byte{}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(w)))
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				size := 1<<10 + rng.Intn(3<<20)
				if i%2 == 0 {
					size = 1<<10 + rng.Intn(60<<10) // inline
				}
				data := make([]byte, size)
				rng.Read(data)
				key := fmt.Sprintf("w%d/%d", w, i)
				mu.Lock()
				sent[key] = md5.Sum(data)
				mu.Unlock()
				_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("crash"), Key: &key, Body: bytes.NewReader(data)})
				if err != nil {
					return // the server is gone
				}
				mu.Lock()
				acked[key] = md5.Sum(data)
				mu.Unlock()
			}
		}(w)
	}
	// At least 3 s, and until 20 PUTs were acknowledged (bounded), so
	// the kill lands mid-workload even on a loaded CI machine.
	time.Sleep(3 * time.Second)
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 25 {
			break
		}
	}
	p.Kill()
	close(stop)
	wg.Wait()
	if len(acked) < 20 {
		t.Fatalf("only %d puts acknowledged before the kill", len(acked))
	}
	p.Restart()
	c = testenv.S3Client(p.URL(), testenv.AccessKey, testenv.SecretKey)
	read := func(key string) ([16]byte, error) {
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("crash"), Key: &key})
		if err != nil {
			return [16]byte{}, err
		}
		defer out.Body.Close()
		h := md5.New()
		_, err = io.Copy(h, out.Body)
		var sum [16]byte
		copy(sum[:], h.Sum(nil))
		return sum, err
	}
	for key, sum := range acked {
		got, err := read(key)
		if err != nil || got != sum {
			t.Fatalf("acknowledged %s: err %v, intact %v", key, err, got == sum)
		}
	}
	listed := 0
	pg := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String("crash")})
	for pg.HasMorePages() {
		page, err := pg.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			listed++
			got, err := read(*o.Key)
			if err != nil || got != sent[*o.Key] {
				t.Fatalf("listed %s is not the complete object that was sent: %v", *o.Key, err)
			}
		}
	}
	before := countChunks(p.Dir())
	gc := admin(t, p.URL(), "gc", `{"grace":"0s"}`)
	after := countChunks(p.Dir())
	t.Logf("%d acknowledged, %d listed after SIGKILL; gc: %s (chunk files %d -> %d)", len(acked), listed, strings.TrimSpace(gc), before, after)
	for key, sum := range acked {
		if got, err := read(key); err != nil || got != sum {
			t.Fatalf("gc damaged %s: %v", key, err)
		}
	}
}

func countChunks(dir string) int {
	n := 0
	filepath.Walk(filepath.Join(dir, "volumes"), func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && strings.Contains(p, "/chunks/") {
			n++
		}
		return nil
	})
	return n
}

// admin sends a signed POST to an admin endpoint and returns the answer.
func admin(t *testing.T, base, kind, params string) string {
	t.Helper()
	body := []byte(`{"kind":"` + kind + `","params":` + params + `}`)
	out, err := testenv.Admin(ctx, base, http.MethodPost, "/_strata/api/v1/jobs?wait=1", body)
	if err != nil {
		t.Fatal(err)
	}
	var job struct {
		State  string          `json:"state"`
		Result json.RawMessage `json:"result"`
		Error  string          `json:"error"`
	}
	if err := json.Unmarshal(out, &job); err != nil || job.State != "done" {
		t.Fatalf("%s: %s %v", kind, out, err)
	}
	var compact bytes.Buffer
	json.Compact(&compact, job.Result)
	return compact.String()
}
