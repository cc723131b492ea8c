package qos

import (
	"math"
	"strings"

	"github.com/strata-storage/strata/internal/strata"
)

// Kind is what a limit applies to.
type Kind string

// Kinds of scope.
const (
	Account Kind = "account" // every request signed by the account's principals; name "*": each account without its own limit
	Bucket  Kind = "bucket"  // every request addressed to the bucket, whoever signs it
	Cluster Kind = "cluster" // every request the cluster serves
)

// Scope names what a limit applies to. Name is empty for Cluster.
type Scope struct {
	Kind Kind   `json:"kind"`
	Name string `json:"name,omitempty"`
}

// String is the scope as "kind/name" ("cluster" alone).
func (s Scope) String() string {
	if s.Kind == Cluster {
		return string(Cluster)
	}
	return string(s.Kind) + "/" + s.Name
}

// ParseScope parses the form String returns.
func ParseScope(s string) (Scope, error) {
	kind, name, _ := strings.Cut(s, "/")
	sc := Scope{Kind: Kind(kind), Name: name}
	return sc, sc.Validate()
}

// Validate checks the kind and that a name is given where one is needed.
func (s Scope) Validate() error {
	const op = "qos.Scope"
	switch s.Kind {
	case Account, Bucket:
		if s.Name == "" || strings.ContainsAny(s.Name, "/\x00") || len(s.Name) > 255 {
			return strata.Errorf(op, strata.Invalid, "a %s limit needs a name without '/'", s.Kind)
		}
		if s.Kind == Bucket && s.Name == AnyAccount {
			return strata.Errorf(op, strata.Invalid, "a default limit (*) is for accounts only")
		}
	case Cluster:
		if s.Name != "" {
			return strata.Errorf(op, strata.Invalid, "the cluster limit has no name")
		}
	default:
		return strata.Errorf(op, strata.Invalid, "unknown scope kind %q (account, bucket or cluster)", s.Kind)
	}
	return nil
}

// Limit is what one scope may use, cluster-wide. A zero field means no
// limit on that dimension.
type Limit struct {
	// Requests is the sustained rate, in requests per second.
	Requests float64 `json:"requests_per_sec,omitempty"`
	// Burst is how many requests may pass at once after a quiet spell;
	// 0 means one second's worth of Requests.
	Burst float64 `json:"burst,omitempty"`
	// BytesIn and BytesOut bound the request and response bodies, in
	// bytes per second (a one-second burst).
	BytesIn  int64 `json:"bytes_in_per_sec,omitempty"`
	BytesOut int64 `json:"bytes_out_per_sec,omitempty"`
}

// IsZero reports whether l limits nothing.
func (l Limit) IsZero() bool { return l.Requests == 0 && l.BytesIn == 0 && l.BytesOut == 0 }

// Validate checks that the figures are finite and not negative.
func (l Limit) Validate() error {
	const op = "qos.Limit"
	for _, f := range []float64{l.Requests, l.Burst} {
		if f < 0 || math.IsNaN(f) || math.IsInf(f, 0) {
			return strata.Errorf(op, strata.Invalid, "rates and bursts are finite and not negative")
		}
	}
	if l.BytesIn < 0 || l.BytesOut < 0 {
		return strata.Errorf(op, strata.Invalid, "byte rates are not negative")
	}
	if l.Burst > 0 && l.Requests == 0 {
		return strata.Errorf(op, strata.Invalid, "a burst needs a request rate")
	}
	return nil
}

// burst is the request burst the limit allows, cluster-wide.
func (l Limit) burst() float64 {
	if l.Burst > 0 {
		return l.Burst
	}
	return l.Requests
}

// Setting is a stored limit and its scope.
type Setting struct {
	Scope
	Limit
}
