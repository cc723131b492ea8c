package blob

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// slowSource yields data slowly, like a client uploading slowly.
type slowSource struct{ n int }

func (s *slowSource) Read(p []byte) (int, error) {
	if s.n >= 3 {
		return 0, io.EOF
	}
	s.n++
	time.Sleep(150 * time.Millisecond)
	p[0] = 'x'
	return 1, nil
}

// TestPutStallTimeout: a blob server that stops reading the body makes
// Put fail after StallTimeout; a slow caller-side reader does not.
func TestPutStallTimeout(t *testing.T) {
	hung := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.CopyN(io.Discard, r.Body, 1) // take a byte, then hang
		<-hung
	}))
	defer srv.Close()
	defer close(hung) // runs first: frees the handler so Close returns
	c := NewClient(srv.URL, nil)
	c.StallTimeout = 300 * time.Millisecond
	start := time.Now()
	big := strings.NewReader(strings.Repeat("y", 64<<20))
	_, err := c.Put(context.Background(), strata.NewChunkID(), BackRef{Container: "c"}, big)
	if !strata.Is(err, strata.Unavailable) || time.Since(start) > 10*time.Second {
		t.Fatalf("put to a hung server: %v after %v", err, time.Since(start))
	}
	t.Logf("hung server detected after %v: %v", time.Since(start).Round(time.Millisecond), err)

	d, err := OpenDisk(t.TempDir(), DiskOptions{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	ok := httptest.NewServer(NewServer(d, nil))
	defer ok.Close()
	c = NewClient(ok.URL, nil)
	c.StallTimeout = 100 * time.Millisecond // shorter than the source's pauses
	if _, err := c.Put(context.Background(), strata.NewChunkID(), BackRef{Container: "c"}, &slowSource{}); err != nil {
		t.Fatalf("slow caller: %v", err)
	}
}
