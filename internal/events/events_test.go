package events

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/event"
)

func TestLaneIsStablePerKey(t *testing.T) {
	counts := make([]int, 8)
	for i := range 8000 {
		key := "k" + strconv.Itoa(i)
		l := lane(key, 8)
		if l != lane(key, 8) || l < 0 || l >= 8 {
			t.Fatalf("lane of %s: %d", key, l)
		}
		counts[l]++
	}
	for l, n := range counts {
		if n < 800 || n > 1200 {
			t.Errorf("lane %d has %d of 8000 keys", l, n)
		}
	}
	if lane("x", 1) != 0 || lane("x", 0) != 0 {
		t.Error("a single lane is lane 0")
	}
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second}
	for i, w := range want {
		if got := backoff(i + 1); got != w {
			t.Errorf("backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
	if backoff(100) != 30*time.Second {
		t.Error("backoff is capped")
	}
}

func TestSignVerify(t *testing.T) {
	body := []byte(`{"Records":[]}`)
	ts := time.Now().Unix()
	h := http.Header{}
	h.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	h.Set(HeaderSignature, Sign("s3cret", ts, body))
	if !Verify("s3cret", h, body, time.Minute) {
		t.Fatal("a good signature is refused")
	}
	if Verify("other", h, body, time.Minute) || Verify("s3cret", h, append(body, ' '), time.Minute) {
		t.Fatal("a wrong secret or body is accepted")
	}
	h.Set(HeaderTimestamp, strconv.FormatInt(ts-3600, 10))
	h.Set(HeaderSignature, Sign("s3cret", ts-3600, body))
	if Verify("s3cret", h, body, time.Minute) {
		t.Fatal("a stale signature is accepted")
	}
}

func TestLoopGuard(t *testing.T) {
	if guarded(event.Event{}, "f") {
		t.Fatal("an event of a client write is guarded")
	}
	if !guarded(event.Event{Cause: []string{"g", "f"}}, "f") {
		t.Fatal("a function runs on its own write")
	}
	if guarded(event.Event{Cause: []string{"g"}}, "f") {
		t.Fatal("chains of different functions are allowed")
	}
	long := make([]string, event.DefaultMaxFunctionDepth)
	if !guarded(event.Event{Cause: long}, "f") {
		t.Fatal("a long chain is not stopped")
	}
}

func TestTargetValidation(t *testing.T) {
	good := []TargetConfig{{Name: "hook", Kind: event.KindWebhook, URL: "http://x/"}, {Name: "feed_1", Kind: event.KindNATS, Subject: "a.b"}}
	for _, tc := range good {
		if err := tc.Validate(); err != nil {
			t.Errorf("%+v: %v", tc, err)
		}
	}
	bad := []TargetConfig{{Name: "a.b", Kind: event.KindWebhook, URL: "http://x/"}, {Name: "h", Kind: event.KindWebhook},
		{Name: "n", Kind: event.KindNATS}, {Name: "x", Kind: "sqs", URL: "u"}, {Name: "", Kind: event.KindWebhook, URL: "u"}}
	for _, tc := range bad {
		if err := tc.Validate(); err == nil {
			t.Errorf("%+v accepted", tc)
		}
	}
}

func TestTargetIDs(t *testing.T) {
	for tgt, want := range map[event.Target]string{
		{Kind: event.KindFunction, Name: "thumb"}: "f_thumb",
		{Kind: event.KindWebhook, Name: "hook"}:   "w_hook",
		{Kind: event.KindNATS, Name: "feed"}:      "n_feed",
	} {
		if got := TargetID(tgt); got != want {
			t.Errorf("%+v: %s, want %s", tgt, got, want)
		}
	}
	if eventSubject("a.b.c") != "strata.events.a_b_c" {
		t.Error("dots in bucket names must not split the subject")
	}
}
