package ftp_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// rawSession is a logged-in control connection spoken by hand, for what
// client libraries do not do on cue (ABOR mid-upload, a dying client).
type rawSession struct {
	t    *testing.T
	conn net.Conn
	tp   *textproto.Conn
}

func rawLogin(t *testing.T, addr string) *rawSession {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(60 * time.Second))
	r := &rawSession{t: t, conn: conn, tp: textproto.NewConn(conn)}
	r.expect(220)
	r.send(331, "USER %s", testenv.AccessKey)
	r.send(230, "PASS %s", testenv.SecretKey)
	r.send(200, "TYPE I")
	return r
}

func (r *rawSession) expect(code int) string {
	r.t.Helper()
	c, msg, err := r.tp.ReadResponse(code)
	if err != nil {
		r.t.Fatalf("want %d, got %d %s: %v", code, c, msg, err)
	}
	return msg
}

func (r *rawSession) send(code int, format string, args ...any) string {
	r.t.Helper()
	if err := r.tp.PrintfLine(format, args...); err != nil {
		r.t.Fatal(err)
	}
	return r.expect(code)
}

var pasvRE = regexp.MustCompile(`(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)`)

// store opens a passive data connection and starts STOR p on it.
func (r *rawSession) store(p string) net.Conn {
	r.t.Helper()
	m := pasvRE.FindStringSubmatch(r.send(227, "PASV"))
	if m == nil {
		r.t.Fatal("bad PASV answer")
	}
	hi, _ := strconv.Atoi(m[5])
	lo, _ := strconv.Atoi(m[6])
	data, err := net.DialTimeout("tcp", fmt.Sprintf("%s.%s.%s.%s:%d", m[1], m[2], m[3], m[4], hi*256+lo), 10*time.Second)
	if err != nil {
		r.t.Fatal(err)
	}
	r.send(150, "STOR %s", p)
	return data
}

// TestAbortedUploadLeavesNothing: an upload aborted mid-way (ABOR, or a
// client that dies) publishes nothing: a new file does not appear, an
// overwritten one keeps its old content, and no hidden upload stays.
func TestAbortedUploadLeavesNothing(t *testing.T) {
	n := start(t, false)
	n.bucket(t, "abort")
	old := []byte("the old content\n")
	if _, err := n.s3.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("abort"),
		Key: aws.String("dir/old.bin"), Body: strings.NewReader(string(old))}); err != nil {
		t.Fatal(err)
	}
	chunk := random(t, 1<<20)
	for _, target := range []string{"/abort/dir/new.bin", "/abort/dir/old.bin"} {
		// ABOR after 3 MiB: NOOP's answer comes after the transfer
		// has ended (the server runs no command beside a transfer but
		// ABOR, STAT and QUIT), so its cleanup is done by then.
		r := rawLogin(t, n.addr)
		data := r.store(target)
		for i := 0; i < 3; i++ {
			if _, err := data.Write(chunk); err != nil {
				t.Fatal(err)
			}
		}
		r.tp.PrintfLine("ABOR")
		for {
			code, msg, err := r.tp.ReadResponse(0)
			if err != nil {
				t.Fatalf("after ABOR: %d %s %v", code, msg, err)
			}
			if code == 226 || code == 225 {
				break
			}
		}
		data.Close()
		r.send(200, "NOOP")
		n.wantNoObject(t, "abort", "dir/new.bin")
		n.wantObject(t, "abort", "dir/old.bin", old)
		if k := n.keys(t, "abort", ""); len(k) != 1 {
			t.Fatalf("after ABOR of %s S3 lists %v, want dir/old.bin only", target, k)
		}
	}

	// A client that dies mid-upload (both connections reset).
	r := rawLogin(t, n.addr)
	data := r.store("/abort/dir/new.bin")
	if _, err := data.Write(chunk); err != nil {
		t.Fatal(err)
	}
	for _, c := range []net.Conn{data, r.conn} {
		c.(*net.TCPConn).SetLinger(0)
		c.Close()
	}
	// The cleanup runs when the server notices; wait for the hidden
	// upload to go (bounded), then check nothing was published.
	deadline := time.Now().Add(20 * time.Second)
	for len(n.keys(t, "abort", "")) != 1 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if k := n.keys(t, "abort", ""); len(k) != 1 {
		t.Fatalf("after a dead client S3 lists %v, want dir/old.bin only", k)
	}
	n.wantNoObject(t, "abort", "dir/new.bin")
}

// TestPassivePorts: PASV answers the listener's address and a port of
// the configured range.
func TestPassivePorts(t *testing.T) {
	n := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.FTPAddr = "127.0.0.1:0"
		c.FTPPassivePorts = "47310-47339"
	}})
	r := rawLogin(t, n.ProtocolAddr("ftp"))
	for i := 0; i < 3; i++ {
		m := pasvRE.FindStringSubmatch(r.send(227, "PASV"))
		if m == nil || strings.Join(m[1:5], ".") != "127.0.0.1" {
			t.Fatalf("PASV answer %v", m)
		}
		hi, _ := strconv.Atoi(m[5])
		lo, _ := strconv.Atoi(m[6])
		if p := hi*256 + lo; p < 47310 || p > 47339 {
			t.Fatalf("passive port %d outside 47310-47339", p)
		}
	}
}

// TestCloseEndsClients: closing the node hangs up on connected clients,
// one idle and one in the middle of an upload (its 150 received).
func TestCloseEndsClients(t *testing.T) {
	n := start(t, false)
	n.bucket(t, "closing")
	idle := rawLogin(t, n.addr)
	r := rawLogin(t, n.addr)
	data := r.store("/closing/partial.bin")
	if _, err := data.Write(random(t, 1<<20)); err != nil {
		t.Fatal(err)
	}
	if err := n.Node.Close(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []*rawSession{idle, r} {
		c.conn.SetDeadline(time.Now().Add(20 * time.Second))
		if _, err := c.tp.ReadLine(); err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("a client is still connected after Close (%v)", err)
		}
	}
}
