package fsapi

import "github.com/strata-storage/strata/internal/filetree"

// Prefix is where the API is served.
const Prefix = "/_strata/fs/"

// ErrorBody is an error answer: the errno the client returns.
type ErrorBody struct {
	Errno int    `json:"errno"`
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
