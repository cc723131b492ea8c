package tlsutil

import (
	"bufio"
	"context"
	"crypto/tls"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"syscall"
	"testing"
	"time"
)

// pki makes a CA and a node certificate for 127.0.0.1 in a temp folder.
func pki(t *testing.T) (dir string, s *Set) {
	t.Helper()
	dir = t.TempDir()
	if _, err := MakeCA(dir, "test CA"); err != nil {
		t.Fatal(err)
	}
	cert, key, err := MakeNode(dir, "n1", []net.IP{net.IPv4(127, 0, 0, 1)}, []string{"localhost"})
	if err != nil {
		t.Fatal(err)
	}
	s, err = Load(Files{Cert: cert, Key: key, CA: dir + "/" + CAFile})
	if err != nil {
		t.Fatal(err)
	}
	return dir, s
}

// serve runs an HTTP server on a TLS-only listener with cfg.
func serve(t *testing.T, cfg *tls.Config) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }),
		ErrorLog: slog.NewLogLogger(slog.DiscardHandler, slog.LevelError)}
	go srv.Serve(Listen(ln, cfg))
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

func serverSerial(t *testing.T, addr string, s *Set) string {
	t.Helper()
	c, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: s.Pool})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	return c.ConnectionState().PeerCertificates[0].SerialNumber.String()
}

func TestReloadOnSIGHUP(t *testing.T) {
	dir, s := pki(t)
	addr := serve(t, s.Server())
	before := serverSerial(t, addr, s)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Cert.ReloadOnHUP(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); close(done) }()
	defer func() { cancel(); <-done }()

	if _, _, err := MakeNode(dir, "n1", []net.IP{net.IPv4(127, 0, 0, 1)}, nil); err != nil {
		t.Fatal(err)
	}
	if got := serverSerial(t, addr, s); got != before {
		t.Fatalf("certificate changed before SIGHUP: %s -> %s", before, got)
	}
	// The watcher may not have called signal.Notify yet: send SIGHUP
	// until the new certificate is served (the deadline only bounds a
	// broken reload).
	for deadline := time.Now().Add(10 * time.Second); ; {
		if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
		if got := serverSerial(t, addr, s); got != before {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("SIGHUP did not reload the certificate")
		}
	}
}

func TestReloadKeepsOldOnBadFiles(t *testing.T) {
	_, s := pki(t)
	old := s.Cert.Certificate()
	if err := os.WriteFile(s.Files.Cert, []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Cert.Reload(); err == nil {
		t.Fatal("reload of a broken certificate succeeded")
	}
	if s.Cert.Certificate() != old {
		t.Fatal("a failed reload replaced the certificate")
	}
}

// TestListenNoPlainAnswer: a plain HTTP request gets no byte back (not
// even net/http's "400 ... HTTP request to an HTTPS server").
func TestListenNoPlainAnswer(t *testing.T) {
	_, s := pki(t)
	addr := serve(t, s.Server())
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	b, err := io.ReadAll(c)
	if len(b) != 0 {
		t.Fatalf("plain request answered with %q", b)
	}
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatal("connection left open instead of closed")
	}
	// And TLS works.
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: s.Pool}}}
	resp, err := hc.Get("https://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "ok" {
		t.Fatalf("got %q", body)
	}
}

func TestMutualNeedsClientCert(t *testing.T) {
	_, s := pki(t)
	addr := serve(t, s.Mutual())
	noCert := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: s.Pool}}}
	if resp, err := noCert.Get("https://" + addr + "/"); err == nil {
		resp.Body.Close()
		t.Fatalf("request without a client certificate answered %s", resp.Status)
	}
	// Another CA's certificate is refused too.
	_, other := pki(t)
	foreign := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: s.Pool,
		GetClientCertificate: other.Cert.GetClientCertificate}}}
	if resp, err := foreign.Get("https://" + addr + "/"); err == nil {
		resp.Body.Close()
		t.Fatalf("request with a foreign client certificate answered %s", resp.Status)
	}
	withCert := &http.Client{Transport: &http.Transport{TLSClientConfig: s.Client()}}
	resp, err := withCert.Get("https://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(resp.Body).ReadString('\n')
	resp.Body.Close()
	if resp.StatusCode != 200 || line != "ok" {
		t.Fatalf("got %s %q", resp.Status, line)
	}
}

func TestNodeCertUsages(t *testing.T) {
	_, s := pki(t)
	leaf := s.Cert.Certificate().Leaf
	if leaf == nil {
		t.Fatal("no parsed leaf")
	}
	if len(leaf.ExtKeyUsage) != 2 {
		t.Fatalf("ext key usages %v, want server and client", leaf.ExtKeyUsage)
	}
	if v := leaf.VerifyHostname("127.0.0.1"); v != nil {
		t.Fatal(v)
	}
}

func TestMakeCAKeepsExisting(t *testing.T) {
	dir, _ := pki(t)
	before, _ := os.ReadFile(dir + "/" + CAFile)
	created, err := MakeCA(dir, "again")
	after, _ := os.ReadFile(dir + "/" + CAFile)
	if err != nil || created || string(before) != string(after) {
		t.Fatalf("MakeCA over an existing CA: created %v, err %v, same %v", created, err, string(before) == string(after))
	}
}

// TestSelf: the self config accepts only a peer with this node's own
// certificate, even one signed by the same CA is refused.
func TestSelf(t *testing.T) {
	dir, s := pki(t)
	addr := serve(t, s.Self())
	hc := func(cfg *tls.Config) error {
		c := &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
		resp, err := c.Get("https://" + addr + "/")
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	if err := hc(s.Self()); err != nil {
		t.Fatalf("self connection: %v", err)
	}
	cert, key, err := MakeNode(dir, "n2", []net.IP{net.IPv4(127, 0, 0, 1)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	other, err := Load(Files{Cert: cert, Key: key, CA: dir + "/" + CAFile})
	if err != nil {
		t.Fatal(err)
	}
	if err := hc(other.Client()); err == nil {
		t.Fatal("another node's certificate was accepted by a self listener")
	}
	if err := hc(other.Self()); err == nil {
		t.Fatal("a self config accepted another node's server")
	}
}
