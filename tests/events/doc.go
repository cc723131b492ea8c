// Package eventstest tests storage events and functions end to end: real
// servers and clusters, real webhooks and NATS subscribers, functions
// built from the examples with GOOS=wasip1.
package eventstest
