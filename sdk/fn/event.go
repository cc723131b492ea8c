package fn

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"
)

// Event is one record of the S3 event notification a function receives.
type Event struct {
	ID          string    // Strata event id; the same on every delivery
	Name        string    // e.g. "ObjectCreated:Put" (no "s3:" prefix)
	Time        time.Time // when the change happened
	Bucket      string
	Key         string // already URL-decoded
	Size        int64
	ETag        string
	VersionID   string
	ContentType string
	Seq         uint64 // counts the changes of one key: 1, 2, ...
}

// s3Notification is the wire form: the S3 event JSON plus a "strata"
// member per record.
type s3Notification struct {
	Records []struct {
		EventName string `json:"eventName"`
		EventTime string `json:"eventTime"`
		S3        struct {
			Bucket struct {
				Name string `json:"name"`
			} `json:"bucket"`
			Object struct {
				Key         string `json:"key"`
				Size        int64  `json:"size"`
				ETag        string `json:"eTag"`
				VersionID   string `json:"versionId"`
				ContentType string `json:"contentType"`
			} `json:"object"`
		} `json:"s3"`
		Strata struct {
			EventID string `json:"eventId"`
			Seq     uint64 `json:"seq"`
		} `json:"strata"`
	} `json:"Records"`
}

// ParseEvents decodes an S3 event notification.
func ParseEvents(data []byte) ([]Event, error) {
	var n s3Notification
	if err := json.Unmarshal(data, &n); err != nil {
		return nil, fmt.Errorf("sdk/fn: parse event: %w", err)
	}
	evs := make([]Event, 0, len(n.Records))
	for _, r := range n.Records {
		// S3 encodes keys like a query string (space is "+").
		key, err := url.QueryUnescape(r.S3.Object.Key)
		if err != nil {
			return nil, fmt.Errorf("sdk/fn: parse event key %q: %w", r.S3.Object.Key, err)
		}
		var t time.Time
		if r.EventTime != "" {
			if t, err = time.Parse(time.RFC3339Nano, r.EventTime); err != nil {
				return nil, fmt.Errorf("sdk/fn: parse event time: %w", err)
			}
		}
		evs = append(evs, Event{
			ID:          r.Strata.EventID,
			Name:        r.EventName,
			Time:        t,
			Bucket:      r.S3.Bucket.Name,
			Key:         key,
			Size:        r.S3.Object.Size,
			ETag:        r.S3.Object.ETag,
			VersionID:   r.S3.Object.VersionID,
			ContentType: r.S3.Object.ContentType,
			Seq:         r.Strata.Seq,
		})
	}
	return evs, nil
}

// ReadEvents parses the function's input as an S3 event notification.
func ReadEvents() ([]Event, error) {
	p, err := Payload()
	if err != nil {
		return nil, err
	}
	return ParseEvents(p)
}

// ReadEvent returns the first (usually only) record of the input.
func ReadEvent() (Event, error) {
	evs, err := ReadEvents()
	if err != nil {
		return Event{}, err
	}
	if len(evs) == 0 {
		return Event{}, errors.New("sdk/fn: event has no records")
	}
	return evs[0], nil
}
