package restapi

import (
	"github.com/strata-storage/strata/internal/tier"
)

func tierRes(c *Call) (Resource, error) {
	n := c.Path("name")
	if n == "" {
		n = "*"
	}
	return Resource{ARN: "arn:strata:tier:::" + n}, nil
}

// tierRoutes serve the remote tiers (see internal/tier): their secret
// keys go in and are never returned.
func (a *API) tierRoutes() {
	t := func(h func(c *Call, s *tier.Store) (any, error)) func(*Call) (any, error) {
		return func(c *Call) (any, error) {
			if a.opts.Tiers == nil {
				return nil, unavailable("remote tiers are")
			}
			return h(c, a.opts.Tiers)
		}
	}
	a.Handle(Route{Method: "GET", Path: "/tiers", Action: "strata:ListTiers", Resource: tierRes,
		Handle: t(func(c *Call, s *tier.Store) (any, error) { return s.List(c.Context()) })})
	a.Handle(Route{Method: "GET", Path: "/tiers/{name}", Action: "strata:ListTiers", Resource: tierRes,
		Handle: t(func(c *Call, s *tier.Store) (any, error) { return s.Get(c.Context(), c.Path("name")) })})
	a.Handle(Route{Method: "PUT", Path: "/tiers/{name}", Action: "strata:ManageTiers", Resource: tierRes,
		Handle: t(func(c *Call, s *tier.Store) (any, error) {
			var in tier.Tier
			if err := c.Decode(&in); err != nil {
				return nil, err
			}
			in.Name = c.Path("name")
			if err := s.Put(c.Context(), in); err != nil {
				return nil, err
			}
			return s.Get(c.Context(), in.Name)
		})})
	a.Handle(Route{Method: "DELETE", Path: "/tiers/{name}", Action: "strata:ManageTiers", Resource: tierRes,
		Handle: t(func(c *Call, s *tier.Store) (any, error) {
			return map[string]string{"removed": c.Path("name")}, s.Delete(c.Context(), c.Path("name"))
		})})
}
