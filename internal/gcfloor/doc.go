// Package gcfloor keeps Go's garbage collector from running every few
// MiB of allocation when the live heap is small.
//
// A Strata process keeps its large state outside the Go heap (pebble's
// block cache and memtables are manually managed), so its live heap is
// often 10–20 MiB. With GOGC=100 the collector then runs each time the
// process allocates that much again: many times a second under load,
// each cycle marking, assisting and sweeping. Floor raises the heap goal
// to at least a floor, by setting GOGC after each collection from the
// live heap it left, and lets GOGC fall back to 100 as the live heap
// grows past the floor: it never holds more than GOGC=100 would once
// the live heap is larger than half the floor.
package gcfloor
