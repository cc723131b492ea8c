package webdav

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"syscall"

	xwebdav "golang.org/x/net/webdav"

	"github.com/strata-storage/strata/internal/vfs"
)

// statusWriter corrects x/net/webdav's answers where its FileSystem
// interface loses the cause: it maps any failure that is not "not found"
// to 405 or 404, while a client must see 403 for a policy's refusal and
// 507 for a full quota. The file system notes the errno of its failures
// here; an error status is rewritten from it. It also turns a LOCK that
// made its resource into 201 Created (the lock system makes the resource,
// before x/net/webdav looks for it).
type statusWriter struct {
	http.ResponseWriter
	method      string
	errno       syscall.Errno
	lockCreated bool
	existed     bool // a PUT replaced a file: 204, not 201
	wrote       bool
	swallow     bool // the status was rewritten: the library's text body is replaced
	// lockedOut reports that the request's If header held but did not
	// name the lock on the resource: 423, not 412.
	lockedOut func() bool
}

func (w *statusWriter) noteErrno(e syscall.Errno) {
	if e != 0 && e != syscall.ENOENT || w.errno == 0 {
		w.errno = e
	}
}

func (w *statusWriter) WriteHeader(code int) {
	if w.wrote {
		return
	}
	w.wrote = true
	if code == http.StatusCreated && w.existed && w.method == "PUT" {
		code = http.StatusNoContent
	}
	if code == http.StatusPreconditionFailed && w.lockedOut != nil && w.lockedOut() {
		code = xwebdav.StatusLocked
	}
	if code >= 400 && code != xwebdav.StatusLocked && code != http.StatusPreconditionFailed {
		if s := w.rewrite(code); s != code {
			w.ResponseWriter.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.ResponseWriter.WriteHeader(s)
			io.WriteString(w.ResponseWriter, xwebdav.StatusText(s))
			w.swallow = true
			return
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) rewrite(code int) int {
	switch w.errno {
	case syscall.EACCES, syscall.EPERM:
		return http.StatusForbidden
	case syscall.ENOSPC, syscall.EDQUOT:
		return xwebdav.StatusInsufficientStorage
	case syscall.EXDEV:
		return http.StatusBadGateway
	case syscall.ENOENT:
		if w.method == "MOVE" || w.method == "MKCOL" || w.method == "PUT" || w.method == "COPY" || w.method == "LOCK" {
			return http.StatusConflict // a missing parent collection
		}
	case syscall.EINVAL:
		if w.method == "MKCOL" {
			return http.StatusForbidden // not a valid bucket name
		}
	case syscall.EEXIST:
		if w.method == "MKCOL" {
			return http.StatusMethodNotAllowed
		}
	case syscall.ENOTDIR:
		return http.StatusConflict
	}
	return code
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		if w.lockCreated {
			w.WriteHeader(http.StatusCreated)
		} else {
			w.WriteHeader(http.StatusOK)
		}
	}
	if w.swallow {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

// Flush lets long PROPFIND answers stream.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// httpStatus is the status of one failed property update.
func httpStatus(e syscall.Errno) int {
	switch e {
	case syscall.EACCES, syscall.EPERM:
		return http.StatusForbidden
	case syscall.ENOSPC, syscall.E2BIG, syscall.ERANGE:
		return xwebdav.StatusInsufficientStorage
	case syscall.ENOENT:
		return http.StatusNotFound
	}
	return http.StatusInternalServerError
}

func errnoOf(err error) syscall.Errno {
	if err == nil {
		return 0
	}
	var e syscall.Errno
	if errors.As(err, &e) {
		return e
	}
	return vfs.Errno(err)
}

func readAllLimit(r io.Reader, n int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, n+1))
	if err == nil && int64(len(b)) > n {
		err = errors.New("body too large")
	}
	return b, err
}

func newBody(b []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }
