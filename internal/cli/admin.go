package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/server"
)

// adminFlags are the flags every command that talks to a running server
// shares: where it is and which credentials to sign with.
type adminFlags struct {
	endpoint string
	dataDir  string
	region   string
	ca       string         // CA bundle file (TLS)
	roots    *x509.CertPool // from ca, once trustCA ran
}

func (a *adminFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&a.endpoint, "endpoint", envOr("STRATA_ENDPOINT", "http://127.0.0.1:9000"), "server S3 endpoint")
	cmd.Flags().StringVar(&a.dataDir, "data", "./data", "data folder to read generated root credentials from, when STRATA_ACCESS_KEY is unset")
	cmd.Flags().StringVar(&a.region, "region", "us-east-1", "S3 region")
	cmd.Flags().StringVar(&a.ca, "ca", os.Getenv(caBundleEnv), "CA bundle to trust for an https endpoint (default $"+caBundleEnv+", else DATA/tls/ca.pem of a local cluster)")
}

// credentials returns the root keys. Every command that calls a server
// asks for them first, so it also sets up the CA trust here.
func (a *adminFlags) credentials() (server.User, error) {
	if err := a.trustCA(); err != nil {
		return server.User{}, err
	}
	u, _, err := server.RootCredentialsReadOnly(a.dataDir, os.Getenv("STRATA_ACCESS_KEY"), os.Getenv("STRATA_SECRET_KEY"))
	return u, err
}

// signedCall sends an admin request signed with u's keys.
func signedCall(ctx context.Context, u server.User, endpoint, region, method, path string, out io.Writer) error {
	return signedBody(ctx, u, endpoint, region, method, path, nil, out)
}

// signedBody is signedCall with a request body (signed by its SHA-256).
func signedBody(ctx context.Context, u server.User, endpoint, region, method, path string, body []byte, out io.Writer) error {
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(endpoint, "/")+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Content-Sha256", hash)
	creds := aws.Credentials{AccessKeyID: u.AccessKey, SecretAccessKey: u.SecretKey}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hash, "s3", region, time.Now()); err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, strings.TrimSpace(string(b)))
	}
	_, err = io.Copy(out, resp.Body)
	return err
}
