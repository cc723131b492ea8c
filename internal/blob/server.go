package blob

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// Wire headers of the chunk protocol.
const (
	hdrContainer = "X-Strata-Ref-Container"
	hdrObject    = "X-Strata-Ref-Object"
	hdrVersion   = "X-Strata-Ref-Version"
	hdrPosition  = "X-Strata-Ref-Position"
	hdrSize      = "X-Strata-Size"
	hdrChecksum  = "X-Strata-Checksum"
	hdrCreated   = "X-Strata-Created"
	hdrKind      = "X-Strata-Error-Kind"
)

// Server exposes a Store over HTTP:
//
//	PUT    /chunk/{id}   body = data, back-reference in X-Strata-Ref-* headers
//	GET    /chunk/{id}   Range: bytes=a-b supported
//	HEAD   /chunk/{id}   Stat as headers
//	DELETE /chunk/{id}
//	POST   /chunk/{id}/verify  read it all and check every checksum
//	GET    /chunks       every chunk, as JSON lines
//	GET    /usage        JSON
//
// Errors keep their strata.Kind in X-Strata-Error-Kind.
type Server struct {
	store Store
	log   *slog.Logger
	mux   *http.ServeMux
}

// NewServer returns the HTTP handler of a store.
func NewServer(s Store, log *slog.Logger) *Server {
	if log == nil {
		log = slog.Default()
	}
	srv := &Server{store: s, log: log, mux: http.NewServeMux()}
	srv.mux.HandleFunc("PUT /chunk/{id}", srv.put)
	srv.mux.HandleFunc("GET /chunk/{id}", srv.get)
	srv.mux.HandleFunc("HEAD /chunk/{id}", srv.head)
	srv.mux.HandleFunc("DELETE /chunk/{id}", srv.del)
	srv.mux.HandleFunc("POST /chunk/{id}/verify", srv.verify)
	srv.mux.HandleFunc("GET /chunks", srv.walk)
	srv.mux.HandleFunc("GET /usage", srv.usage)
	return srv
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

func writeErr(w http.ResponseWriter, err error) {
	k := strata.KindOf(err)
	w.Header().Set(hdrKind, strconv.Itoa(int(k)))
	status := http.StatusInternalServerError
	switch k {
	case strata.NotExist:
		status = http.StatusNotFound
	case strata.Exist:
		status = http.StatusConflict
	case strata.Invalid:
		status = http.StatusBadRequest
	case strata.NoSpace:
		status = http.StatusInsufficientStorage
	case strata.Unavailable:
		status = http.StatusServiceUnavailable
	}
	http.Error(w, err.Error(), status)
}

func setInfo(h http.Header, ci ChunkInfo) {
	h.Set(hdrSize, strconv.FormatInt(ci.Size, 10))
	h.Set(hdrChecksum, ci.Checksum)
	h.Set(hdrCreated, ci.Created.Format(time.RFC3339Nano))
	h.Set(hdrContainer, ci.Ref.Container)
	h.Set(hdrObject, url.PathEscape(ci.Ref.Object))
	h.Set(hdrVersion, ci.Ref.Version)
	h.Set(hdrPosition, ci.Ref.Position)
}

func (s *Server) put(w http.ResponseWriter, r *http.Request) {
	obj, _ := url.PathUnescape(r.Header.Get(hdrObject))
	ref := BackRef{Container: r.Header.Get(hdrContainer), Object: obj, Version: r.Header.Get(hdrVersion), Position: r.Header.Get(hdrPosition)}
	ci, err := s.store.Put(r.Context(), strata.ChunkID(r.PathValue("id")), ref, r.Body)
	if err != nil {
		writeErr(w, err)
		return
	}
	setInfo(w.Header(), ci)
	w.WriteHeader(http.StatusCreated)
}

func (s *Server) head(w http.ResponseWriter, r *http.Request) {
	ci, err := s.store.Stat(r.Context(), strata.ChunkID(r.PathValue("id")))
	if err != nil {
		writeErr(w, err)
		return
	}
	setInfo(w.Header(), ci)
}

func (s *Server) get(w http.ResponseWriter, r *http.Request) {
	off, length := int64(0), int64(-1)
	if rg := r.Header.Get("Range"); rg != "" {
		a, b, ok := strings.Cut(strings.TrimPrefix(rg, "bytes="), "-")
		var err1, err2 error
		off, err1 = strconv.ParseInt(a, 10, 64)
		end := int64(0)
		if b != "" {
			end, err2 = strconv.ParseInt(b, 10, 64)
			length = end - off + 1
		}
		if !ok || err1 != nil || err2 != nil {
			writeErr(w, strata.Errorf("blob.Server", strata.Invalid, "bad range %q", rg))
			return
		}
	}
	rc, err := s.store.Open(r.Context(), strata.ChunkID(r.PathValue("id")), off, length)
	if err != nil {
		writeErr(w, err)
		return
	}
	defer rc.Close()
	w.WriteHeader(http.StatusOK)
	if _, err := io.Copy(w, rc); err != nil {
		// The status is sent: break the connection so the client sees a
		// truncated body instead of wrong bytes.
		s.log.Warn("chunk read failed mid-stream", "id", r.PathValue("id"), "err", err)
		panic(http.ErrAbortHandler)
	}
}

// verify checks a chunk where it lives (the scrubber's read stays on the
// blob node instead of crossing the network).
func (s *Server) verify(w http.ResponseWriter, r *http.Request) {
	v, ok := s.store.(Verifier)
	if !ok {
		writeErr(w, strata.Errorf("blob.Server.verify", strata.Invalid, "store cannot verify"))
		return
	}
	if err := v.Verify(r.Context(), strata.ChunkID(r.PathValue("id"))); err != nil {
		writeErr(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) del(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Delete(r.Context(), strata.ChunkID(r.PathValue("id"))); err != nil {
		writeErr(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) walk(w http.ResponseWriter, r *http.Request) {
	enc := json.NewEncoder(w)
	err := s.store.Walk(r.Context(), func(ci ChunkInfo) error { return enc.Encode(ci) })
	if err != nil {
		fmt.Fprintf(w, "{\"error\":%q}\n", err.Error())
	}
}

func (s *Server) usage(w http.ResponseWriter, r *http.Request) {
	u, err := s.store.Usage(r.Context())
	if err != nil {
		writeErr(w, err)
		return
	}
	json.NewEncoder(w).Encode(u)
}
