package s3

import (
	"context"
	"strings"

	"github.com/strata-storage/strata/internal/object"
)

// canBypassGovernance reports whether the request may lift GOVERNANCE
// retention: it must ask (x-amz-bypass-governance-retention: true) and
// hold the permission s3:BypassGovernanceRetention: the policies decide
// (identity and bucket policy, an explicit Deny winning), so an account
// root has it on its own buckets unless a bucket policy denies it.
func canBypassGovernance(rq *request) bool {
	if !strings.EqualFold(rq.r.Header.Get("X-Amz-Bypass-Governance-Retention"), "true") {
		return false
	}
	if rq.h.cfg.IAM == nil {
		if !rq.ident.Anonymous && rq.ident.Account == rq.account {
			return true
		}
		return rq.policyAllows("s3:BypassGovernanceRetention")
	}
	one := *rq
	one.act = "s3:BypassGovernanceRetention"
	return one.authorize("", nil) == nil
}

// governanceContext is the request's context, marked for the object
// service when the request may bypass GOVERNANCE retention.
func (rq *request) governanceContext() context.Context {
	ctx := rq.r.Context()
	if canBypassGovernance(rq) {
		return object.WithGovernanceBypass(ctx)
	}
	return ctx
}
