package swift

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/strata-storage/strata/internal/object"
)

// parseRanges reads every range of a bytes= header against size: nil
// for no (or an unparsable) header, errRange when none is satisfiable.
// Unsatisfiable ones among satisfiable ones are dropped, as Swift does.
func parseRanges(s string, size int64) ([]object.Range, error) {
	s = strings.Join(strings.Fields(s), "")
	spec, ok := strings.CutPrefix(strings.ToLower(s), "bytes=")
	if !ok {
		return nil, nil
	}
	var out []object.Range
	bad := false
	for _, part := range strings.Split(spec, ",") {
		r, err := parseRange("bytes="+part, size)
		switch {
		case err != nil:
			bad = true
		case r == nil:
			return nil, nil // one malformed range: the header is ignored
		default:
			out = append(out, *r)
		}
	}
	if len(out) == 0 && bad {
		return nil, errRange
	}
	return out, nil
}

// writeMultiRange answers several ranges as multipart/byteranges.
func (rq *request) writeMultiRange(rs []object.Range, size int64, ctype string, open func(start, end int64) (io.ReadCloser, error)) error {
	b := make([]byte, 16)
	rand.Read(b)
	boundary := hex.EncodeToString(b)
	h := rq.w.Header()
	h.Del("Content-Length")
	h.Set("Content-Type", "multipart/byteranges;boundary="+boundary)
	rq.w.WriteHeader(http.StatusPartialContent)
	if rq.r.Method == http.MethodHead {
		return nil
	}
	for _, r := range rs {
		io.WriteString(rq.w, "--"+boundary+"\r\nContent-Type: "+ctype+"\r\nContent-Range: bytes "+
			strconv.FormatInt(r.Start, 10)+"-"+strconv.FormatInt(r.End, 10)+"/"+strconv.FormatInt(size, 10)+"\r\n\r\n")
		body, err := open(r.Start, r.End)
		if err != nil {
			return nil // headers are out: end the body short
		}
		_, err = io.Copy(rq.w, body)
		body.Close()
		if err != nil {
			return nil
		}
		io.WriteString(rq.w, "\r\n")
	}
	io.WriteString(rq.w, "--"+boundary+"--")
	return nil
}
