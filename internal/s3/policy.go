package s3

import (
	"encoding/json"
	"errors"
	"slices"

	"encoding/xml"
	"github.com/strata-storage/strata/internal/iam/policy"
	"io"
	"path"
	"strings"
)

// bucketPolicy is the part of an IAM-style bucket policy we evaluate:
// Allow/Deny statements for anyone ("*") on actions and resources.
type bucketPolicy struct {
	Version   string            `json:"Version"`
	Statement []policyStatement `json:"Statement"`
}

type policyStatement struct {
	Effect    string          `json:"Effect"`
	Principal json.RawMessage `json:"Principal"`
	Action    stringOrList    `json:"Action"`
	Resource  stringOrList    `json:"Resource"`
}

type stringOrList []string

func (s *stringOrList) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*s = []string{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*s = many
	return nil
}

func validatePolicy(doc []byte) error {
	p, err := policy.Parse(doc)
	if err == nil {
		err = p.Validate(policy.Resource)
	}
	if err != nil {
		msg := "Policies must be valid JSON and the first byte must be '{'"
		var pe *policy.Error
		if errors.As(err, &pe) {
			msg = pe.Message
		}
		return errorf("MalformedPolicy", 400, msg)
	}
	return nil
}

// checkPolicyResources refuses a bucket policy naming another bucket,
// as S3 does ("Policy has invalid resource").
func checkPolicyResources(doc []byte, bucket string) error {
	p, err := policy.Parse(doc)
	if err != nil {
		return nil
	}
	for _, st := range p.Statements {
		if st.Effect == policy.EffectAllow && st.NotPrincipal != nil {
			return errorf("MalformedPolicy", 400, "NotPrincipal may only be used with Deny")
		}
		for _, r := range append(slices.Clone(st.Resource), st.NotResource...) {
			rest, ok := strings.CutPrefix(r, "arn:aws:s3:::")
			if !ok {
				if r == "*" {
					continue
				}
				return errorf("MalformedPolicy", 400, "Policy has invalid resource")
			}
			b, _, _ := strings.Cut(rest, "/")
			if !policy.MatchWildcard(b, bucket, false) {
				return errorf("MalformedPolicy", 400, "Policy has invalid resource")
			}
		}
	}
	return nil
}

// everyone reports whether a statement's principal is anyone.
func everyone(raw json.RawMessage) bool {
	s := strings.TrimSpace(string(raw))
	if s == `"*"` {
		return true
	}
	var m map[string]stringOrList
	if json.Unmarshal(raw, &m) == nil {
		for _, v := range m["AWS"] {
			if v == "*" {
				return true
			}
		}
	}
	return false
}

// policyAllows evaluates the bucket policy for an action on this request's
// resource, for principals that are not the owner.
func (rq *request) policyAllows(action string) bool {
	doc, err := rq.bucketDoc("policy")
	if err != nil {
		return false
	}
	var p bucketPolicy
	if json.Unmarshal(doc, &p) != nil {
		return false
	}
	res := "arn:aws:s3:::" + rq.bucket
	if rq.key != "" {
		res += "/" + rq.key
	}
	allowed := false
	for _, st := range p.Statement {
		if !everyone(st.Principal) || !matchAny(st.Action, action) || !matchAny(st.Resource, res) {
			continue
		}
		if st.Effect == "Deny" {
			return false
		}
		allowed = true
	}
	return allowed
}

func matchAny(patterns []string, s string) bool {
	for _, p := range patterns {
		if ok, _ := path.Match(p, s); ok || p == "*" || p == s || (strings.HasSuffix(p, "*") && strings.HasPrefix(s, strings.TrimSuffix(p, "*"))) {
			return true
		}
	}
	return false
}

type lifecycleConfiguration struct {
	Rules []struct {
		ID     string  `xml:"ID"`
		Status string  `xml:"Status"`
		Prefix *string `xml:"Prefix"`
		Filter *struct {
			Prefix string `xml:"Prefix"`
		} `xml:"Filter"`
		Expiration *struct {
			Days int    `xml:"Days"`
			Date string `xml:"Date"`
		} `xml:"Expiration"`
	} `xml:"Rule"`
}

func validateLifecycle(doc []byte) error {
	var lc lifecycleConfiguration
	if xml.Unmarshal(doc, &lc) != nil || len(lc.Rules) == 0 {
		return errMalformedXML
	}
	ids := map[string]bool{}
	for _, r := range lc.Rules {
		if r.Status != "Enabled" && r.Status != "Disabled" {
			return errMalformedXML
		}
		if len(r.ID) > 255 {
			return errInvalidArg("ID length should not exceed allowed limit of 255")
		}
		if r.ID != "" && ids[r.ID] {
			return errInvalidArg("Rule ID must be unique. Found same ID for more than one rule")
		}
		ids[r.ID] = true
		if r.Expiration != nil && r.Expiration.Days < 0 {
			return errInvalidArg("'Days' for Expiration action must be a positive integer")
		}
	}
	return nil
}

func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, awsError("EntityTooLarge", 400)
	}
	return b, nil
}
