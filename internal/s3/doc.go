// Package s3 is the S3 protocol gateway: routing (path-style and
// virtual-host style), request parsing, XML bodies, the error table that
// maps strata error kinds to S3 codes, and the handlers that call the
// object service. Authentication lives in s3/auth.
package s3
