package restapi

import (
	"context"
	"strings"

	"github.com/strata-storage/strata/internal/object"
)

// Classes is the cluster's storage class store (see object.ClassStore).
type Classes interface {
	List(ctx context.Context) ([]object.StorageClass, error)
	Get(ctx context.Context, name string) (object.StorageClass, error)
	Put(ctx context.Context, c object.StorageClass) (object.StorageClass, error)
	Delete(ctx context.Context, name string) error
}

var _ Classes = (*object.ClassStore)(nil)

func classRes(c *Call) (Resource, error) {
	n := c.Path("name")
	if n == "" {
		n = "*"
	}
	return clusterARN("class/" + strings.ToUpper(n)), nil
}

// classRoutes serve the storage classes: a pool and protection policies
// per S3 class name, cluster-wide.
func (a *API) classRoutes() {
	h := func(f func(c *Call, s Classes) (any, error)) func(*Call) (any, error) {
		return func(c *Call) (any, error) {
			if a.opts.Classes == nil {
				return nil, unavailable("storage classes are")
			}
			return f(c, a.opts.Classes)
		}
	}
	a.Handle(Route{Method: "GET", Path: "/classes", Action: "strata:GetClass", Resource: classRes,
		Handle: h(func(c *Call, s Classes) (any, error) { return s.List(c.Context()) })})
	a.Handle(Route{Method: "GET", Path: "/classes/{name}", Action: "strata:GetClass", Resource: classRes,
		Handle: h(func(c *Call, s Classes) (any, error) { return s.Get(c.Context(), c.Path("name")) })})
	a.Handle(Route{Method: "PUT", Path: "/classes/{name}", Action: "strata:SetClass", Resource: classRes,
		Handle: h(func(c *Call, s Classes) (any, error) {
			var sc object.StorageClass
			if err := c.Decode(&sc); err != nil {
				return nil, err
			}
			sc.Name = c.Path("name")
			return s.Put(c.Context(), sc)
		})})
	a.Handle(Route{Method: "DELETE", Path: "/classes/{name}", Action: "strata:SetClass", Resource: classRes,
		Handle: h(func(c *Call, s Classes) (any, error) {
			return map[string]string{"removed": strings.ToUpper(c.Path("name"))}, s.Delete(c.Context(), c.Path("name"))
		})})
}
