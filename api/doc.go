// Package api holds the OpenAPI 3 document of Strata's native REST API
// (see internal/restapi), embedded so the server can serve it.
package api

import _ "embed"

// OpenAPI is api/openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPI []byte
