package fsapi

import (
	"context"
	"io"
	"strconv"
	"syscall"
)

// ReadContent is ReadAt that also returns the name of the content read
// (the gateway's X-Strata-Content; "" from a gateway that does not send
// it): equal names mean equal bytes, so a cache may key blocks on it.
func (c *Client) ReadContent(ctx context.Context, p string, buf []byte, off int64) (n int, size int64, id string, err error) {
	q := pathQ(p, "off", strconv.FormatInt(off, 10), "len", strconv.Itoa(len(buf)))
	resp, err := c.do(ctx, "GET", "read", q, nil, nil, 0)
	if err != nil {
		return 0, 0, "", err
	}
	defer resp.Body.Close()
	size, _ = strconv.ParseInt(resp.Header.Get("X-Strata-Size"), 10, 64)
	id = resp.Header.Get("X-Strata-Content")
	n, err = io.ReadFull(resp.Body, buf)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	if err != nil {
		return n, size, "", &Error{Errno: syscall.EIO, Msg: err.Error()}
	}
	return n, size, id, nil
}
