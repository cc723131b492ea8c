// Package iamapi serves the AWS IAM and STS query APIs (form-encoded POST
// with an Action parameter, XML answers) on the S3 endpoint, as Ceph RGW
// does, so that `aws iam …` and `aws sts …` work unchanged with the same
// --endpoint-url. It is a thin door over package iam: every call is
// SigV4-signed for service "iam" or "sts", authorized as "iam:<Action>"
// on the target entity's ARN, and acts on the caller's account (the
// administrator may name another with the Strata parameter AccountName).
package iamapi
