package sites

import (
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// delayProxy is a TCP proxy in front of one blob server, as the link to
// another site: every byte reaches the other side delay later, in each
// direction (bandwidth is not limited), and the bytes the server sends
// back are counted, so a test sees whether a gateway read from it.
type delayProxy struct {
	ln     net.Listener
	target string
	delay  atomic.Int64 // nanoseconds, each way
	served atomic.Int64 // bytes from the server to its clients
	mu     sync.Mutex
	conns  []net.Conn
}

func newDelayProxy(t testing.TB, target string) *delayProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &delayProxy{ln: ln, target: target}
	go p.serve()
	t.Cleanup(p.close)
	return p
}

func (p *delayProxy) Addr() string             { return p.ln.Addr().String() }
func (p *delayProxy) SetDelay(d time.Duration) { p.delay.Store(int64(d)) }

// Served returns the bytes served since the last call.
func (p *delayProxy) Served() int64 { return p.served.Swap(0) }

func (p *delayProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.handle(c)
	}
}

func (p *delayProxy) track(c net.Conn) {
	p.mu.Lock()
	p.conns = append(p.conns, c)
	p.mu.Unlock()
}

func (p *delayProxy) close() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}

func (p *delayProxy) handle(c net.Conn) {
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.track(c)
	p.track(s)
	done := make(chan struct{}, 2)
	go func() { p.pipe(s, c, nil); done <- struct{}{} }()
	go func() { p.pipe(c, s, &p.served); done <- struct{}{} }()
	<-done
	<-done
	c.Close()
	s.Close()
}

// pipe copies src to dst, each read delivered delay after it arrived.
func (p *delayProxy) pipe(dst, src net.Conn, count *atomic.Int64) {
	type packet struct {
		b  []byte
		at time.Time
	}
	q := make(chan packet, 1024)
	go func() {
		defer close(q)
		for {
			b := make([]byte, 64<<10)
			n, err := src.Read(b)
			if n > 0 {
				q <- packet{b[:n], time.Now().Add(time.Duration(p.delay.Load()))}
			}
			if err != nil {
				return
			}
		}
	}()
	for pk := range q {
		time.Sleep(time.Until(pk.at))
		if count != nil {
			count.Add(int64(len(pk.b)))
		}
		if _, err := dst.Write(pk.b); err != nil {
			src.Close() // ends the reader
			for range q {
			}
			break
		}
	}
	if tc, ok := dst.(*net.TCPConn); ok {
		tc.CloseWrite()
	} else {
		dst.Close()
	}
}
