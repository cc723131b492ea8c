package iamtest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// control sends a signed S3 Control call on the account public access
// block, as `aws s3control` does, and returns the status and body.
func control(t *testing.T, endpoint, accountID, method, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, endpoint+"/v20180820/configuration/publicAccessBlock", bytes.NewReader([]byte(body)))
	req.Header.Set("X-Amz-Account-Id", accountID)
	sum := sha256.Sum256([]byte(body))
	h := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Content-Sha256", h)
	creds := aws.Credentials{AccessKeyID: testenv.AccessKey, SecretAccessKey: testenv.SecretKey}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, h, "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestAccountPublicAccessBlock: the account-wide block (S3 Control API)
// takes public grants away from every bucket of the account.
func TestAccountPublicAccessBlock(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root := s.S3()
	id := accountID(t, rootIAM(s))
	b := "pab-account"
	must[*s3.CreateBucketOutput](t)(root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}))
	if err := put(t, root, b, "k", "v"); err != nil {
		t.Fatal(err)
	}
	public := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::pab-account/*"}]}`
	must[*s3.PutBucketPolicyOutput](t)(root.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: &b, Policy: &public}))
	anon := s3.New(s3.Options{BaseEndpoint: aws.String(s.URL()), Region: "us-east-1", UsePathStyle: true})
	if _, err := get(anon, b, "k"); err != nil {
		t.Fatalf("public read: %v", err)
	}
	if st, body := control(t, s.URL(), id, http.MethodGet, ""); st != 404 {
		t.Fatalf("GET before PUT: %d %s", st, body)
	}
	cfg := `<PublicAccessBlockConfiguration><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`
	if st, body := control(t, s.URL(), id, http.MethodPut, cfg); st != 200 {
		t.Fatalf("PUT: %d %s", st, body)
	}
	_, err := get(anon, b, "k")
	wantCode(t, err, "AccessDenied")
	if st, body := control(t, s.URL(), id, http.MethodGet, ""); st != 200 || !bytes.Contains([]byte(body), []byte("<RestrictPublicBuckets>true</RestrictPublicBuckets>")) {
		t.Fatalf("GET: %d %s", st, body)
	}
	if st, _ := control(t, s.URL(), "000000000000", http.MethodGet, ""); st != 403 {
		t.Fatalf("another account's id: %d", st)
	}
	if st, _ := control(t, s.URL(), id, http.MethodDelete, ""); st != 204 {
		t.Fatalf("DELETE: %d", st)
	}
	if _, err := get(anon, b, "k"); err != nil {
		t.Fatalf("public again: %v", err)
	}
}
