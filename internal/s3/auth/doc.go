// Package auth verifies S3 requests: AWS Signature Version 4 in the
// Authorization header, presigned URLs (query parameters), streaming
// chunked uploads (STREAMING-AWS4-HMAC-SHA256-PAYLOAD, with or without
// trailers, and STREAMING-UNSIGNED-PAYLOAD-TRAILER), UNSIGNED-PAYLOAD, and
// the x-amz-checksum-* values sent in headers or trailers. Verification of
// the payload happens as the body is read, so nothing is buffered.
package auth
