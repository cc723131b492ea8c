package testenv

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// Admin calls the admin API at endpoint with the root test credentials and
// returns the body of a 200 answer, or an error with the status and body.
func Admin(ctx context.Context, endpoint, method, path string, body []byte) ([]byte, error) {
	return AdminAs(ctx, endpoint, AccessKey, SecretKey, method, path, body)
}

// AdminAs is Admin with given credentials.
func AdminAs(ctx context.Context, endpoint, ak, sk, method, path string, body []byte) ([]byte, error) {
	return AdminWith(ctx, http.DefaultClient, endpoint, ak, sk, method, path, body)
}

// AdminWith is AdminAs through hc (e.g. LocalCluster.HTTP, which trusts a
// TLS cluster's CA).
func AdminWith(ctx context.Context, hc *http.Client, endpoint, ak, sk, method, path string, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(endpoint, "/")+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Content-Sha256", hash)
	if err := v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: ak, SecretAccessKey: sk}, req, hash, "s3", "us-east-1", time.Now()); err != nil {
		return nil, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return b, fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, bytes.TrimSpace(b))
	}
	return b, nil
}
