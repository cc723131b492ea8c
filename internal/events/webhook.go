package events

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Webhook request headers.
const (
	HeaderSignature = "X-Strata-Signature" // "sha256=" + hex HMAC-SHA256(secret, timestamp + "." + body)
	HeaderTimestamp = "X-Strata-Timestamp" // unix seconds
	HeaderEventID   = "X-Strata-Event-Id"
	HeaderSequence  = "X-Strata-Sequence" // the event's per-key sequence number
)

// Sign returns the signature header value of a webhook body.
func Sign(secret string, ts int64, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(m, "%d.", ts)
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify checks a webhook request's signature and freshness (maxAge 0:
// any age); receivers use it.
func Verify(secret string, h http.Header, body []byte, maxAge time.Duration) bool {
	ts, err := strconv.ParseInt(h.Get(HeaderTimestamp), 10, 64)
	if err != nil {
		return false
	}
	if maxAge > 0 && time.Since(time.Unix(ts, 0)).Abs() > maxAge {
		return false
	}
	return hmac.Equal([]byte(h.Get(HeaderSignature)), []byte(Sign(secret, ts, body)))
}

func postWebhook(ctx context.Context, c *http.Client, t *TargetConfig, d *Delivery, body []byte) error {
	ctx, cancel := context.WithTimeout(ctx, t.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	ts := time.Now().Unix()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "strata-events")
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderEventID, d.Event.ID)
	req.Header.Set(HeaderSequence, strconv.FormatUint(d.Event.Seq, 10))
	if t.Secret != "" {
		req.Header.Set(HeaderSignature, Sign(t.Secret, ts, body))
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("webhook %s answered %s", t.Name, resp.Status)
	}
	return nil
}
