package tier

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/strata-storage/strata/internal/strata"
)

// Tier is one remote S3 endpoint and the bucket (and key prefix) that
// holds a class's data there.
type Tier struct {
	Name      string `json:"name"`
	Endpoint  string `json:"endpoint"` // http(s)://host:port
	Bucket    string `json:"bucket"`
	Prefix    string `json:"prefix,omitempty"` // key prefix of every object written ("" = none)
	AccessKey string `json:"access_key"`
	// SecretKey is given on Put and never returned by Get or List.
	SecretKey string `json:"secret_key,omitempty"`
	Region    string `json:"region,omitempty"` // "" = us-east-1
	CA        string `json:"ca,omitempty"`     // PEM roots to trust for https ("" = the system's)
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$`)

// Validate checks a tier before it is stored.
func (t *Tier) Validate() error {
	const op = "tier.Validate"
	if !nameRE.MatchString(t.Name) {
		return strata.Errorf(op, strata.Invalid, "bad tier name %q (letters, digits, _ . -)", t.Name)
	}
	u, err := url.Parse(t.Endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
		return strata.Errorf(op, strata.Invalid, "tier endpoint must be http(s)://host[:port], got %q", t.Endpoint)
	}
	if t.Bucket == "" || strings.Contains(t.Bucket, "/") {
		return strata.Errorf(op, strata.Invalid, "tier bucket %q is not a bucket name", t.Bucket)
	}
	if t.AccessKey == "" || t.SecretKey == "" {
		return strata.Errorf(op, strata.Invalid, "a tier needs an access key and a secret key")
	}
	if strings.HasPrefix(t.Prefix, "/") {
		return strata.Errorf(op, strata.Invalid, "tier prefix %q must not start with /", t.Prefix)
	}
	return nil
}
