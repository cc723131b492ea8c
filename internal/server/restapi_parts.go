package server

import "github.com/strata-storage/strata/internal/restapi"

// apiParts wires the jobs, functions and events into the API.
func (n *Node) apiParts(opts *restapi.Options) {}
