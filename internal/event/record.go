package event

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// recordTime is the S3 event time: RFC 3339, milliseconds, UTC.
const recordTime = "2006-01-02T15:04:05.000Z"

type recordList struct {
	Records []record `json:"Records"`
}

type record struct {
	EventVersion      string        `json:"eventVersion"`
	EventSource       string        `json:"eventSource"`
	AWSRegion         string        `json:"awsRegion"`
	EventTime         string        `json:"eventTime"`
	EventName         string        `json:"eventName"`
	UserIdentity      principal     `json:"userIdentity"`
	RequestParameters requestParams `json:"requestParameters"`
	ResponseElements  responseElems `json:"responseElements"`
	S3                s3Entity      `json:"s3"`
	Strata            *strataEntity `json:"strata,omitempty"`
}

type principal struct {
	PrincipalID string `json:"principalId"`
}

type requestParams struct {
	SourceIPAddress string `json:"sourceIPAddress"`
}

type responseElems struct {
	RequestID string `json:"x-amz-request-id"`
	ID2       string `json:"x-amz-id-2"`
}

type s3Entity struct {
	SchemaVersion   string        `json:"s3SchemaVersion"`
	ConfigurationID string        `json:"configurationId"`
	Bucket          bucketEntity  `json:"bucket"`
	Object          *objectEntity `json:"object,omitempty"`
}

type bucketEntity struct {
	Name          string    `json:"name"`
	OwnerIdentity principal `json:"ownerIdentity"`
	ARN           string    `json:"arn"`
}

type objectEntity struct {
	Key          string            `json:"key"`
	Size         int64             `json:"size"`
	ETag         string            `json:"eTag"`
	VersionID    string            `json:"versionId,omitempty"`
	Sequencer    string            `json:"sequencer"`
	ContentType  string            `json:"contentType,omitempty"`
	UserMetadata map[string]string `json:"userMetadata,omitempty"`
}

// strataEntity carries what the S3 form has no place for.
type strataEntity struct {
	EventID string            `json:"eventId"`
	Seq     uint64            `json:"seq"`
	Cause   []string          `json:"cause,omitempty"`
	Tags    map[string]string `json:"tags,omitempty"`
}

// Records renders events as an S3 event notification document, as sent
// to webhooks and functions. configID names the rule that matched. The
// bucket owner is not part of an Event, so ownerIdentity is left empty.
// Bucket events (no key) carry no object.
func Records(configID string, evs ...Event) []byte {
	out := recordList{Records: make([]record, 0, len(evs))}
	for _, ev := range evs {
		r := record{
			EventVersion:     "2.1",
			EventSource:      "strata:s3",
			AWSRegion:        ev.Region,
			EventTime:        ev.Time.UTC().Format(recordTime),
			EventName:        ev.Name,
			UserIdentity:     principal{ev.Principal},
			ResponseElements: responseElems{RequestID: ev.ID},
			S3: s3Entity{
				SchemaVersion:   "1.0",
				ConfigurationID: configID,
				Bucket:          bucketEntity{Name: ev.Bucket, ARN: "arn:aws:s3:::" + ev.Bucket},
			},
			Strata: &strataEntity{EventID: ev.ID, Seq: ev.Seq, Cause: ev.Cause, Tags: ev.Tags},
		}
		if ev.Key != "" {
			r.S3.Object = &objectEntity{
				Key:          escapeKey(ev.Key),
				Size:         ev.Size,
				ETag:         ev.ETag,
				VersionID:    ev.VersionID,
				Sequencer:    fmt.Sprintf("%016X", ev.Seq),
				ContentType:  ev.Type,
				UserMetadata: ev.UserMeta,
			}
		}
		out.Records = append(out.Records, r)
	}
	b, err := json.Marshal(out)
	if err != nil {
		// Only strings, numbers and string maps: cannot fail.
		panic("event: marshal records: " + err.Error())
	}
	return b
}

// escapeKey encodes a key as S3 does in events: form encoding (a space
// is "+"), with "/" left as it is.
func escapeKey(k string) string {
	return strings.ReplaceAll(url.QueryEscape(k), "%2F", "/")
}

// ParseRecords reads an S3 event notification document, from Strata or
// from AWS, back into events. Strata's own fields win where present; an
// AWS record's sequencer is read as Seq when it fits in 64 bits.
func ParseRecords(b []byte) ([]Event, error) {
	var in recordList
	if err := json.Unmarshal(b, &in); err != nil {
		return nil, fmt.Errorf("event records: %w", err)
	}
	evs := make([]Event, 0, len(in.Records))
	for i, r := range in.Records {
		ev := Event{
			ID:        r.ResponseElements.RequestID,
			Name:      r.EventName,
			Bucket:    r.S3.Bucket.Name,
			Principal: r.UserIdentity.PrincipalID,
			Region:    r.AWSRegion,
		}
		if r.EventTime != "" {
			t, err := time.Parse(time.RFC3339Nano, r.EventTime)
			if err != nil {
				return nil, fmt.Errorf("event records: record %d: eventTime: %w", i, err)
			}
			// A year past 9999 could not be written back.
			if t = t.UTC(); t.Year() < 0 || t.Year() > 9999 {
				return nil, fmt.Errorf("event records: record %d: eventTime %q out of range", i, r.EventTime)
			}
			ev.Time = t
		}
		if o := r.S3.Object; o != nil {
			k, err := url.QueryUnescape(o.Key)
			if err != nil {
				return nil, fmt.Errorf("event records: record %d: key: %w", i, err)
			}
			ev.Key, ev.Size, ev.ETag, ev.VersionID = k, o.Size, o.ETag, o.VersionID
			ev.Type, ev.UserMeta = o.ContentType, o.UserMetadata
			if seq, err := strconv.ParseUint(o.Sequencer, 16, 64); err == nil {
				ev.Seq = seq
			}
		}
		if s := r.Strata; s != nil {
			if s.EventID != "" {
				ev.ID = s.EventID
			}
			ev.Seq, ev.Cause, ev.Tags = s.Seq, s.Cause, s.Tags
		}
		evs = append(evs, ev)
	}
	return evs, nil
}
