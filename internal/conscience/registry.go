package conscience

import (
	"context"

	"github.com/strata-storage/strata/internal/strata"
)

// DefaultFormula is the score formula used when none is configured: the
// cube root of the product of three percentages, so a service that is
// saturated on any one of them scores near 0.
const DefaultFormula = "root(3, cpu * io * space)"

// Registry holds the registered services and their scores.
//
// Register is an upsert keyed by Service.ID and doubles as the heartbeat:
// a service that has not registered for the expiry (default 10 s) scores 0.
// Services returns every service of the type (all types for ""), with
// Score computed at the time of the call. Lock pins a service's score (0
// drains it) until Unlock; lock state is persistent where the registry is.
type Registry interface {
	Register(ctx context.Context, s strata.Service) error
	Services(ctx context.Context, typ string) ([]strata.Service, error)
	Lock(ctx context.Context, id string, score int) error
	Unlock(ctx context.Context, id string) error
}

// SelectOptions constrain a placement.
type SelectOptions struct {
	Avoid []string          // service ids that must not be chosen (e.g. holders of other fragments)
	Near  []strata.Location // locations already holding fragments: keep away from them
	Tags  map[string]string // required tags (all must match)
}

// Placer chooses services for new data.
type Placer interface {
	// Select returns n distinct services of the type with score > 0,
	// chosen at random weighted by score, spread over distinct hosts, then
	// racks, then sites as far as the topology allows. If fewer than n
	// services qualify, it returns those it has with strata.NoSpace.
	// Shortfall reports that the distance rules could not be met (a
	// choice shares a host with another choice or with opts.Near)
	// although enough services existed.
	Select(ctx context.Context, typ string, n int, opts SelectOptions) (chosen []strata.Service, shortfall bool, err error)
}
