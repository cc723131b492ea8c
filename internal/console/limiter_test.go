package console

import (
	"net/http"
	"testing"
	"time"
)

// clock is a settable time source.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestLimiterDoublesAfterFreeFailures(t *testing.T) {
	c := &clock{t: time.Unix(1e9, 0)}
	l := newLimiter(c.now)
	for i := 0; i < freeFailures; i++ {
		if w := l.wait("key:a"); w != 0 {
			t.Fatalf("attempt %d: wait %v, want 0", i+1, w)
		}
		l.fail("key:a", "ip:1")
	}
	// Each failure past the free ones doubles the delay.
	for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
		if w := l.wait("key:a"); w != want {
			t.Fatalf("after %d failures: wait %v, want %v", freeFailures+i, w, want)
		}
		c.t = c.t.Add(want)
		if w := l.wait("key:a"); w != 0 {
			t.Fatalf("after waiting %v: still %v", want, w)
		}
		l.fail("key:a", "ip:1")
	}
	// The address is as slow as the key; another address is not.
	if l.wait("ip:1") != 16*time.Second || l.wait("ip:2") != 0 {
		t.Fatalf("ip:1 wait %v, ip:2 wait %v", l.wait("ip:1"), l.wait("ip:2"))
	}
	l.succeed("key:a", "ip:1")
	if w := l.wait("key:a", "ip:1"); w != 0 {
		t.Fatalf("after a success: wait %v", w)
	}
	if d := delayAfter(100); d != maxDelay {
		t.Fatalf("delay after 100 failures %v, want the cap %v", d, maxDelay)
	}
}

func TestSessionsExpire(t *testing.T) {
	c := &clock{t: time.Unix(1e9, 0)}
	s := newSessions(3*time.Hour, time.Hour, c.now)
	se := s.create("AK", "acct", "u")
	req := func() *http.Request {
		r, _ := http.NewRequest("GET", "/", nil)
		r.AddCookie(&http.Cookie{Name: cookieName, Value: se.id})
		return r
	}
	for i := 0; i < 2; i++ { // used every 59 minutes: stays alive...
		c.t = c.t.Add(59 * time.Minute)
		if s.get(req()) == nil {
			t.Fatalf("session gone after %d idle periods of 59 min", i+1)
		}
	}
	c.t = c.t.Add(61 * time.Minute) // ...until idle for more than an hour
	if s.get(req()) != nil {
		t.Fatal("session alive after 61 idle minutes")
	}
	se = s.create("AK", "acct", "u")
	for i := 0; i < 4; i++ {
		c.t = c.t.Add(50 * time.Minute)
		s.get(req())
	}
	if s.get(req()) != nil {
		t.Fatal("session alive past its absolute lifetime")
	}
	if s.len() != 0 {
		t.Fatalf("%d sessions left", s.len())
	}
}
