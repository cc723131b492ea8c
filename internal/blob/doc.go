// Package blob is the chunk server (the seed's rawx): it stores chunks as
// files on one volume, each with per-block checksums verified on every read
// and a back-reference to the object it belongs to. Store is the contract;
// Disk implements it on a local directory, Server exposes any Store over
// HTTP and Client is the remote Store, so the gateway talks to local and
// remote volumes the same way.
package blob
