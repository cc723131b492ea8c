package nfs

import (
	"encoding/binary"
)

// MOUNT procedures go-nfs does not serve (and answers with a malformed
// PROG_MISMATCH that libnfs and Linux cannot decode).
const (
	progMount        = 100005
	mountProcDump    = 2
	mountProcUmnt    = 3
	mountProcUmntAll = 4
	mountProcExport  = 5
)

// exportList is the answer to MOUNT EXPORT: "/" (every bucket the caller
// may see; each bucket "/BUCKET" is a mount point below it), open to all
// hosts. Each entry: value follows, dirpath, empty group list; then end.
var exportList = func() []byte {
	b := binary.BigEndian.AppendUint32(nil, 1)
	b = binary.BigEndian.AppendUint32(b, 1)
	b = append(b, '/', 0, 0, 0)
	b = binary.BigEndian.AppendUint32(b, 0) // no groups
	return binary.BigEndian.AppendUint32(b, 0)
}()

// mountExtras turns the MOUNT calls go-nfs lacks into NULL calls, whose
// bare success reply Write then completes with the procedure's result.
func (c *recordConn) mountExtras(rec []byte, call Call) {
	var body []byte
	switch call.Proc {
	case mountProcDump:
		body = []byte{0, 0, 0, 0} // no mounts are listed
	case mountProcUmntAll:
		body = []byte{}
	case mountProcExport:
		body = exportList
	default:
		return
	}
	binary.BigEndian.PutUint32(rec[4+20:], 0) // proc: NULL
	c.wmu.Lock()
	if c.answers == nil {
		c.answers = map[uint32][]byte{}
	}
	c.answers[call.Xid] = body
	c.wmu.Unlock()
}

// nullReplyLen is a record-marked accepted success reply with no body:
// mark, xid, REPLY, MSG_ACCEPTED, AUTH_NONE verifier, SUCCESS.
const nullReplyLen = 4 + 24

// Write completes the NULL replies of the MOUNT calls mountExtras
// rewrote, and marks the replies of UNSTABLE WRITEs (unstable.go).
// go-nfs writes each reply's mark and body in one write.
func (c *recordConn) Write(p []byte) (int, error) {
	if f, ok := c.rewriteUnstable(p); f != nil && !ok {
		// Not rewritten: the reply says FILE_SYNC, so make it so.
		if err := f.of.h.Flush(f.b.ctx()); err != nil {
			f.b.srv.log.Error("nfs: publish of an unstable write failed", "path", f.path, "err", err)
		}
	}
	c.wmu.Lock()
	if len(c.answers) > 0 && len(p) == nullReplyLen {
		xid := binary.BigEndian.Uint32(p[4:])
		if body, ok := c.answers[xid]; ok {
			delete(c.answers, xid)
			c.wmu.Unlock()
			out := make([]byte, 0, len(p)+len(body))
			out = binary.BigEndian.AppendUint32(out, 1<<31|uint32(24+len(body)))
			out = append(append(out, p[4:]...), body...)
			if _, err := c.Conn.Write(out); err != nil {
				return 0, err
			}
			return len(p), nil
		}
	}
	c.wmu.Unlock()
	return c.Conn.Write(p)
}
