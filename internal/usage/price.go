package usage

import (
	"math"

	"sigs.k8s.io/yaml"

	"github.com/strata-storage/strata/internal/strata"
)

// PriceSheet prices usage. It is read from YAML or JSON:
//
//	currency: EUR
//	storage_gib_month:       # per raw GiB-month, per storage policy
//	  THREECOPIES: 0.03
//	  EC4+2: 0.015
//	  "*": 0.02              # any other policy
//	requests_per_1000:       # per 1,000 requests, per class
//	  put: 0.005
//	  get: 0.0004
//	  delete: 0
//	egress_gib: 0.05         # per GiB of response bodies
//
// Storage is priced on raw bytes, what each policy really occupies, so
// that the sheet can price replication and erasure coding apart.
type PriceSheet struct {
	Currency        string             `json:"currency"`
	StorageGiBMonth map[string]float64 `json:"storage_gib_month"`
	Requests        map[string]float64 `json:"requests_per_1000"`
	EgressGiB       float64            `json:"egress_gib"`
}

// AnyPolicy is the StorageGiBMonth entry for policies not listed.
const AnyPolicy = "*"

// ParsePriceSheet reads a sheet in YAML or JSON and validates it.
func ParsePriceSheet(b []byte) (PriceSheet, error) {
	var p PriceSheet
	if err := yaml.UnmarshalStrict(b, &p); err != nil {
		return p, strata.E("usage.ParsePriceSheet", strata.Invalid, err)
	}
	return p, p.Validate()
}

// Validate checks that every price is a finite, non-negative number and
// every request class is known.
func (p PriceSheet) Validate() error {
	bad := func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) || v < 0 }
	for pol, v := range p.StorageGiBMonth {
		if bad(v) {
			return strata.Errorf("usage.PriceSheet", strata.Invalid, "storage price of %q: %v", pol, v)
		}
	}
	for c, v := range p.Requests {
		if _, ok := ParseClass(c); !ok {
			return strata.Errorf("usage.PriceSheet", strata.Invalid, "unknown request class %q (put, get, delete)", c)
		}
		if bad(v) {
			return strata.Errorf("usage.PriceSheet", strata.Invalid, "request price of %q: %v", c, v)
		}
	}
	if bad(p.EgressGiB) {
		return strata.Errorf("usage.PriceSheet", strata.Invalid, "egress price: %v", p.EgressGiB)
	}
	return nil
}

// storagePrice is the price of a policy, and whether the sheet has one.
func (p PriceSheet) storagePrice(policy string) (float64, bool) {
	if v, ok := p.StorageGiBMonth[policy]; ok {
		return v, true
	}
	v, ok := p.StorageGiBMonth[AnyPolicy]
	return v, ok
}

func (p PriceSheet) requestPrice(c Class) float64 {
	for name, v := range p.Requests {
		if k, ok := ParseClass(name); ok && k == c {
			return v
		}
	}
	return 0
}
