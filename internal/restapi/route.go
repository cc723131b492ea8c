package restapi

import (
	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/iam/policy"
	"github.com/strata-storage/strata/internal/s3/auth"
)

// Route is one API operation. Every route names the IAM action that
// authorizes it and how to find the resource it acts on, so the API is
// decided by the same policies as S3.
type Route struct {
	Method string // "GET", "POST", "PUT", "DELETE"
	// Path is under Prefix, with ServeMux wildcards: "/buckets/{bucket}".
	Path string
	// Action is the IAM action checked, e.g. "s3:ListBucket",
	// "iam:CreateUser", "strata:LockService". "" lets any authenticated
	// caller in (the route then checks what it needs itself).
	Action string
	// Resource returns what Action applies to; nil means "*" in the
	// caller's account.
	Resource func(c *Call) (Resource, error)
	// AdminOnly routes are for the administrator alone (accounts).
	AdminOnly bool
	// Public routes need no credentials (the API document).
	Public bool
	// Handle does the work. It returns the JSON answer, or an error that
	// the API maps to its code and status. A handler that wrote the answer
	// itself (see Call.Writer) returns nil, nil.
	Handle func(c *Call) (any, error)
}

// Resource is what a route acts on, for the policy decision.
type Resource struct {
	ARN     string // "arn:aws:s3:::bucket", "arn:aws:iam::ID:user/u", "*"
	Account string // owning account; "" for the caller's own
	Policy  *policy.Policy
}

// Handle adds a route. It panics on a malformed or duplicate route, a
// programming error found by the first test that builds the API.
func (a *API) Handle(rt Route) {
	if rt.Handle == nil || !strings.HasPrefix(rt.Path, "/") || rt.Method == "" {
		panic(fmt.Sprintf("restapi: bad route %s %s", rt.Method, rt.Path))
	}
	a.mu.Lock()
	a.routes = append(a.routes, rt)
	a.mu.Unlock()
	a.mux.HandleFunc(rt.Method+" "+Prefix+rt.Path, func(w http.ResponseWriter, r *http.Request) {
		a.serve(w, r, rt)
	})
}

// serve authenticates, authorizes and runs one call.
func (a *API) serve(w http.ResponseWriter, r *http.Request, rt Route) {
	c := &Call{R: r, ID: requestID(w), api: a, w: w, body: r.Body}
	if !rt.Public {
		if err := a.authenticate(c); err != nil {
			a.note(c, true)
			writeError(w, c.ID, err)
			return
		}
		if err := a.authorize(c, rt); err != nil {
			a.note(c, true)
			writeError(w, c.ID, err)
			return
		}
		a.note(c, false)
	}
	out, err := rt.Handle(c)
	switch {
	case c.wrote:
	case err != nil:
		if e := toError(err); e.status >= 500 {
			a.log.Warn("api call failed", "method", r.Method, "path", r.URL.Path, "request_id", c.ID, "err", err)
		}
		writeError(w, c.ID, err)
	default:
		writeJSON(w, out)
	}
}

func (a *API) note(c *Call, denied bool) {
	if a.opts.OnCaller != nil {
		a.opts.OnCaller(c.R, c.Identity, denied)
	}
}

// authenticate finds the caller: a console session first, else SigV4.
func (a *API) authenticate(c *Call) error {
	if s := a.opts.Sessions; s != nil {
		id, ok, err := s.Authenticate(c.R)
		if err != nil {
			return err
		}
		if ok {
			return a.identify(c, id)
		}
	}
	id, body, err := a.opts.Verifier.Verify(c.R)
	if err != nil {
		return err
	}
	if id.Anonymous {
		return apiErr(http.StatusUnauthorized, "Unauthenticated", "sign the request with SigV4 or log in to the console")
	}
	c.body = body
	return a.identify(c, id)
}

func (a *API) identify(c *Call, id auth.Identity) error {
	c.Identity = id
	p, _ := id.Principal.(*iam.Principal)
	if p == nil {
		return apiErr(http.StatusForbidden, "AccessDenied", "the credentials carry no IAM principal")
	}
	c.Principal = p
	c.Admin = p.IsAdmin() || p.Account.Name == iam.RootAccount &&
		a.opts.IAM.Decide(&iam.Check{Principal: p, Action: "strata:Admin", Resource: "*"}).Allowed
	return nil
}

// authorize decides the route's action on its resource. The
// administrator may do everything; cluster-wide actions (strata:*, kms:*)
// are for the root account's users only, whatever their policies say.
func (a *API) authorize(c *Call, rt Route) error {
	if rt.AdminOnly && !c.Admin {
		return denied(c, rt.Action, "*", "only the administrator may")
	}
	if clusterWide(rt.Action) && !c.Admin && c.Principal.Account.Name != iam.RootAccount {
		return denied(c, rt.Action, "*", "cluster operations are for the root account")
	}
	// The resource is found even for the administrator: a missing
	// bucket or account is a 404 for everyone.
	res := Resource{ARN: "*"}
	if rt.Resource != nil {
		var err error
		if res, err = rt.Resource(c); err != nil {
			return err
		}
	}
	if c.Admin || rt.Action == "" {
		return nil
	}
	return c.Authorize(rt.Action, res)
}

// clusterWide actions act on the whole cluster (services, jobs,
// functions, events, KMS keys): no policy of another account grants them.
func clusterWide(action string) bool {
	return strings.HasPrefix(action, "strata:") || strings.HasPrefix(action, "kms:")
}

// Authorize decides one more action for a handler that needs several
// (the route's own action is already decided).
func (c *Call) Authorize(action string, res Resource) error {
	if c.Admin {
		return nil
	}
	ip, _, _ := net.SplitHostPort(c.R.RemoteAddr)
	ctx := iam.Context(c.Principal, iam.RequestInfo{SourceIP: ip, Secure: c.R.TLS != nil, UserAgent: c.R.UserAgent()})
	v := c.api.opts.IAM.Decide(&iam.Check{Principal: c.Principal, Action: action, Resource: res.ARN,
		ResourceAccount: res.Account, ResourcePolicy: res.Policy, Context: ctx})
	if !v.Allowed {
		return denied(c, action, res.ARN, v.Reason)
	}
	return nil
}

func denied(c *Call, action, resource, why string) error {
	return apiErr(http.StatusForbidden, "AccessDenied",
		fmt.Sprintf("%s is not authorized to perform %s on %s: %s", c.Principal.ARN(), action, resource, why))
}
