// Package iamtest drives accounts, IAM users, policies and STS through the
// real AWS SDK clients (IAM, STS, S3) against servers on loopback: an
// in-process node, and an in-process cluster whose gateways must agree
// within a second.
package iamtest
