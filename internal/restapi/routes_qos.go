package restapi

import "github.com/strata-storage/strata/internal/qos"

func qosRes(c *Call) (Resource, error) {
	s := c.Path("scope")
	if s == "" {
		s = "*"
	}
	return Resource{ARN: "arn:strata:qos:::" + s}, nil
}

// qosRoutes serve the request and bandwidth limits (see internal/qos):
// scopes are "account/NAME", "bucket/NAME" or "cluster".
func (a *API) qosRoutes() {
	q := func(h func(c *Call, s *qos.Store) (any, error)) func(*Call) (any, error) {
		return func(c *Call) (any, error) {
			if a.opts.QoS == nil {
				return nil, unavailable("QoS limits are")
			}
			return h(c, a.opts.QoS)
		}
	}
	scope := func(c *Call) (qos.Scope, error) { return qos.ParseScope(c.Path("scope")) }
	a.Handle(Route{Method: "GET", Path: "/qos/limits", Action: "strata:GetQoS", Resource: qosRes,
		Handle: q(func(c *Call, s *qos.Store) (any, error) {
			l, err := s.List(c.Context())
			if l == nil {
				l = []qos.Setting{}
			}
			return l, err
		})})
	a.Handle(Route{Method: "GET", Path: "/qos/limits/{scope...}", Action: "strata:GetQoS", Resource: qosRes,
		Handle: q(func(c *Call, s *qos.Store) (any, error) {
			sc, err := scope(c)
			if err != nil {
				return nil, err
			}
			l, err := s.Get(c.Context(), sc)
			return qos.Setting{Scope: sc, Limit: l}, err
		})})
	a.Handle(Route{Method: "PUT", Path: "/qos/limits/{scope...}", Action: "strata:SetQoS", Resource: qosRes,
		Handle: q(func(c *Call, s *qos.Store) (any, error) {
			sc, err := scope(c)
			if err != nil {
				return nil, err
			}
			var l qos.Limit
			if err := c.Decode(&l); err != nil {
				return nil, err
			}
			return qos.Setting{Scope: sc, Limit: l}, s.Set(c.Context(), sc, l)
		})})
	a.Handle(Route{Method: "DELETE", Path: "/qos/limits/{scope...}", Action: "strata:SetQoS", Resource: qosRes,
		Handle: q(func(c *Call, s *qos.Store) (any, error) {
			sc, err := scope(c)
			if err != nil {
				return nil, err
			}
			return map[string]string{"removed": sc.String()}, s.Delete(c.Context(), sc)
		})})
}
