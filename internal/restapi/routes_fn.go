package restapi

import (
	"encoding/json"
	"net/http"
)

// DeployRequest deploys a function: its manifest (the fn.Manifest shape)
// and its module (base64 in JSON; absent for a native command).
type DeployRequest struct {
	Manifest json.RawMessage `json:"manifest"`
	Module   []byte          `json:"module,omitempty"`
}

// maxModule bounds a deploy request (the module is inside).
const maxModule = 128 << 20

func fnRes(c *Call) (Resource, error) {
	n := c.Path("name")
	if n == "" {
		n = "*"
	}
	return Resource{ARN: "arn:strata:lambda:::function:" + n}, nil
}

// owner is the account functions act for: the caller's, or none (every
// bucket) for the administrator, as the admin API always did.
func owner(c *Call) string {
	if c.Admin {
		return ""
	}
	return c.Principal.Account.Name
}

func (a *API) functionRoutes() {
	fx := func(h func(c *Call, f Functions) (any, error)) func(*Call) (any, error) {
		return func(c *Call) (any, error) {
			if a.opts.Functions == nil {
				return nil, unavailable("functions are")
			}
			return h(c, a.opts.Functions)
		}
	}
	a.Handle(Route{Method: "GET", Path: "/functions", Action: "strata:ListFunctions", Resource: fnRes,
		Handle: fx(func(c *Call, f Functions) (any, error) { return f.List(c.Context()) })})
	a.Handle(Route{Method: "GET", Path: "/functions/{name}", Action: "strata:ListFunctions", Resource: fnRes,
		Handle: fx(func(c *Call, f Functions) (any, error) { return f.Get(c.Context(), c.Path("name")) })})
	a.Handle(Route{Method: "PUT", Path: "/functions/{name}", Action: "strata:ManageFunctions", Resource: fnRes,
		Handle: fx(func(c *Call, f Functions) (any, error) {
			var req DeployRequest
			if err := DecodeJSON(c.body, maxModule, &req, false); err != nil {
				return nil, err
			}
			var m struct {
				Name string `json:"name"`
			}
			if err := json.Unmarshal(req.Manifest, &m); err != nil || m.Name != c.Path("name") {
				return nil, apiErr(http.StatusBadRequest, "InvalidRequest", "the manifest's name must be the path's")
			}
			return f.Deploy(c.Context(), req.Manifest, req.Module, owner(c))
		})})
	a.Handle(Route{Method: "DELETE", Path: "/functions/{name}", Action: "strata:ManageFunctions", Resource: fnRes,
		Handle: fx(func(c *Call, f Functions) (any, error) {
			return map[string]string{"removed": c.Path("name")}, f.Remove(c.Context(), c.Path("name"))
		})})
	a.Handle(Route{Method: "POST", Path: "/functions/{name}/invoke", Action: "strata:InvokeFunction", Resource: fnRes,
		Handle: fx(func(c *Call, f Functions) (any, error) {
			payload, err := c.Body(16 << 20)
			if err != nil {
				return nil, err
			}
			return f.Invoke(c.Context(), c.Path("name"), payload, owner(c))
		})})
	a.Handle(Route{Method: "GET", Path: "/functions/{name}/logs", Action: "strata:ListFunctions", Resource: fnRes,
		Handle: fx(func(c *Call, f Functions) (any, error) {
			limit, err := c.QueryInt("limit", 20)
			if err != nil {
				return nil, err
			}
			return f.Logs(c.Context(), c.Path("name"), c.Query("id"), limit)
		})})
	a.Handle(Route{Method: "POST", Path: "/functions/{name}/batch", Action: "strata:InvokeFunction", Resource: fnRes,
		Handle: fx(func(c *Call, f Functions) (any, error) {
			if c.Query("bucket") == "" {
				return nil, apiErr(http.StatusBadRequest, "InvalidRequest", "batch needs bucket=")
			}
			// Progress goes out as JSON lines; the last line is the final
			// count, or {"error": ...}.
			w := c.Writer()
			w.Header().Set("Content-Type", "application/x-ndjson")
			enc := json.NewEncoder(w)
			flusher, _ := w.(http.Flusher)
			p, err := f.Batch(c.Context(), c.Path("name"), c.Query("bucket"), c.Query("prefix"), owner(c), func(p any) {
				enc.Encode(p)
				if flusher != nil {
					flusher.Flush()
				}
			})
			if err != nil {
				enc.Encode(map[string]string{"error": err.Error()})
				return nil, nil
			}
			enc.Encode(p)
			return nil, nil
		})})
}
