package fsapi

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"syscall"

	"github.com/strata-storage/strata/internal/filetree"
)

// StatXattrs is Stat with the node's xattrs in the entry (XattrsKnown is
// set by a gateway that sends them). It needs the right to read the node.
func (c *Client) StatXattrs(ctx context.Context, p string) (filetree.Entry, error) {
	var e filetree.Entry
	err := c.call(ctx, "GET", "stat", pathQ(p, "xattrs", "1"), nil, &e)
	return e, err
}

// ListXattrs is List with each entry's xattrs. It needs the right to read
// the directory's objects.
func (c *Client) ListXattrs(ctx context.Context, p, after string, max int) (ListResult, error) {
	var res ListResult
	err := c.call(ctx, "GET", "list", pathQ(p, "after", after, "max", strconv.Itoa(max), "xattrs", "1"), nil, &res)
	return res, err
}

// Unlinked is the answer to an unlink: the time the gateway set on the
// parent directory (0 from a gateway that does not say).
type Unlinked struct {
	ParentTime int64 `json:"ptime,omitempty"`
}

// UnlinkTimed is Unlink, returning the parent directory's new times.
func (c *Client) UnlinkTimed(ctx context.Context, p string) (Unlinked, error) {
	var out Unlinked
	err := c.call(ctx, "POST", "unlink", pathQ(p), nil, &out)
	return out, err
}

// SetAttrHeader carries attribute changes (a JSON filetree.SetAttr) that
// a publish makes after publishing, in the same commit.
const SetAttrHeader = "X-Strata-Setattr"

// PublishSetAttr is Publish, then set's attribute changes, in one commit.
func (c *Client) PublishSetAttr(ctx context.Context, p string, mtime int64, set filetree.SetAttr) (filetree.Entry, error) {
	sb, _ := json.Marshal(set)
	hdr := http.Header{SetAttrHeader: {string(sb)}}
	resp, err := c.do(ctx, "POST", "publish", pathQ(p, "mtime", strconv.FormatInt(mtime, 10)), hdr, nil, 0)
	if err != nil {
		return filetree.Entry{}, err
	}
	defer resp.Body.Close()
	var e filetree.Entry
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
		return e, &Error{Errno: syscall.EIO, Msg: "bad answer: " + err.Error()}
	}
	return e, nil
}
