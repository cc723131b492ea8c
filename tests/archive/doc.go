// Package archivetest tests archive classes end to end on real in-process
// servers: GLACIER and DEEP_ARCHIVE reads refused, RestoreObject and its
// temporary copy, its expiry, its events, and the mount's errno.
package archivetest
