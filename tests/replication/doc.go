// Package replicationtest runs bucket replication between two Strata
// clusters on loopback: in-process nodes for the default run, and
// `strata cluster local` processes for the crash test and the benchmark
// (scripts/replication-bench.sh).
package replicationtest
