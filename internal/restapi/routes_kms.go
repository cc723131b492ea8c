package restapi

import (
	"context"

	"github.com/strata-storage/strata/internal/kms"
)

func kmsRes(c *Call) (Resource, error) {
	n := c.Path("name")
	if n == "" {
		n = "*"
	}
	return Resource{ARN: "arn:strata:kms:::key/" + n}, nil
}

// kmsRoutes administer the built-in KMS's keys.
func (a *API) kmsRoutes() {
	k := func(h func(c *Call, k kms.Admin) (any, error)) func(*Call) (any, error) {
		return func(c *Call) (any, error) {
			if a.opts.KMS == nil {
				return nil, unavailable("a KMS with key administration is")
			}
			return h(c, a.opts.KMS)
		}
	}
	a.Handle(Route{Method: "GET", Path: "/kms/keys", Action: "kms:ListKeys", Resource: kmsRes,
		Handle: k(func(c *Call, k kms.Admin) (any, error) { return k.List(c.Context()) })})
	a.Handle(Route{Method: "POST", Path: "/kms/keys/{name}", Action: "kms:CreateKey", Resource: kmsRes,
		Handle: k(func(c *Call, k kms.Admin) (any, error) { return k.Create(c.Context(), c.Path("name")) })})
	for op, f := range map[string]func(kms.Admin) func(ctx context.Context, name string) (kms.KeyInfo, error){
		"rotate":  func(k kms.Admin) func(context.Context, string) (kms.KeyInfo, error) { return k.Rotate },
		"disable": func(k kms.Admin) func(context.Context, string) (kms.KeyInfo, error) { return k.Disable },
		"enable":  func(k kms.Admin) func(context.Context, string) (kms.KeyInfo, error) { return k.Enable },
	} {
		action := map[string]string{"rotate": "kms:RotateKey", "disable": "kms:DisableKey", "enable": "kms:EnableKey"}[op]
		a.Handle(Route{Method: "POST", Path: "/kms/keys/{name}/" + op, Action: action, Resource: kmsRes,
			Handle: k(func(c *Call, k kms.Admin) (any, error) { return f(k)(c.Context(), c.Path("name")) })})
	}
}
