// Package hoststats measures the host metrics the conscience scores:
// CPU idleness from /proc/stat. Volume space and disk idleness come from
// the blob volumes themselves.
package hoststats
