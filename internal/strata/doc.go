// Package strata is the shared vocabulary of the storage system: error
// kinds, identifiers, locations and service descriptions. Every other
// package may import it; it imports nothing of ours.
package strata
