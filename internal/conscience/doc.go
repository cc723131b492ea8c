// Package conscience scores services from their live metrics with a
// configurable formula and places data by weighted-random choice over
// those scores, under distance rules (distinct hosts, then racks, then
// sites). It replaces consistent hashing: nothing is ever rebalanced, and a
// new service takes writes as soon as it reports a score.
package conscience
