package s3

import (
	"context"
	"strings"

	"github.com/strata-storage/strata/internal/object"
)

// canBypassGovernance reports whether the request may lift GOVERNANCE
// retention: it must ask (x-amz-bypass-governance-retention: true) and
// hold the permission s3:BypassGovernanceRetention.
//
// Hook for the IAM engine: today the bucket owner (the account's root)
// holds the permission, and so does whoever a bucket policy grants the
// action to. The IAM engine will evaluate "s3:BypassGovernanceRetention"
// here for users and roles.
func canBypassGovernance(rq *request) bool {
	if !strings.EqualFold(rq.r.Header.Get("X-Amz-Bypass-Governance-Retention"), "true") {
		return false
	}
	if !rq.ident.Anonymous && rq.ident.Account == rq.account {
		return true
	}
	return rq.policyAllows("s3:BypassGovernanceRetention")
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
