// Package s3test drives a real Strata node on loopback with real S3
// clients (aws-sdk-go-v2 and minio-go) and checks the S3 behaviour users
// rely on.
package s3test
