package smb

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/strata-storage/strata/internal/strata"
)

// emptySHA256 is the payload hash of a request without a body.
const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// listBuckets lists the buckets u's key sees (S3 ListBuckets). A key
// that may not list buckets gets a Permission error.
func listBuckets(ctx context.Context, hc *http.Client, endpoint, region string, u User) ([]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(endpoint, "/")+"/", nil)
	if err != nil {
		return nil, strata.E("smb.listBuckets", strata.Invalid, err)
	}
	req.Header.Set("X-Amz-Content-Sha256", emptySHA256)
	creds := aws.Credentials{AccessKeyID: u.AccessKey, SecretAccessKey: u.SecretKey}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, emptySHA256, "s3", region, time.Now()); err != nil {
		return nil, strata.E("smb.listBuckets", strata.Internal, err)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, strata.E("smb.listBuckets", strata.Unavailable, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, strata.E("smb.listBuckets", strata.Unavailable, err)
	}
	switch {
	case resp.StatusCode == http.StatusForbidden:
		return nil, strata.Errorf("smb.listBuckets", strata.Permission, "%s may not list buckets", u.AccessKey)
	case resp.StatusCode != http.StatusOK:
		return nil, strata.Errorf("smb.listBuckets", strata.Internal, "list buckets as %s: HTTP %d: %.200s", u.AccessKey, resp.StatusCode, body)
	}
	var out struct {
		Buckets []struct {
			Name string `xml:"Name"`
		} `xml:"Buckets>Bucket"`
	}
	if err := xml.Unmarshal(body, &out); err != nil {
		return nil, strata.E("smb.listBuckets", strata.Internal, err)
	}
	names := make([]string, 0, len(out.Buckets))
	for _, b := range out.Buckets {
		names = append(names, b.Name)
	}
	return names, nil
}
