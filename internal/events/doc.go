// Package events moves storage events from the outbox to where they are
// wanted, losing none.
//
//	change + event ──one meta txn──▶ outbox (E/ keys of each engine)
//	relay: outbox ──▶ bus STRATA_EVENTS (all events, for replay)
//	             └──▶ bus STRATA_DELIVER, one message per event and target,
//	                  on lane hash(key) of the target
//	deliverers: each lane in order ──▶ webhook | NATS subject | function
//	            failures retried with backoff, then STRATA_DEAD (redrive)
//
// The relay deletes events from the outbox only after the bus has synced
// them, and publishes with the event id as the message id, so a crash at
// any point repeats at most what the bus then drops as a duplicate. A lane
// has one message in flight at a time, so a key's events reach a target
// in order.
package events
