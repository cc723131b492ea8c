package server

import (
	"context"
	"net/http"

	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// restAPI builds the native REST API (under /_strata/api/v1/) over this
// node's parts. Other sections add their routes to the returned API
// (see docs/API.md).
func (n *Node) restAPI(v *auth.Verifier) http.Handler {
	opts := restapi.Options{IAM: n.iam, Verifier: v, Log: n.log, Region: n.cfg.Region,
		Cluster: nodeCluster{n}, OnCaller: noteCaller}
	if n.Objects != nil {
		opts.Buckets = n.Objects
	}
	n.apiParts(&opts)
	opts.Tiers = n.tierStore()
	return restapi.New(opts)
}

// nodeCluster is the conscience as the API shows it.
type nodeCluster struct{ n *Node }

func (c nodeCluster) Services(ctx context.Context, typ string) ([]strata.Service, error) {
	return c.n.reg.Services(ctx, typ)
}

func (c nodeCluster) Lock(ctx context.Context, id string, score int) error {
	return c.n.reg.Lock(ctx, id, score)
}

func (c nodeCluster) Unlock(ctx context.Context, id string) error { return c.n.reg.Unlock(ctx, id) }

func (c nodeCluster) Formula(ctx context.Context) (string, error) {
	if f, ok := c.n.reg.(interface{ Formula() string }); ok {
		return f.Formula(), nil
	}
	return c.n.cfg.Formula, nil
}

func (c nodeCluster) SetFormula(ctx context.Context, f string) error {
	reg, ok := c.n.reg.(interface {
		SetFormula(context.Context, string) error
	})
	if !ok || c.n.etcd == nil {
		return strata.Errorf("server.SetFormula", strata.Invalid, "the embedded default takes its formula from --score-formula")
	}
	return reg.SetFormula(ctx, f)
}
