package protect

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/strata-storage/strata/internal/strata"
)

var ecName = regexp.MustCompile(`^EC[_]?(\d+)[+_](\d+)$`)

// ParsePolicy parses a policy name: SINGLE, TWOCOPIES, THREECOPIES,
// EC<k>+<m> (also EC_<k>_<m>).
func ParsePolicy(name string) (Policy, error) {
	switch n := strings.ToUpper(strings.TrimSpace(name)); n {
	case "SINGLE":
		return Policy{Name: n, Copies: 1}, nil
	case "TWOCOPIES":
		return Policy{Name: n, Copies: 2}, nil
	case "THREECOPIES":
		return Policy{Name: n, Copies: 3}, nil
	default:
		m := ecName.FindStringSubmatch(n)
		if m == nil {
			return Policy{}, strata.Errorf("protect.ParsePolicy", strata.Invalid, "unknown storage policy %q", name)
		}
		k, _ := strconv.Atoi(m[1])
		p, _ := strconv.Atoi(m[2])
		if k < 1 || p < 0 || k+p > 256 {
			return Policy{}, strata.Errorf("protect.ParsePolicy", strata.Invalid, "bad erasure code %d+%d", k, p)
		}
		return Policy{Name: fmt.Sprintf("EC%d+%d", k, p), K: k, M: p}, nil
	}
}

// DefaultPolicy is the policy a cluster with this many volumes uses when
// none is configured: as much protection as the volumes allow.
func DefaultPolicy(volumes int) Policy {
	var name string
	switch {
	case volumes <= 1:
		name = "SINGLE"
	case volumes == 2:
		name = "TWOCOPIES"
	case volumes < 6:
		name = "THREECOPIES"
	default:
		name = "EC4+2"
	}
	p, _ := ParsePolicy(name)
	return p
}

// IsEC reports whether the policy is erasure coded.
func (p Policy) IsEC() bool { return p.K > 0 }

// Width is the number of fragments a write produces.
func (p Policy) Width() int {
	if p.IsEC() {
		return p.K + p.M
	}
	return p.Copies
}

// WriteQuorum is how many fragments must be stored for a write to be
// acknowledged: a majority of copies, or K+1 fragments (K without parity).
func (p Policy) WriteQuorum() int {
	if p.IsEC() {
		if p.M == 0 {
			return p.K
		}
		return p.K + 1
	}
	return p.Copies/2 + 1
}

// Tolerates is how many fragments may be lost without losing data.
func (p Policy) Tolerates() int {
	if p.IsEC() {
		return p.M
	}
	return p.Copies - 1
}

// Needed is how many fragments a read needs.
func (p Policy) Needed() int {
	if p.IsEC() {
		return p.K
	}
	return 1
}
