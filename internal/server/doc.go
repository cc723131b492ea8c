// Package server assembles a Strata node from its parts: the meta engine,
// the directory, blob volumes, the conscience, the object service and the
// protocol gateways, according to a Config. cmd/strata only parses flags
// into a Config and calls Run.
package server
