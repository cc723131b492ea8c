package nfs

import (
	"encoding/binary"
	"errors"
)

// Call is what the server reads of an ONC RPC call header (RFC 5531)
// before go-nfs serves it: who calls, and which procedure.
type Call struct {
	Xid        uint32
	Prog, Vers uint32
	Proc       uint32
	Flavor     uint32 // credential flavor: 0 AUTH_NONE, 1 AUTH_SYS
	UID, GID   uint32 // AUTH_SYS only
	Args       []byte // the procedure's arguments (aliases the record)
}

// authSys is the AUTH_SYS (AUTH_UNIX) credential flavor.
const authSys = 1

var errShortCall = errors.New("nfs: short or malformed RPC call")

// xdrReader reads XDR fields from a byte slice, failing softly.
type xdrReader struct {
	b   []byte
	err error
}

func (r *xdrReader) u32() uint32 {
	if r.err != nil || len(r.b) < 4 {
		r.err = errShortCall
		return 0
	}
	v := binary.BigEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

// opaque reads a variable-length opaque of at most max bytes.
func (r *xdrReader) opaque(max uint32) []byte {
	n := r.u32()
	if r.err != nil {
		return nil
	}
	padded := (uint64(n) + 3) &^ 3
	if n > max || uint64(len(r.b)) < padded {
		r.err = errShortCall
		return nil
	}
	v := r.b[:n]
	r.b = r.b[padded:]
	return v
}

// ParseCall parses one RPC record (without its record mark) as a call.
func ParseCall(rec []byte) (Call, error) {
	r := &xdrReader{b: rec}
	var c Call
	c.Xid = r.u32()
	if r.u32() != 0 || r.err != nil { // msg_type CALL
		return c, errShortCall
	}
	if r.u32() != 2 { // rpcvers
		return c, errShortCall
	}
	c.Prog, c.Vers, c.Proc = r.u32(), r.u32(), r.u32()
	c.Flavor = r.u32()
	cred := r.opaque(400) // RFC 5531: at most 400 bytes
	r.u32()               // verifier flavor
	r.opaque(400)
	if r.err != nil {
		return c, r.err
	}
	if c.Flavor == authSys {
		a := &xdrReader{b: cred}
		a.u32()       // stamp
		a.opaque(255) // machine name
		c.UID, c.GID = a.u32(), a.u32()
		if a.err != nil {
			return c, a.err
		}
	}
	c.Args = r.b
	return c, nil
}

// Procedures of NFS version 3 (RFC 1813) the server looks at.
const (
	progNFS    = 100003
	procRead   = 6
	procWrite  = 7
	procCommit = 21
)
