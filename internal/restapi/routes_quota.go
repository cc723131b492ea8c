package restapi

import "github.com/strata-storage/strata/internal/quota"

func quotaRes(c *Call) (Resource, error) {
	s := c.Path("kind") + "/" + c.Path("name")
	if c.Path("kind") == "" {
		s = "*"
	}
	return Resource{ARN: "arn:strata:quota:::" + s}, nil
}

// quotaOwner authorizes reading one scope's quota: the administrator reads
// any; anyone else needs strata:GetQuota decided against the account that
// owns the scope (the account itself, or the bucket's owner), so an
// account's root always reads its own quotas and those of its buckets,
// and its users do when a policy allows it. Setting quotas stays with the
// root account: an account must not lift its own limits.
func (a *API) quotaOwner(c *Call) error {
	if c.Admin {
		return nil
	}
	owner := c.Path("name")
	if c.Path("kind") == quota.Bucket {
		bs, err := a.buckets()
		if err != nil {
			return err
		}
		b, err := bs.GetBucket(c.Context(), c.Path("name"))
		if err != nil {
			return err
		}
		owner = b.Account
	}
	res, _ := quotaRes(c)
	res.Account = owner
	return c.Authorize("strata:GetQuota", res)
}

// quotaRoutes serve the bucket and account quotas (see internal/quota):
// hard and soft limits on bytes and objects, with the usage they are
// judged against, and the soft-limit alerts.
func (a *API) quotaRoutes() {
	q := func(h func(c *Call, m *quota.Manager) (any, error)) func(*Call) (any, error) {
		return func(c *Call) (any, error) {
			if a.opts.Quotas == nil {
				return nil, unavailable("quotas are")
			}
			return h(c, a.opts.Quotas)
		}
	}
	scope := func(c *Call) quota.Scope { return quota.Scope{Kind: c.Path("kind"), Name: c.Path("name")} }
	a.Handle(Route{Method: "GET", Path: "/quotas", Action: "strata:GetQuota", Resource: quotaRes,
		Handle: q(func(c *Call, m *quota.Manager) (any, error) {
			l, err := m.List(c.Context())
			if l == nil {
				l = []quota.Quota{}
			}
			return l, err
		})})
	a.Handle(Route{Method: "GET", Path: "/quotas/alerts", Action: "strata:GetQuota", Resource: quotaRes,
		Handle: q(func(c *Call, m *quota.Manager) (any, error) { return m.Alerts(c.Context()) })})
	a.Handle(Route{Method: "GET", Path: "/quotas/{kind}/{name}", Action: "", // decided in the handler: see quotaOwner
		Handle: q(func(c *Call, m *quota.Manager) (any, error) {
			if err := a.quotaOwner(c); err != nil {
				return nil, err
			}
			return m.Status(c.Context(), scope(c))
		})})
	a.Handle(Route{Method: "PUT", Path: "/quotas/{kind}/{name}", Action: "strata:SetQuota", Resource: quotaRes,
		Handle: q(func(c *Call, m *quota.Manager) (any, error) {
			var l quota.Limits
			if err := c.Decode(&l); err != nil {
				return nil, err
			}
			qt := quota.Quota{Scope: scope(c), Limits: l}
			return qt, m.Set(c.Context(), qt)
		})})
	a.Handle(Route{Method: "DELETE", Path: "/quotas/{kind}/{name}", Action: "strata:SetQuota", Resource: quotaRes,
		Handle: q(func(c *Call, m *quota.Manager) (any, error) {
			return map[string]string{"removed": scope(c).String()}, m.Delete(c.Context(), scope(c))
		})})
}
