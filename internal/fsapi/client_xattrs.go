package fsapi

import (
	"context"
	"strconv"

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
