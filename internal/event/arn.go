package event

import (
	"regexp"
	"strings"
)

// Target kinds.
const (
	KindWebhook  = "webhook"  // registered by the administrator; ARN arn:strata:sqs:<region>:<name>:webhook
	KindNATS     = "nats"     // registered NATS subject; ARN arn:strata:sns:<region>:<name>:nats
	KindFunction = "function" // a Strata function; ARN arn:strata:lambda:<region>:<account>:function:<name>
	// KindReplication is bucket replication's own lanes (internal/replication).
	KindReplication = "replication"
)

// Target is where a rule sends its events.
type Target struct {
	Kind string `json:"kind"` // KindWebhook, KindNATS or KindFunction
	Name string `json:"name"`
}

var (
	// Names are identifiers: safe in ARNs, URLs and XML as they are.
	targetNameRE = regexp.MustCompile(`^[A-Za-z0-9._-]{1,256}$`)
	arnFieldRE   = regexp.MustCompile(`^[A-Za-z0-9._-]{0,64}$`) // region, account
)

// ParseARN reads a target ARN. The region and account are not kept:
// targets are named within this Strata, not by where they live. AWS
// lambda ARNs (arn:aws:lambda:...:function:NAME) name Strata functions;
// a version or alias qualifier is refused.
func ParseARN(s string) (Target, error) {
	p := strings.Split(s, ":")
	bad := func() (Target, error) {
		return Target{}, invalid("Invalid ARN: " + s)
	}
	if len(p) < 6 || p[0] != "arn" || !arnFieldRE.MatchString(p[3]) {
		return bad()
	}
	var t Target
	switch {
	case len(p) == 6 && p[1] == "strata" && p[2] == "sqs" && p[5] == KindWebhook:
		t = Target{Kind: KindWebhook, Name: p[4]}
	case len(p) == 6 && p[1] == "strata" && p[2] == "sns" && p[5] == KindNATS:
		t = Target{Kind: KindNATS, Name: p[4]}
	case len(p) == 7 && (p[1] == "strata" || p[1] == "aws") && p[2] == "lambda" && p[5] == "function" &&
		arnFieldRE.MatchString(p[4]):
		t = Target{Kind: KindFunction, Name: p[6]}
	default:
		return bad()
	}
	if !targetNameRE.MatchString(t.Name) {
		return bad()
	}
	return t, nil
}

// ARN renders the target's ARN in region (which may be empty).
func (t Target) ARN(region string) string {
	switch t.Kind {
	case KindWebhook:
		return "arn:strata:sqs:" + region + ":" + t.Name + ":webhook"
	case KindNATS:
		return "arn:strata:sns:" + region + ":" + t.Name + ":nats"
	case KindFunction:
		return "arn:strata:lambda:" + region + "::function:" + t.Name
	}
	return ""
}

// valid reports whether the target could have come from ParseARN.
func (t Target) valid() bool {
	switch t.Kind {
	case KindWebhook, KindNATS, KindFunction:
		return targetNameRE.MatchString(t.Name)
	}
	return false
}
