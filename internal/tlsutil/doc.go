// Package tlsutil is the TLS material of a node: its certificate, reloaded
// in place on SIGHUP, the cluster CA that node-to-node (mutual) TLS trusts,
// listeners that never answer in plain text, and the small CA that
// `strata cert` and `strata cluster local --tls` use to issue node
// certificates. It sits below every listener and client of the node
// (S3 gateway, blob servers, embedded etcd, the NATS bus) and depends on
// the standard library only.
package tlsutil
