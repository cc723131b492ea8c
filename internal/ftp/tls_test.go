package ftp_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestTLSLogin: with a node certificate, a client logs in over explicit
// TLS (AUTH TLS, PROT P) and transfers; a wrong secret is still refused.
func TestTLSLogin(t *testing.T) {
	n := start(t, true)
	n.bucket(t, "sec")
	c := n.root(t)
	data := random(t, 1<<20+9)
	if err := c.Stor("/sec/f", bytes.NewReader(data)); err != nil {
		t.Fatalf("STOR over TLS: %v", err)
	}
	if got := read(t)(c.Retr("/sec/f")); !bytes.Equal(got, data) {
		t.Fatalf("RETR over TLS: %d bytes", len(got))
	}
	n.wantObject(t, "sec", "f", data)
	_, err := n.connect(testenv.AccessKey, "wrong")
	var te *textproto.Error
	if !errors.As(err, &te) || te.Code != 530 {
		t.Fatalf("wrong secret over TLS: %v, want 530", err)
	}
}

// TestPlainLoginRefusedWhenTLS: when TLS is on, USER on a plain control
// connection is refused before any password is sent.
func TestPlainLoginRefusedWhenTLS(t *testing.T) {
	n := start(t, true)
	conn, err := net.DialTimeout("tcp", n.addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	tp := textproto.NewConn(conn)
	if _, _, err := tp.ReadResponse(220); err != nil {
		t.Fatalf("greeting: %v", err)
	}
	feat := cmd(t, tp, "FEAT")
	if !strings.Contains(feat, "AUTH TLS") {
		t.Fatalf("FEAT does not offer AUTH TLS: %q", feat)
	}
	id, _ := tp.Cmd("USER %s", testenv.AccessKey)
	tp.StartResponse(id)
	code, msg, _ := tp.ReadResponse(0)
	tp.EndResponse(id)
	if code != 421 && code != 530 && code != 534 {
		t.Fatalf("USER without TLS: %d %s, want a refusal", code, msg)
	}
	// The server hangs up: no PASS can follow.
	if _, err := bufio.NewReader(conn).ReadByte(); err == nil {
		t.Fatal("connection still open after the refusal")
	}
}

// cmd sends a command and returns its (possibly multi-line) answer.
func cmd(t *testing.T, tp *textproto.Conn, format string, args ...any) string {
	t.Helper()
	id, err := tp.Cmd(format, args...)
	if err != nil {
		t.Fatal(err)
	}
	tp.StartResponse(id)
	defer tp.EndResponse(id)
	_, msg, err := tp.ReadResponse(0)
	if err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return msg
}

// TestSecureTransportReachesPolicies: the session's requests carry the
// control connection's TLS, so a policy that allows only secure
// transport (aws:SecureTransport) lets an FTPS user work.
func TestSecureTransportReachesPolicies(t *testing.T) {
	n := start(t, true)
	n.bucket(t, "tlsonly")
	policy := `{"Version":"2012-10-17","Statement":[
{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::tlsonly","arn:aws:s3:::tlsonly/*"],
 "Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`
	key, secret := n.createUserTLS(t, "secure-only", policy)
	c := n.dial(t, key, secret)
	if err := c.Stor("/tlsonly/f", strings.NewReader("over TLS")); err != nil {
		t.Fatalf("STOR under a SecureTransport policy: %v", err)
	}
	n.wantObject(t, "tlsonly", "f", []byte("over TLS"))
}

// createUserTLS is testenv's CreateUser on a TLS node (its IAM client
// trusts the test CA).
func (n *node) createUserTLS(t *testing.T, name, policy string) (string, string) {
	t.Helper()
	ctx := context.Background()
	ic := iam.New(iam.Options{BaseEndpoint: aws.String(n.URL()), Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(testenv.AccessKey, testenv.SecretKey, ""),
		HTTPClient:  &http.Client{Transport: &http.Transport{TLSClientConfig: n.tls}}})
	if _, err := ic.CreateUser(ctx, &iam.CreateUserInput{UserName: &name}); err != nil {
		t.Fatal(err)
	}
	if _, err := ic.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: &name, PolicyName: aws.String("p"),
		PolicyDocument: &policy}); err != nil {
		t.Fatal(err)
	}
	k, err := ic.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: &name})
	if err != nil {
		t.Fatal(err)
	}
	return *k.AccessKey.AccessKeyId, *k.AccessKey.SecretAccessKey
}
