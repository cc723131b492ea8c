package console

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxShare is the longest a share link may live, as in AWS (7 days).
const maxShare = 7 * 24 * time.Hour

type presignRequest struct {
	Bucket  string `json:"bucket"`
	Key     string `json:"key"`
	Expires int64  `json:"expiresSeconds"`
}

// presign answers a GET URL for one object on the public S3 endpoint,
// signed with the session's key: it works for whoever holds it until it
// expires, and only if the session's user may read the object.
func (s *Server) presign(w http.ResponseWriter, r *http.Request, se *session) {
	var req presignRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 8192)).Decode(&req); err != nil || req.Bucket == "" || req.Key == "" {
		jsonError(w, http.StatusBadRequest, "InvalidRequest", "expected {\"bucket\", \"key\", \"expiresSeconds\"}")
		return
	}
	exp := time.Duration(req.Expires) * time.Second
	if exp <= 0 || exp > maxShare {
		jsonError(w, http.StatusBadRequest, "InvalidRequest", "expiresSeconds must be between 1 and 604800")
		return
	}
	creds, err := s.credentials(r.Context(), se)
	if err != nil {
		jsonError(w, http.StatusUnauthorized, "SessionExpired", "the session's access key is no longer valid")
		return
	}
	base := strings.TrimSuffix(s.cfg.PublicURL, "/")
	escKey := strings.ReplaceAll(url.PathEscape(req.Key), "%2F", "/")
	q := url.Values{"X-Amz-Expires": {strconv.Itoa(int(exp / time.Second))}}
	raw := base + "/" + url.PathEscape(req.Bucket) + "/" + escKey + "?" + q.Encode()
	hreq, err := http.NewRequestWithContext(r.Context(), http.MethodGet, raw, nil)
	if err != nil {
		jsonError(w, http.StatusBadRequest, "InvalidRequest", err.Error())
		return
	}
	signed, _, err := s3Signer().PresignHTTP(r.Context(), creds, hreq, "UNSIGNED-PAYLOAD", "s3", s.cfg.Region, s.cfg.Now().UTC())
	if err != nil {
		jsonError(w, http.StatusInternalServerError, "InternalError", "cannot sign the link")
		return
	}
	writeJSON(w, map[string]any{"url": signed, "expires": s.cfg.Now().Add(exp).UTC()})
}
