// Package policy is the AWS IAM policy language: it parses, validates and
// evaluates JSON policy documents (identity policies attached to users,
// groups and roles, resource policies such as S3 bucket policies, and
// session policies).
//
// It is a pure library: no I/O, no state, no other Strata package but
// internal/strata for error kinds. The S3 gateway and the IAM service
// build a Request from an authenticated call and combine the Decisions of
// the policies that apply (explicit Deny wins over Allow, and nothing
// allowed means denied).
//
// A parsed *Policy is immutable and safe for concurrent use. Evaluation is
// allocation-free for policies without policy variables, and wildcard
// matching is linear in practice and O(len(pattern)*len(s)) at worst, so a
// hostile policy cannot make evaluation exponential.
package policy
