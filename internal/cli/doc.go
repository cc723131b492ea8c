// Package cli holds the strata command tree (cobra): it turns flags and
// environment variables into configs for internal/server and the operator
// commands, and nothing else.
package cli
