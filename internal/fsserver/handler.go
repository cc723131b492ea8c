package fsserver

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"syscall"

	"github.com/strata-storage/strata/internal/fsapi"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// Authorizer checks that a request may do what need lists on a bucket's
// file view, and returns its body (verified as it is read).
type Authorizer func(r *http.Request, bucket string, need []Access) (io.Reader, error)

// Handler serves the API over the object service.
type Handler struct {
	Svc       *object.Service
	Authorize Authorizer
	Metrics   *Metrics // nil: not counted
}

func writeErr(w http.ResponseWriter, err error) {
	errno := object.Errno(err)
	status := http.StatusBadRequest
	switch {
	case strata.Is(err, strata.Permission):
		status = http.StatusForbidden
	case errno == syscall.ENOENT:
		status = http.StatusNotFound
	case errno == syscall.EIO || errno == syscall.EAGAIN:
		status = http.StatusServiceUnavailable
		if errno == syscall.EIO {
			// The mount only sees the errno; keep the cause for the operator.
			slog.Warn("file operation failed", "err", err)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(fsapi.ErrorBody{Errno: int(errno), Name: fsapi.ErrnoName(errno), Error: err.Error()})
}

func writeOK(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func badArg(name string) error {
	return strata.E("fsapi", strata.Invalid, errors.New("bad parameter "+name))
}

func intArg(r *http.Request, name string) (int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, badArg(name)
	}
	return n, nil
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, fsapi.Prefix)
	bucket, op, ok := strings.Cut(rest, "/")
	if !ok || bucket == "" {
		writeErr(w, badArg("path"))
		return
	}
	w, done := h.Metrics.observe(op, w)
	defer done()
	q := r.URL.Query()
	p := q.Get("path")
	body, err := h.Authorize(r, bucket, accessOf(op, p, q))
	if err != nil {
		writeErr(w, err)
		return
	}
	if body == nil {
		body = r.Body
	}
	ctx := r.Context()
	if s := r.Header.Get("X-Strata-Session"); s != "" {
		ctx = object.WithOrigin(ctx, s)
	}
	if r.Header.Get(fsapi.SyncHeader) == fsapi.SyncDeferred {
		// The mount accepted to see its changes made durable within
		// meta.DeferredSyncBound, or at its next fsync ("sync").
		ctx = meta.WithDeferredSync(ctx)
	}
	publish := q.Get("publish") == "1"
	var out any
	switch op {
	case "stat":
		if q.Get("xattrs") == "1" {
			out, err = h.Svc.FSStatXattrs(ctx, bucket, p)
		} else {
			out, err = h.Svc.FSStat(ctx, bucket, p)
		}
	case "list":
		var max int64
		if max, err = intArg(r, "max"); err == nil {
			list := h.Svc.FSList
			if q.Get("xattrs") == "1" {
				list = h.Svc.FSListXattrs
			}
			var res fsapi.ListResult
			res.Entries, res.Next, err = list(ctx, bucket, p, q.Get("after"), int(max))
			out = res
		}
	case "mkdir", "create", "symlink":
		var a object.FileAttr
		if err = json.NewDecoder(body).Decode(&a); err != nil {
			err = badArg("attributes")
			break
		}
		switch op {
		case "mkdir":
			out, err = h.Svc.FSMkdir(ctx, bucket, p, a)
		case "create":
			out, err = h.Svc.FSCreate(ctx, bucket, p, a, q.Get("excl") == "1")
		default:
			out, err = h.Svc.FSSymlink(ctx, bucket, p, q.Get("target"), a)
		}
	case "link":
		out, err = h.Svc.FSLink(ctx, bucket, p, q.Get("to"))
	case "unlink":
		var ptime int64
		ptime, err = h.Svc.FSUnlinkTimed(ctx, bucket, p)
		out = fsapi.Unlinked{ParentTime: ptime}
	case "rmdir":
		err = h.Svc.FSRmdir(ctx, bucket, p)
	case "rename":
		var flags int64
		if flags, err = intArg(r, "flags"); err == nil {
			err = h.Svc.FSRename(ctx, bucket, p, q.Get("to"), uint32(flags))
		}
	case "setattr":
		var set object.SetAttr
		if err = json.NewDecoder(body).Decode(&set); err != nil {
			err = badArg("attributes")
			break
		}
		out, err = h.Svc.FSSetAttr(ctx, bucket, p, set)
	case "truncate":
		var size int64
		if size, err = intArg(r, "size"); err == nil {
			out, err = h.Svc.FSTruncate(ctx, bucket, p, size, publish)
		}
	case "write":
		var runs []object.Run
		if err = json.Unmarshal([]byte(r.Header.Get("X-Strata-Runs")), &runs); err != nil {
			err = badArg("runs")
			break
		}
		var mtime int64
		var set *object.SetAttr
		if mtime, err = intArg(r, "mtime"); err == nil {
			set, err = setHeader(r, publish)
		}
		switch {
		case err != nil:
		case set != nil:
			out, err = h.Svc.FSWriteSetAttr(ctx, bucket, p, runs, body, mtime, *set)
		default:
			out, err = h.Svc.FSWrite(ctx, bucket, p, runs, body, publish, mtime)
		}
	case "publish":
		var mtime int64
		var set *object.SetAttr
		if mtime, err = intArg(r, "mtime"); err == nil {
			set, err = setHeader(r, true)
		}
		switch {
		case err != nil:
		case set != nil:
			out, err = h.Svc.FSPublishSetAttr(ctx, bucket, p, mtime, *set)
		default:
			out, err = h.Svc.FSPublish(ctx, bucket, p, mtime)
		}
	case "read":
		h.read(w, r, bucket, p)
		return
	case "xattrs":
		out, err = h.Svc.FSGetXattrs(ctx, bucket, p)
	case "setxattr":
		var value []byte
		if r.Header.Get("X-Strata-Remove") != "1" {
			if value, err = io.ReadAll(io.LimitReader(body, object.MaxXattrSize+1)); err != nil {
				break
			}
			if value == nil {
				value = []byte{}
			}
		}
		var flags int64
		if flags, err = intArg(r, "flags"); err == nil {
			err = h.Svc.FSSetXattr(ctx, bucket, p, q.Get("name"), value, uint32(flags))
		}
	case "changes":
		var since, max int64
		if since, err = intArg(r, "since"); err == nil {
			if max, err = intArg(r, "max"); err == nil {
				out, err = h.Svc.ChangesSkipping(ctx, bucket, since, int(max), q.Get("skip"))
			}
		}
	case "lock":
		out, err = h.lock(r, bucket, body)
	case "sync":
		err = h.Svc.FSSync(ctx, bucket)
	default:
		err = strata.Errorf("fsapi", strata.Invalid, "unknown operation %q", op)
	}
	if err != nil {
		writeErr(w, err)
		return
	}
	if out == nil {
		out = struct{}{}
	}
	writeOK(w, out)
}

func (h *Handler) read(w http.ResponseWriter, r *http.Request, bucket, p string) {
	off, err := intArg(r, "off")
	if err != nil {
		writeErr(w, err)
		return
	}
	n, err := intArg(r, "len")
	if err != nil {
		writeErr(w, err)
		return
	}
	rc, size, err := h.Svc.FSRead(r.Context(), bucket, p, off, n)
	if err != nil {
		writeErr(w, err)
		return
	}
	defer rc.Close()
	w.Header().Set("X-Strata-Size", strconv.FormatInt(size, 10))
	if c, ok := rc.(object.ContentIDer); ok {
		w.Header().Set("X-Strata-Content", c.ContentID())
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	// Read the first bytes before the status, so that a failing chunk
	// read is an error answer rather than a truncated body.
	buf := make([]byte, min(n, 64<<10)+1)
	m, rerr := io.ReadFull(rc, buf)
	if rerr != nil && rerr != io.EOF && rerr != io.ErrUnexpectedEOF {
		writeErr(w, rerr)
		return
	}
	w.Write(buf[:m])
	io.Copy(w, rc)
}

func (h *Handler) lock(r *http.Request, bucket string, body io.Reader) (object.Lock, error) {
	var req fsapi.LockRequest
	if err := json.NewDecoder(body).Decode(&req); err != nil {
		return object.Lock{}, badArg("lock")
	}
	return h.Svc.FSLock(r.Context(), bucket, req.Ino, req.Action, req.Lock)
}
