package audit

import (
	"errors"
	"time"
)

// Record is one audited request. The JSON names are the file format:
// keep them stable.
type Record struct {
	Time      time.Time `json:"time"` // when the request arrived, UTC
	RequestID string    `json:"request_id"`
	// Who. Account and AccessKey are empty for anonymous requests;
	// AccessKey is the one the request claimed, also when its signature
	// did not verify. Principal is a user or role ARN, when known.
	Account   string `json:"account,omitempty"`
	Principal string `json:"principal,omitempty"`
	AccessKey string `json:"access_key,omitempty"`
	SourceIP  string `json:"source_ip"`
	UserAgent string `json:"user_agent,omitempty"`
	// What. Operation is "s3:" and the S3 API name (s3:PutObject), or
	// "admin:" and the admin route (admin:PUT /fn/{name}); Resource is
	// the admin path.
	Operation string `json:"operation"`
	Bucket    string `json:"bucket,omitempty"`
	Key       string `json:"key,omitempty"`
	Resource  string `json:"resource,omitempty"`
	// Outcome.
	Status     int     `json:"status"`
	ErrorCode  string  `json:"error_code,omitempty"` // S3 error code, e.g. AccessDenied
	BytesIn    int64   `json:"bytes_in"`             // request body bytes read
	BytesOut   int64   `json:"bytes_out"`            // response body bytes written
	DurationMS float64 `json:"duration_ms"`
}

// Sink takes records. Audit is called on the request's goroutine once
// the response is written: it must be safe for concurrent use and must
// not block for long. It has no error: a sink that cannot keep a record
// counts and logs it.
type Sink interface {
	Audit(Record)
}

// Tee is a Sink that gives each record to all of its sinks, in order.
type Tee []Sink

// Audit implements Sink.
func (t Tee) Audit(r Record) {
	for _, s := range t {
		s.Audit(r)
	}
}

// Close closes the sinks that have a Close method.
func (t Tee) Close() error {
	var errs []error
	for _, s := range t {
		if c, ok := s.(interface{ Close() error }); ok {
			errs = append(errs, c.Close())
		}
	}
	return errors.Join(errs...)
}

var _ Sink = Tee(nil)
