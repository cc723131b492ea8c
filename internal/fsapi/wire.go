package fsapi

import "github.com/strata-storage/strata/internal/filetree"

// Prefix is where the API is served.
const Prefix = "/_strata/fs/"

// ErrorBody is an error answer: the errno the client returns, as the
// gateway's number and by name (the client maps the name to its own
// system's number: see errname.go).
type ErrorBody struct {
	Errno int    `json:"errno"`
	Name  string `json:"errno_name,omitempty"`
	Error string `json:"error"`
}

// ListResult is a page of a directory listing.
type ListResult struct {
	Entries []filetree.Entry `json:"entries"`
	Next    string           `json:"next,omitempty"`
}

// LockRequest is the body of a lock call.
type LockRequest struct {
	Action string        `json:"action"`
	Ino    uint64        `json:"ino"`
	Lock   filetree.Lock `json:"lock"`
}

// SyncHeader, set to SyncDeferred on a request, lets the gateway answer
// a change once it is visible and make it durable within
// meta.DeferredSyncBound; the client's "sync" call makes it durable at
// once (a mount's fsync under --deferred-sync).
const (
	SyncHeader   = "X-Strata-Sync"
	SyncDeferred = "deferred"
)
