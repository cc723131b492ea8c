package restapi

import (
	"context"
	"net/url"
	"time"

	"github.com/strata-storage/strata/internal/usage"
)

// Usage is a gateway's usage accounting (see internal/usage).
type Usage interface {
	Store() *usage.Store
	// Flush moves what this gateway spooled into the samples now.
	Flush(ctx context.Context) (gateway string, err error)
	// Sample takes this hour's stored samples now (replacing them with
	// replace).
	Sample(ctx context.Context, replace bool) (int, error)
}

// usageAccount is the account a usage read is about: any (or all, "")
// for the administrator; for anyone else their own account, whatever
// they asked, if strata:GetUsage on it is allowed (an account's root
// always is).
func usageAccount(c *Call) (string, error) {
	if c.Admin {
		return c.Query("account"), nil
	}
	acct := c.Principal.Account.Name
	return acct, c.Authorize("strata:GetUsage", Resource{ARN: "arn:strata:usage:::account/" + acct, Account: acct})
}

func usageQuery(c *Call) (usage.Query, error) {
	acct, err := usageAccount(c)
	if err != nil {
		return usage.Query{}, err
	}
	return usage.QueryOf(url.Values{"from": {c.Query("from")}, "to": {c.Query("to")},
		"account": {acct}, "bucket": {c.Query("bucket")}}, time.Now())
}

// usageRoutes serve usage and chargeback. Reads are open to every
// account for its own usage (decided in the handler: Action ""); flush
// and sample are operations on the gateway, for the root account.
func (a *API) usageRoutes() {
	u := func(h func(c *Call, u Usage) (any, error)) func(*Call) (any, error) {
		return func(c *Call) (any, error) {
			if a.opts.Usage == nil {
				return nil, unavailable("usage accounting is")
			}
			return h(c, a.opts.Usage)
		}
	}
	a.Handle(Route{Method: "GET", Path: "/usage", Action: "",
		Handle: u(func(c *Call, u Usage) (any, error) {
			q, err := usageQuery(c)
			if err != nil {
				return nil, err
			}
			rows, err := u.Store().Report(c.Context(), q)
			if rows == nil {
				rows = []usage.Row{}
			}
			return usage.Report{From: q.From.Time(), To: q.To.Time(), Rows: rows}, err
		})})
	a.Handle(Route{Method: "GET", Path: "/usage/samples", Action: "",
		Handle: u(func(c *Call, u Usage) (any, error) {
			q, err := usageQuery(c)
			if err != nil {
				return nil, err
			}
			ts, err := u.Store().TrafficSamples(c.Context(), q)
			if err != nil {
				return nil, err
			}
			ss, err := u.Store().StoredSamples(c.Context(), q)
			return usage.Samples{Traffic: ts, Stored: ss}, err
		})})
	a.Handle(Route{Method: "POST", Path: "/usage/invoices", Action: "",
		Handle: u(func(c *Call, u Usage) (any, error) {
			month, err := usage.ParseMonth(c.Query("month"))
			if err != nil {
				return nil, err
			}
			acct, err := usageAccount(c)
			if err != nil {
				return nil, err
			}
			var sheet usage.PriceSheet
			if err := c.Decode(&sheet); err != nil {
				return nil, err
			}
			if err := sheet.Validate(); err != nil {
				return nil, err
			}
			invs, err := u.Store().Invoices(c.Context(), sheet, month, acct, time.Now())
			if invs == nil {
				invs = []usage.Invoice{}
			}
			return invs, err
		})})
	a.Handle(Route{Method: "POST", Path: "/usage/flush", Action: "strata:ManageUsage",
		Handle: u(func(c *Call, u Usage) (any, error) {
			gw, err := u.Flush(c.Context())
			return map[string]string{"gateway": gw}, err
		})})
	a.Handle(Route{Method: "POST", Path: "/usage/sample", Action: "strata:ManageUsage",
		Handle: u(func(c *Call, u Usage) (any, error) {
			n, err := u.Sample(c.Context(), c.Query("replace") == "1")
			return map[string]int{"sampled": n}, err
		})})
}
