package ftp_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestConfinedUser: a user whose policy allows only shared/team/ works
// there and is refused everywhere else, as S3 would refuse it.
func TestConfinedUser(t *testing.T) {
	n := start(t, false)
	n.bucket(t, "shared")
	ctx := context.Background()
	if _, err := n.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("shared"), Key: aws.String("secret.txt"),
		Body: strings.NewReader("not yours")}); err != nil {
		t.Fatal(err)
	}
	key, secret := n.CreateUser(t, "teammate", testenv.ConfinedPolicy("shared", "team/"))
	c := n.dial(t, key, secret)

	if err := c.MakeDir("/shared/team"); err != nil {
		t.Fatalf("MKD team: %v", err)
	}
	if err := c.Stor("/shared/team/a.txt", strings.NewReader("ours")); err != nil {
		t.Fatalf("STOR in team/: %v", err)
	}
	n.wantObject(t, "shared", "team/a.txt", []byte("ours"))
	if got := read(t)(c.Retr("/shared/team/a.txt")); !bytes.Equal(got, []byte("ours")) {
		t.Fatalf("RETR in team/: %q", got)
	}
	if err := c.Rename("/shared/team/a.txt", "/shared/team/b.txt"); err != nil {
		t.Fatalf("rename in team/: %v", err)
	}

	// Outside team/: every change and every read is refused.
	if err := c.Stor("/shared/other.txt", strings.NewReader("x")); err == nil {
		t.Fatal("STOR outside team/ succeeded")
	}
	n.wantNoObject(t, "shared", "other.txt")
	if _, err := c.Retr("/shared/secret.txt"); err == nil {
		t.Fatal("RETR outside team/ succeeded")
	}
	if err := c.Delete("/shared/secret.txt"); err == nil {
		t.Fatal("DELE outside team/ succeeded")
	}
	if err := c.MakeDir("/shared/elsewhere"); err == nil {
		t.Fatal("MKD outside team/ succeeded")
	}
	if err := c.Rename("/shared/team/b.txt", "/shared/out.txt"); err == nil {
		t.Fatal("rename out of team/ succeeded")
	}
	if err := c.MakeDir("/newbucket"); err == nil {
		t.Fatal("MKD of a bucket succeeded")
	}
	n.wantObject(t, "shared", "secret.txt", []byte("not yours"))
	keys := n.keys(t, "shared", "")
	if len(keys) != 3 || keys["team/b.txt"] != 4 {
		t.Fatalf("S3 lists %v, want secret.txt, team/ and team/b.txt", keys)
	}
}
