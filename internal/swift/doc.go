// Package swift serves the OpenStack Swift API on the S3 listener, over
// the same object service (internal/object) the S3 API uses, so that a
// Swift object is the S3 object of the same name and every write fires
// the same events.
//
// Where it sits: a protocol front beside internal/s3, wired in by
// internal/server. It authenticates with TempAuth v1 (/auth/v1.0, tokens
// sealed by the cluster key, valid on every gateway and across restarts)
// and authorizes each request as the S3 action on the same resource,
// through the S3 handler's own evaluation (s3.Handler.Authorize); Swift
// container ACLs, TempURL and FormPOST signatures may grant what IAM does
// not.
//
// The model: a Swift account is a Strata account (AUTH_<name>), a
// container is a bucket of that account, X-Object-Meta-* are the S3 user
// metadata, container metadata and ACLs are bucket configuration
// documents, account metadata is kept in the root metadata engine.
// Static large objects are stored as their manifest and assembled on
// read; dynamic ones (X-Object-Manifest) are listed and assembled on read.
package swift
