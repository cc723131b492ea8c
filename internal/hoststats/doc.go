// Package hoststats measures what the conscience scores: the host's CPU
// idleness (from /proc/stat) and a volume's space (statfs), and reports
// services with their stats to a registry on a fixed interval. It sits
// below the server wiring and above nothing but strata: the registry it
// reports to is any type with a Register method, usually a
// conscience.Registry.
//
// Memory is the memory the process may use (the machine's, or its
// container's limit), which the metadata cache and the collector's heap
// floor are sized from.
package hoststats
