package restapi

import (
	"net/http"

	"github.com/strata-storage/strata/api"
)

// metaRoutes are about the API itself.
func (a *API) metaRoutes() {
	a.Handle(Route{Method: "GET", Path: "/openapi.yaml", Public: true, Handle: func(c *Call) (any, error) {
		w := c.Writer()
		w.Header().Set("Content-Type", "application/yaml")
		w.WriteHeader(http.StatusOK)
		w.Write(api.OpenAPI)
		return nil, nil
	}})
	a.Handle(Route{Method: "GET", Path: "/whoami", Handle: func(c *Call) (any, error) {
		p := c.Principal
		return Whoami{Account: p.Account.Name, AccountID: p.Account.ID, ARN: p.ARN(), Type: p.Type(),
			Name: p.Name(), Admin: c.Admin, AccessKey: c.Identity.AccessKey}, nil
	}})
}

// Whoami describes the caller.
type Whoami struct {
	Account   string `json:"account"`
	AccountID string `json:"account_id"`
	ARN       string `json:"arn"`
	Type      string `json:"type"`
	Name      string `json:"name"`
	Admin     bool   `json:"admin"`
	AccessKey string `json:"access_key,omitempty"`
}
