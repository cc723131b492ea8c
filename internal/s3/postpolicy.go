package s3

import (
	"encoding/json"
	"encoding/xml"
	"net/url"
	"strings"
)

// parsePostPolicy decodes a POST policy document. Its keys are case
// sensitive ("conditions", "expiration"): encoding/json would match
// "CONDITIONS" too, so the keys are checked as written.
func parsePostPolicy(raw []byte) (postPolicy, error) {
	var p postPolicy
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(raw, &keys); err != nil {
		return p, errInvalidArg("Invalid Policy: Invalid JSON.")
	}
	for k := range keys {
		if k != "expiration" && k != "conditions" {
			return p, errInvalidArg("Invalid Policy: Unexpected field " + k + ".")
		}
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return p, errInvalidArg("Invalid Policy: Invalid JSON.")
	}
	return p, nil
}

// postTags reads the "tagging" form field: a Tagging XML document.
func postTags(doc string) (map[string]string, error) {
	if strings.TrimSpace(doc) == "" {
		return nil, nil
	}
	var t tagging
	if xml.Unmarshal([]byte(doc), &t) != nil {
		return nil, errMalformedXML
	}
	tags, err := tagsFromXML(t)
	if err != nil {
		return nil, err
	}
	return tags, checkTags(tags)
}

// redirectQuery appends bucket, key and etag to a success_action_redirect
// query in that order, as S3 does (clients compare the URL as a string).
func redirectQuery(raw, bucket, key, etag string) string {
	add := "bucket=" + url.QueryEscape(bucket) + "&key=" + url.QueryEscape(key) + "&etag=" + url.QueryEscape(`"`+etag+`"`)
	if raw == "" {
		return add
	}
	return raw + "&" + add
}
