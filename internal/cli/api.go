package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/server"
)

// The CLI talks to a running server only through the native REST API
// (restapi, under /_strata/api/v1), signed with SigV4 like S3.

// apiPath is the URL path of an API route.
func apiPath(route string) string { return restapi.Prefix + route }

// apiCall sends one API call and decodes the JSON answer into out (nil:
// discard). body is nil, raw []byte, or a value sent as JSON. An API
// error comes back as "Code: message".
func (a *adminFlags) apiCall(ctx context.Context, method, route string, body, out any) error {
	u, err := a.credentials()
	if err != nil {
		return err
	}
	resp, err := apiRequest(ctx, u, a.endpoint, a.region, method, route, body)
	if err != nil {
		return a.explain(err)
	}
	defer resp.Body.Close()
	if err := apiError(resp); err != nil {
		return err
	}
	if out == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		return err
	}
	if w, ok := out.(io.Writer); ok {
		_, err = io.Copy(w, resp.Body)
		return err
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("%s %s: unexpected answer: %v", method, route, err)
	}
	return nil
}

// apiRequest signs and sends one API call.
func apiRequest(ctx context.Context, u server.User, endpoint, region, method, route string, body any) (*http.Response, error) {
	var b []byte
	switch v := body.(type) {
	case nil:
	case []byte:
		b = v
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			return nil, err
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(endpoint, "/")+apiPath(route), bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	sum := sha256.Sum256(b)
	hash := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Content-Sha256", hash)
	creds := aws.Credentials{AccessKeyID: u.AccessKey, SecretAccessKey: u.SecretKey}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hash, "s3", region, time.Now()); err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// apiError reads a failed answer's {"code","message"}.
func apiError(resp *http.Response) error {
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	var e restapi.Error
	if json.Unmarshal(b, &e) == nil && e.Code != "" {
		return fmt.Errorf("%s: %s", e.Code, e.Message)
	}
	return fmt.Errorf("%s: %s", resp.Status, strings.TrimSpace(string(b)))
}

// explain turns a transport failure into a message for people.
func (a *adminFlags) explain(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("cannot reach the server at %s (set --endpoint or STRATA_ENDPOINT): %v", a.endpoint, ue.Err)
	}
	return err
}

// isTerminal reports whether f is a terminal (progress bars, tables)
// rather than a pipe or a file (JSON lines).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// jsonBuffer collects an answer as it came.
type jsonBuffer struct{ b []byte }

func (j *jsonBuffer) Write(p []byte) (int, error) { j.b = append(j.b, p...); return len(p), nil }
