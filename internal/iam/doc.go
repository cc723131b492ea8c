// Package iam is Strata's identity and access management: accounts
// (tenants, the directory's first level), their users, groups, roles,
// access keys and managed policies, console passwords (login profiles,
// argon2id-hashed), the temporary credentials of STS sessions, and the decision that every door (S3, the IAM and STS APIs,
// the admin API, later the console and the other protocols) asks before
// it acts.
//
// Records live in the root metadata engine under the "I/" prefix, so they
// are replicated with the directory (pebble on one node, etcd in a
// cluster). Secrets are sealed with AES-256-GCM under the cluster key and
// are never stored in clear. Each gateway keeps a full in-memory Cache of
// the records, refreshed from the engine's change feed, so authentication
// and authorization cost no metadata round trip on the hot path.
//
// The policy language itself (parsing, conditions, variables) is in
// iam/policy; this package decides with it the way AWS does: an explicit
// Deny wins; within an account an identity policy, the bucket policy or
// an ACL may allow; across accounts both sides must allow; anonymous
// callers get only what the bucket grants.
package iam
