// Package fn is Grid for Apps: functions that run inside the cluster on
// storage events, HTTP calls, schedules and batch jobs.
//
// A function is a manifest and its code (a WASI module run by
// internal/fn/wasm, or a native program run sandboxed by
// internal/fn/native). The Registry keeps manifests in the root metadata
// engine and modules as objects of a system bucket. Every node with the
// agent role runs an Agent, registered in the conscience with its own
// score (CPU, memory, free invocation slots) and the node's tags. The
// Scheduler picks, for each invocation, the best-scored agent that has
// the function's required tags, and moves to the next one at once if the
// agent cannot be reached; the delivery lane's lease covers the death of
// the scheduler itself.
package fn
