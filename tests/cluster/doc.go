// Package cluster holds the multi-node tests: clusters started in this
// process and as real processes by `strata cluster local`, driven with
// aws-sdk-go-v2, with nodes killed (SIGKILL) under load.
package cluster
