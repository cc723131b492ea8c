package s3control

import (
	"encoding/xml"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/s3/auth"
)

// Path is the one resource served.
const Path = "/v20180820/configuration/publicAccessBlock"

// Is reports whether r is an S3 Control public-access-block call (the
// account id header tells it from an object named like the path).
func Is(r *http.Request) bool {
	return r.URL.Path == Path && r.Header.Get("X-Amz-Account-Id") != ""
}

// Verifier authenticates a request (see s3/auth).
type Verifier interface {
	Verify(r *http.Request) (auth.Identity, auth.Body, error)
}

// Handler serves the account public access block.
type Handler struct {
	IAM *iam.Cache
	V   Verifier
	Log *slog.Logger
}

type config struct {
	XMLName xml.Name `xml:"PublicAccessBlockConfiguration"`
	XMLNS   string   `xml:"xmlns,attr,omitempty"`
	iam.PublicAccessBlock
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id, body, err := h.V.Verify(r)
	if err != nil {
		var ae *auth.Error
		if errors.As(err, &ae) {
			fail(w, ae.Status, ae.Code, ae.Message)
			return
		}
		fail(w, http.StatusForbidden, "AccessDenied", "Access Denied")
		return
	}
	p, _ := id.Principal.(*iam.Principal)
	if p == nil || r.Header.Get("X-Amz-Account-Id") != p.Account.ID {
		fail(w, http.StatusForbidden, "AccessDenied", "Access Denied")
		return
	}
	action := map[string]string{http.MethodGet: "s3:GetAccountPublicAccessBlock",
		http.MethodPut: "s3:PutAccountPublicAccessBlock", http.MethodDelete: "s3:PutAccountPublicAccessBlock"}[r.Method]
	if action == "" {
		fail(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "The specified method is not allowed against this resource.")
		return
	}
	if !h.IAM.Decide(&iam.Check{Principal: p, Action: action, Resource: "*", Context: map[string][]string{}}).Allowed {
		fail(w, http.StatusForbidden, "AccessDenied", "Access Denied")
		return
	}
	st := h.IAM.Store()
	switch r.Method {
	case http.MethodGet:
		a, err := st.GetAccount(r.Context(), p.Account.Name)
		if err != nil || a.PublicAccessBlock == nil {
			fail(w, http.StatusNotFound, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found")
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		xml.NewEncoder(w).Encode(config{XMLNS: "http://awss3control.amazonaws.com/doc/2018-08-20/", PublicAccessBlock: *a.PublicAccessBlock})
	case http.MethodPut:
		b, err := io.ReadAll(io.LimitReader(body, 64<<10))
		var c config
		if err != nil || xml.Unmarshal(b, &c) != nil {
			fail(w, http.StatusBadRequest, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema")
			return
		}
		if err := st.SetAccountPublicAccessBlock(r.Context(), p.Account.Name, &c.PublicAccessBlock); err != nil {
			h.Log.Error("account public access block not stored", "err", err)
			fail(w, http.StatusServiceUnavailable, "ServiceUnavailable", "Please try again.")
			return
		}
	case http.MethodDelete:
		if err := st.SetAccountPublicAccessBlock(r.Context(), p.Account.Name, nil); err != nil {
			fail(w, http.StatusServiceUnavailable, "ServiceUnavailable", "Please try again.")
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

func fail(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	xml.NewEncoder(w).Encode(struct {
		XMLName xml.Name `xml:"ErrorResponse"`
		Error   struct {
			Code    string `xml:"Code"`
			Message string `xml:"Message"`
		} `xml:"Error"`
	}{Error: struct {
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
	}{code, msg}})
}
