package restapi

import "time"

// JobRequest starts a job.
type JobRequest struct {
	Kind   string            `json:"kind"`
	Params map[string]string `json:"params,omitempty"`
}

func jobRes(c *Call) (Resource, error) {
	id := c.Path("id")
	if id == "" {
		id = "*"
	}
	return clusterARN("job/" + id), nil
}

// jobRoutes start, list, watch and cancel long operations. POST with
// ?wait=1 (or GET one job with ?wait=30s) answers when the job ends.
func (a *API) jobRoutes() {
	jb := func(h func(c *Call, j *Jobs) (any, error)) func(*Call) (any, error) {
		return func(c *Call) (any, error) {
			if a.opts.Jobs == nil {
				return nil, unavailable("jobs are")
			}
			return h(c, a.opts.Jobs)
		}
	}
	a.Handle(Route{Method: "GET", Path: "/jobs", Action: "strata:ListJobs", Resource: jobRes,
		Handle: jb(func(c *Call, j *Jobs) (any, error) { return j.List(), nil })})
	a.Handle(Route{Method: "POST", Path: "/jobs", Action: "strata:RunJob", Resource: jobRes,
		Handle: jb(func(c *Call, j *Jobs) (any, error) {
			var req JobRequest
			if err := c.Decode(&req); err != nil {
				return nil, err
			}
			job, err := j.Start(req.Kind, req.Params)
			if err != nil || c.Query("wait") == "" {
				return job, err
			}
			return j.Wait(c.Context(), job.ID)
		})})
	a.Handle(Route{Method: "GET", Path: "/jobs/{id}", Action: "strata:ListJobs", Resource: jobRes,
		Handle: jb(func(c *Call, j *Jobs) (any, error) {
			if w := c.Query("wait"); w != "" {
				d, err := time.ParseDuration(w)
				if err != nil {
					return nil, apiErr(400, "InvalidRequest", "wait: a duration such as 30s")
				}
				ctx, cancel := contextWithTimeout(c, d)
				defer cancel()
				return j.Wait(ctx, c.Path("id"))
			}
			return j.Get(c.Path("id"))
		})})
	a.Handle(Route{Method: "DELETE", Path: "/jobs/{id}", Action: "strata:RunJob", Resource: jobRes,
		Handle: jb(func(c *Call, j *Jobs) (any, error) { return j.Cancel(c.Path("id")) })})
}
