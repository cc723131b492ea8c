package policy

import "strings"

// MaxBucketPolicySize is the largest bucket policy S3 accepts, in bytes.
const MaxBucketPolicySize = 20 * 1024

// CodeMalformedBucketPolicy is the S3 error code of a bad bucket policy.
const CodeMalformedBucketPolicy = "MalformedPolicy"

// Combine merges the decisions of several policies that apply to one
// request (identity policies, bucket policy, ...): an explicit Deny wins,
// then any Allow; otherwise NotApplicable, which callers treat as denied.
// Session policies and permission boundaries intersect instead: callers
// require Allow from each of those separately.
func Combine(ds ...Decision) Decision {
	out := NotApplicable
	for _, d := range ds {
		switch d {
		case Deny:
			return Deny
		case Allow:
			out = Allow
		}
	}
	return out
}

// ParseBucketPolicy parses and validates the bucket policy of bucket the
// way S3 PutBucketPolicy does: at most MaxBucketPolicySize bytes, a valid
// resource policy, only S3 actions, and only resources inside the bucket
// ("*", "arn:aws:s3:::bucket", "arn:aws:s3:::bucket/...", or patterns
// that match the bucket name). Errors are *Error
// with Code "MalformedPolicy".
func ParseBucketPolicy(doc []byte, bucket string) (*Policy, error) {
	if len(doc) > MaxBucketPolicySize {
		return nil, bucketErr("Policies must be no larger than %d bytes", MaxBucketPolicySize)
	}
	p, err := Parse(doc)
	if err == nil {
		err = p.Validate(Resource)
	}
	if err == nil {
		err = p.checkBucket(bucket)
	}
	if err != nil {
		if e, ok := err.(*Error); ok {
			return nil, &Error{Code: CodeMalformedBucketPolicy, Message: e.Message}
		}
		return nil, err
	}
	return p, nil
}

func (p *Policy) checkBucket(bucket string) error {
	for i := range p.Statements {
		s := &p.Statements[i]
		for _, a := range append(s.Action[:len(s.Action):len(s.Action)], s.NotAction...) {
			if a != "*" && !MatchWildcard(strings.SplitN(a, ":", 2)[0], "s3", true) {
				return bucketErr("Policy has invalid action: %s", a)
			}
		}
		for _, r := range append(s.Resource[:len(s.Resource):len(s.Resource)], s.NotResource...) {
			if !inBucket(r, bucket) {
				return bucketErr("Policy has invalid resource: %s", r)
			}
		}
	}
	return nil
}

// inBucket reports whether a Resource pattern can name bucket or its
// objects: "*", or an S3 ARN whose bucket part (before the first '/')
// matches the bucket. A bucket policy governs its own bucket only, so a
// pattern that also names other buckets grants nothing there.
func inBucket(r, bucket string) bool {
	if r == "*" {
		return true
	}
	rest, ok := strings.CutPrefix(r, "arn:aws:s3:::")
	if !ok {
		return false
	}
	name, _, _ := strings.Cut(rest, "/")
	return MatchWildcard(name, bucket, false)
}

func bucketErr(format string, args ...any) *Error {
	e := malformed(format, args...)
	e.Code = CodeMalformedBucketPolicy
	return e
}

// ParseAs parses doc and validates it as a policy of the given kind.
func ParseAs(doc []byte, kind Kind) (*Policy, error) {
	p, err := Parse(doc)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(kind); err != nil {
		return nil, err
	}
	return p, nil
}

// Set adds values to a condition key of the request, lower-casing the key
// as evaluation expects.
func (r *Request) Set(key string, values ...string) {
	if r.Context == nil {
		r.Context = map[string][]string{}
	}
	k := strings.ToLower(key)
	r.Context[k] = append(r.Context[k], values...)
}
