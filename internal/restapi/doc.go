// Package restapi is Strata's native REST API: JSON over HTTP under
// /_strata/api/v1/ on the S3 listener, described by the OpenAPI document
// api/openapi.yaml. The CLI and the web console use only this API.
//
// The package owns the router, authentication (SigV4 with the same
// verifier and IAM cache as S3, or a console session through the
// SessionAuth hook), authorization (every route names an IAM action and
// a resource and is decided by iam.Cache.Decide, as S3 is), and the JSON
// error shape {"code","message","request_id"}. The routes wrap code that
// lives elsewhere (iam, object, conscience, the node's jobs, functions and
// events); the server wires those in through Options. Other packages add
// routes with API.Handle (see docs/API.md).
//
// It sits beside the S3 and IAM doors in the gateway: server → restapi →
// iam, object, conscience. It never imports server.
package restapi
