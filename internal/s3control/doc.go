// Package s3control serves the part of the AWS S3 Control API that an
// account's security settings need: the account-wide public access block
// (GET/PUT/DELETE /v20180820/configuration/publicAccessBlock with
// x-amz-account-id), so that `aws s3control put-public-access-block`
// works against the S3 endpoint. The block is stored on the account in
// package iam and applied by the S3 door to every bucket of the account.
package s3control
