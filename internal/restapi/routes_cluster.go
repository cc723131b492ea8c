package restapi

import (
	"slices"
	"strings"

	"github.com/strata-storage/strata/internal/strata"
)

// clusterARN names a cluster resource in policies:
// "arn:strata:cluster:::service/blob-1", "arn:strata:cluster:::formula".
func clusterARN(what string) Resource { return Resource{ARN: "arn:strata:cluster:::" + what} }

func serviceRes(c *Call) (Resource, error) { return clusterARN("service/" + c.Path("id")), nil }

func (a *API) clusterRoutes() {
	cl := func(h func(c *Call, cl Cluster) (any, error)) func(*Call) (any, error) {
		return func(c *Call) (any, error) {
			if a.opts.Cluster == nil {
				return nil, unavailable("the cluster view is")
			}
			return h(c, a.opts.Cluster)
		}
	}
	list := func(c *Call) (Resource, error) { return clusterARN("service/*"), nil }
	a.Handle(Route{Method: "GET", Path: "/cluster/services", Action: "strata:ListServices", Resource: list,
		Handle: cl(func(c *Call, cl Cluster) (any, error) { return cl.Services(c.Context(), c.Query("type")) })})
	a.Handle(Route{Method: "GET", Path: "/cluster/services/{id}", Action: "strata:ListServices", Resource: serviceRes,
		Handle: cl(func(c *Call, cl Cluster) (any, error) { return findService(c, cl) })})
	a.Handle(Route{Method: "POST", Path: "/cluster/services/{id}/lock", Action: "strata:LockService", Resource: serviceRes,
		Handle: cl(func(c *Call, cl Cluster) (any, error) {
			var req LockRequest
			if err := c.DecodeOptional(&req); err != nil {
				return nil, err
			}
			if req.Score < 0 || req.Score > 100 {
				return nil, apiErr(400, "InvalidRequest", "score is 0..100")
			}
			if err := cl.Lock(c.Context(), c.Path("id"), req.Score); err != nil {
				return nil, err
			}
			return findService(c, cl)
		})})
	a.Handle(Route{Method: "POST", Path: "/cluster/services/{id}/unlock", Action: "strata:LockService", Resource: serviceRes,
		Handle: cl(func(c *Call, cl Cluster) (any, error) {
			if err := cl.Unlock(c.Context(), c.Path("id")); err != nil {
				return nil, err
			}
			return findService(c, cl)
		})})
	a.Handle(Route{Method: "GET", Path: "/cluster/nodes", Action: "strata:ListServices", Resource: list,
		Handle: cl(func(c *Call, cl Cluster) (any, error) {
			svcs, err := cl.Services(c.Context(), "")
			return nodesOf(svcs), err
		})})
	a.Handle(Route{Method: "GET", Path: "/cluster/shards", Action: "strata:ListServices", Resource: list,
		Handle: cl(func(c *Call, cl Cluster) (any, error) {
			svcs, err := cl.Services(c.Context(), strata.ServiceMeta)
			return shardsOf(svcs), err
		})})
	formula := func(c *Call) (Resource, error) { return clusterARN("formula"), nil }
	a.Handle(Route{Method: "GET", Path: "/cluster/formula", Action: "strata:ListServices", Resource: formula,
		Handle: cl(func(c *Call, cl Cluster) (any, error) {
			f, err := cl.Formula(c.Context())
			return Formula{Formula: f}, err
		})})
	a.Handle(Route{Method: "PUT", Path: "/cluster/formula", Action: "strata:SetFormula", Resource: formula,
		Handle: cl(func(c *Call, cl Cluster) (any, error) {
			var f Formula
			if err := c.Decode(&f); err != nil {
				return nil, err
			}
			return f, cl.SetFormula(c.Context(), f.Formula)
		})})
}

// LockRequest is the body of a lock: the score to pin (default 0).
type LockRequest struct {
	Score int `json:"score"`
}

// Formula is the conscience's score formula.
type Formula struct {
	Formula string `json:"formula"`
}

func findService(c *Call, cl Cluster) (strata.Service, error) {
	svcs, err := cl.Services(c.Context(), "")
	if err != nil {
		return strata.Service{}, err
	}
	for _, s := range svcs {
		if s.ID == c.Path("id") {
			return s, nil
		}
	}
	return strata.Service{}, strata.Errorf("restapi", strata.NotExist, "no service %q", c.Path("id"))
}

// Node is one host of the cluster with its services.
type Node struct {
	Site     string           `json:"site"`
	Rack     string           `json:"rack"`
	Host     string           `json:"host"`
	Services []strata.Service `json:"services"`
}

// nodesOf groups services by the site.rack.host of their location.
func nodesOf(svcs []strata.Service) []Node {
	byHost := map[string]*Node{}
	var keys []string
	for _, s := range svcs {
		parts := strings.SplitN(string(s.Location), ".", 4)
		for len(parts) < 3 {
			parts = append(parts, "")
		}
		k := strings.Join(parts[:3], ".")
		n, ok := byHost[k]
		if !ok {
			n = &Node{Site: parts[0], Rack: parts[1], Host: parts[2]}
			byHost[k] = n
			keys = append(keys, k)
		}
		n.Services = append(n.Services, s)
	}
	slices.Sort(keys)
	out := make([]Node, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byHost[k])
	}
	return out
}

// Shard is one metadata shard and its members.
type Shard struct {
	ID      string   `json:"id"`
	Members []string `json:"members"`
	Leader  string   `json:"leader,omitempty"`
}

// shardsOf groups metadata services by their shard tag.
func shardsOf(svcs []strata.Service) []Shard {
	by := map[string]*Shard{}
	var ids []string
	for _, s := range svcs {
		id := s.Tags["shard"]
		sh, ok := by[id]
		if !ok {
			sh = &Shard{ID: id, Members: []string{}}
			by[id] = sh
			ids = append(ids, id)
		}
		sh.Members = append(sh.Members, s.ID)
		if s.Tags["leader"] == "true" {
			sh.Leader = s.ID
		}
	}
	slices.Sort(ids)
	out := make([]Shard, 0, len(ids))
	for _, id := range ids {
		out = append(out, *by[id])
	}
	return out
}
