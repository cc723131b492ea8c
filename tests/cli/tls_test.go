package clitest

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

func strataRun(t *testing.T, bin string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("strata %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// TestCertCommandsAndServerTLS: `strata cert` makes a CA and a node
// certificate usable as server and client; a server started with them
// serves S3 over TLS only, the CLI trusts it with --ca, and SIGHUP makes
// it serve a reissued certificate without a restart.
func TestCertCommandsAndServerTLS(t *testing.T) {
	bin := testenv.Binary(t)
	certs, data := t.TempDir(), t.TempDir()
	strataRun(t, bin, "cert", "ca", "--dir", certs)
	strataRun(t, bin, "cert", "node", "n1", "--ip", "127.0.0.1", "--dns", "localhost", "--dir", certs)
	caFile, certFile, keyFile := filepath.Join(certs, "ca.pem"), filepath.Join(certs, "n1.pem"), filepath.Join(certs, "n1-key.pem")

	pem, err := os.ReadFile(caFile)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(pem)
	pair, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, usage := range []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth} {
		if _, err := pair.Leaf.Verify(x509.VerifyOptions{Roots: roots, DNSName: "127.0.0.1", KeyUsages: []x509.ExtKeyUsage{usage}}); err != nil {
			t.Fatalf("node certificate for usage %v: %v", usage, err)
		}
	}
	if st, err := os.Stat(keyFile); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("node key mode: %v %v", st.Mode(), err)
	}
	if st, err := os.Stat(filepath.Join(certs, "ca-key.pem")); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("CA key mode: %v %v", st.Mode(), err)
	}

	addr := testenv.FreeAddr(t)
	cmd := exec.Command(bin, "server", "--data", data, "--s3-addr", addr, "--tls-cert", certFile, "--tls-key", keyFile, "--tls-ca", caFile)
	cmd.Env = append(os.Environ(), "STRATA_ACCESS_KEY="+testenv.AccessKey, "STRATA_SECRET_KEY="+testenv.SecretKey)
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()
	for i := 0; i < 600 && !strings.Contains(out.String(), "s3 endpoint ready"); i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(out.String(), "s3 endpoint ready") {
		t.Fatalf("server did not start:\n%s", out.String())
	}

	// Plain HTTP: no answer.
	if resp, err := http.Get("http://" + addr + "/_strata/health"); err == nil {
		resp.Body.Close()
		t.Fatalf("plain HTTP answered %s", resp.Status)
	}
	// S3 with the CA.
	endpoint := "https://" + addr
	c := testenv.S3ClientCA(endpoint, testenv.AccessKey, testenv.SecretKey, roots)
	ctx := context.Background()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("tlsb")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("tlsb"), Key: aws.String("k"), Body: strings.NewReader("over tls")}); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("tlsb"), Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(got.Body)
	got.Body.Close()
	if string(body) != "over tls" {
		t.Fatalf("got %q", body)
	}

	// The CLI: --ca trusts the CA; without it the server is refused.
	env := append(os.Environ(), "STRATA_ACCESS_KEY="+testenv.AccessKey, "STRATA_SECRET_KEY="+testenv.SecretKey)
	list := exec.Command(bin, "cluster", "list", "--json", "--endpoint", endpoint, "--ca", caFile)
	list.Env = env
	if b, err := list.CombinedOutput(); err != nil || !bytes.Contains(b, []byte(`"blob"`)) {
		t.Fatalf("cluster list --ca: %v\n%s", err, b)
	}
	bare := exec.Command(bin, "cluster", "list", "--endpoint", endpoint)
	bare.Env = env
	if b, err := bare.CombinedOutput(); err == nil || !strings.Contains(string(b), "certificate") {
		t.Fatalf("cluster list without the CA: %v\n%s", err, b)
	}

	// SIGHUP: a reissued certificate is served on new connections.
	serial := func() string {
		conn, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: roots})
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		return conn.ConnectionState().PeerCertificates[0].SerialNumber.String()
	}
	before := serial()
	strataRun(t, bin, "cert", "node", "n1", "--ip", "127.0.0.1", "--dir", certs)
	if serial() != before {
		t.Fatal("the new certificate was served before SIGHUP")
	}
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); serial() == before; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("SIGHUP did not reload the certificate:\n%s", out.String())
		}
	}
	// The reloader swaps the certificate, then logs: the line may trail
	// the first handshake that sees the new one.
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(out.String(), "TLS certificate reloaded"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no reload in the log:\n%s", out.String())
		}
	}
	// Still serving after the reload (a process killed by SIGHUP would not).
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("tlsb"), Key: aws.String("k")}); err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a bytes.Buffer the server process writes to while the
// test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
