package s3test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestRequestMetrics: the S3 door counts requests per operation and
// status class, and times them, in the node's Prometheus registry.
func TestRequestMetrics(t *testing.T) {
	s, c, b := node(t, testenv.Options{})
	for range 3 {
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("k"), Body: strings.NewReader("x")}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("missing")}); err == nil {
		t.Fatal("GET of a missing key succeeded")
	}
	resp, err := http.Get(s.URL() + "/_strata/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`strata_s3_requests_total{operation="s3:PutObject",status="2xx"} 3`,
		`strata_s3_requests_total{operation="s3:GetObject",status="4xx"} 1`,
		`strata_s3_request_duration_seconds_count{operation="s3:PutObject"} 3`,
		`strata_s3_requests_in_flight 0`, // the scrape itself is not an S3 request
		`strata_meta_txn_conflicts_total{store="0"}`,
		`strata_meta_tables{store="0"}`,
		`strata_meta_read_amp{store="0"}`,
		`strata_meta_table_cache_misses_total{store="0"}`,
		`strata_meta_block_cache_hits_total{store="0"}`,
		`strata_meta_written_bytes_total{kind="wal",store="0"}`,
		`strata_meta_commit_sync_seconds_count{store="0"} `,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
