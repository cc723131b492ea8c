package restapi

import (
	"encoding/json"
	"net/http"
	"time"
)

// ReplayRequest publishes past events again.
type ReplayRequest struct {
	Since  time.Time `json:"since"`
	Bucket string    `json:"bucket,omitempty"`
	Target string    `json:"target,omitempty"` // ARN; "" = every target
}

// TargetRef names one target by ARN.
type TargetRef struct {
	Target string `json:"target"`
}

func targetRes(c *Call) (Resource, error) {
	n := c.Path("name")
	if n == "" {
		n = "*"
	}
	return Resource{ARN: "arn:strata:events:::target/" + n}, nil
}

func (a *API) eventRoutes() {
	ev := func(h func(c *Call, e Events) (any, error)) func(*Call) (any, error) {
		return func(c *Call) (any, error) {
			if a.opts.Events == nil {
				return nil, unavailable("events are")
			}
			return h(c, a.opts.Events)
		}
	}
	a.Handle(Route{Method: "GET", Path: "/events/targets", Action: "strata:ListEvents", Resource: targetRes,
		Handle: ev(func(c *Call, e Events) (any, error) { return e.Targets(c.Context()) })})
	a.Handle(Route{Method: "PUT", Path: "/events/targets/{name}", Action: "strata:ManageEvents", Resource: targetRes,
		Handle: ev(func(c *Call, e Events) (any, error) {
			var raw json.RawMessage
			if err := c.Decode(&raw); err != nil {
				return nil, err
			}
			arn, err := e.PutTarget(c.Context(), c.Path("name"), raw)
			return map[string]string{"name": c.Path("name"), "arn": arn}, err
		})})
	a.Handle(Route{Method: "DELETE", Path: "/events/targets/{name}", Action: "strata:ManageEvents", Resource: targetRes,
		Handle: ev(func(c *Call, e Events) (any, error) {
			return map[string]string{"removed": c.Path("name")}, e.DeleteTarget(c.Context(), c.Path("name"))
		})})
	a.Handle(Route{Method: "GET", Path: "/events/dead", Action: "strata:ListEvents", Resource: targetRes,
		Handle: ev(func(c *Call, e Events) (any, error) {
			max, err := c.QueryInt("max", 1000)
			if err != nil {
				return nil, err
			}
			return e.DeadLetters(c.Context(), c.Query("target"), max)
		})})
	a.Handle(Route{Method: "POST", Path: "/events/redrive", Action: "strata:ManageEvents", Resource: targetRes,
		Handle: ev(func(c *Call, e Events) (any, error) {
			var req TargetRef
			if err := c.Decode(&req); err != nil {
				return nil, err
			}
			if req.Target == "" {
				return nil, apiErr(http.StatusBadRequest, "InvalidRequest", "redrive needs a target ARN")
			}
			n, err := e.Redrive(c.Context(), req.Target)
			return map[string]int{"redriven": n}, err
		})})
	a.Handle(Route{Method: "POST", Path: "/events/replay", Action: "strata:ManageEvents", Resource: targetRes,
		Handle: ev(func(c *Call, e Events) (any, error) {
			var req ReplayRequest
			if err := c.Decode(&req); err != nil {
				return nil, err
			}
			if req.Since.IsZero() {
				return nil, apiErr(http.StatusBadRequest, "InvalidRequest", "since: RFC 3339, e.g. 2026-11-30T10:00:00Z")
			}
			n, err := e.Replay(c.Context(), req.Since, req.Bucket, req.Target)
			return map[string]int{"replayed": n}, err
		})})
}
