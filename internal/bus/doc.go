// Package bus is the event bus: an embedded NATS server with JetStream
// (the default, data in the node's folder) or a connection to an external
// NATS cluster, and the streams Strata keeps on it. Streams sync every
// write to disk before acknowledging it, so an acknowledged event survives
// a crash of the bus; PublishAtomic stores many messages as one atomic
// batch with one sync (batch.go).
package bus
