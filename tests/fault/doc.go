// Package faulttest kills real strata processes mid-load and damages
// volumes, then checks that nothing acknowledged is lost, nothing partial
// is visible and nothing wrong is ever read.
package faulttest
