package ftp_test

import (
	"bytes"
	"context"
	"errors"
	"net/textproto"
	"testing"

	"github.com/strata-storage/strata/internal/quota"
)

// TestQuotaExceeded: an upload beyond the bucket's quota fails with 552
// and leaves nothing; one that fits is stored.
func TestQuotaExceeded(t *testing.T) {
	n := start(t, false)
	n.bucket(t, "full")
	if err := n.Quotas().Set(context.Background(), quota.Quota{Scope: quota.Scope{Kind: quota.Bucket, Name: "full"},
		Limits: quota.Limits{MaxBytes: 2 << 20}}); err != nil {
		t.Fatal(err)
	}
	c := n.root(t)
	err := c.Stor("/full/big", bytes.NewReader(random(t, 3<<20)))
	var te *textproto.Error
	if !errors.As(err, &te) || te.Code != 552 {
		t.Fatalf("STOR beyond the quota: %v, want 552", err)
	}
	n.wantNoObject(t, "full", "big")
	if k := n.keys(t, "full", ""); len(k) != 0 {
		t.Fatalf("S3 lists %v after the refused upload", k)
	}
	small := random(t, 1<<20)
	if err := c.Stor("/full/small", bytes.NewReader(small)); err != nil {
		t.Fatalf("STOR that fits: %v", err)
	}
	n.wantObject(t, "full", "small", small)
}
