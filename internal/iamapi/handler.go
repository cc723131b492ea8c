package iamapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// Namespaces of the two APIs' answers.
const (
	iamNS = "https://iam.amazonaws.com/doc/2010-05-08/"
	stsNS = "https://sts.amazonaws.com/doc/2011-06-15/"
)

// Verifier authenticates a request (see s3/auth).
type Verifier interface {
	Verify(r *http.Request) (auth.Identity, auth.Body, error)
}

// Handler serves the IAM and STS APIs.
type Handler struct {
	IAM *iam.Cache
	V   Verifier
	Log *slog.Logger
	// Audit, if set, is told of every call once answered (caller, action,
	// target and outcome).
	Audit func(r *http.Request, p *iam.Principal, action string, status int)
	// AccountInUse, if set, reports whether an account still owns
	// buckets: DeleteAccount refuses then.
	AccountInUse func(ctx context.Context, account string) (bool, error)
}

// Is reports whether r is an IAM or STS call: a form POST (or GET) to
// "/" with an Action parameter. S3 has no such request.
func Is(r *http.Request) bool {
	if r.URL.Path != "/" {
		return false
	}
	if r.Method == http.MethodPost {
		return strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded")
	}
	return r.Method == http.MethodGet && r.URL.Query().Get("Action") != ""
}

// call is one request in flight.
type call struct {
	h       *Handler
	w       http.ResponseWriter
	r       *http.Request
	id      string
	p       *iam.Principal
	form    url.Values
	action  string
	ns      string
	account string // the account acted on
	status  int
}

func (c *call) ctx() context.Context { return c.r.Context() }
func (c *call) get(k string) string  { return c.form.Get(k) }

// ServeHTTP authenticates, authorizes and answers one call.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := &call{h: h, w: w, r: r, id: newRequestID(), ns: iamNS}
	id, body, err := h.V.Verify(r)
	if err != nil {
		var ae *auth.Error
		if errors.As(err, &ae) {
			c.fail(&iam.Error{Code: ae.Code, Message: ae.Message, Status: ae.Status})
		} else {
			c.fail(err)
		}
		return
	}
	if id.Service == "sts" {
		c.ns = stsNS
	}
	c.p, _ = id.Principal.(*iam.Principal)
	if id.Anonymous || c.p == nil || (id.Service != "iam" && id.Service != "sts") {
		c.fail(&iam.Error{Code: "MissingAuthenticationToken", Message: "Request is missing Authentication Token", Status: http.StatusForbidden})
		return
	}
	b, err := io.ReadAll(io.LimitReader(body, 1<<20))
	if err != nil {
		c.fail(err)
		return
	}
	if c.form, err = url.ParseQuery(string(b)); err != nil {
		c.fail(invalid("The request body is not a valid form."))
		return
	}
	for k, v := range r.URL.Query() {
		if _, ok := c.form[k]; !ok {
			c.form[k] = v
		}
	}
	c.action = c.get("Action")
	if err := c.dispatch(id.Service); err != nil {
		c.fail(err)
	}
	if h.Audit != nil {
		h.Audit(r, c.p, id.Service+":"+c.action, c.status)
	}
}

func (c *call) dispatch(service string) error {
	ops := iamOps
	if service == "sts" {
		ops = stsOps
	}
	op, ok := ops[c.action]
	if !ok {
		return &iam.Error{Code: "InvalidAction", Message: "Could not find operation " + c.action + " for version " + c.get("Version"), Status: http.StatusBadRequest}
	}
	c.account = c.p.Account.Name
	if a := c.get("AccountName"); a != "" && a != c.account {
		if !c.p.IsAdmin() {
			return iam.AccessDenied("Only the administrator may act on another account.")
		}
		if _, ok := c.h.IAM.Account(a); !ok && c.action != "CreateAccount" {
			if _, err := c.h.IAM.Store().GetAccount(c.ctx(), a); err != nil {
				return err
			}
		}
		c.account = a
	}
	return op(c)
}

// authorize checks "iam:<Action>" (or sts:) on a resource of the account
// acted on.
func (c *call) authorize(service, resource string) error {
	if c.p.IsAdmin() {
		return nil
	}
	action := service + ":" + c.action
	ip, _, _ := net.SplitHostPort(c.r.RemoteAddr)
	ctx := iam.Context(c.p, iam.RequestInfo{SourceIP: ip, Secure: c.r.TLS != nil, UserAgent: c.r.UserAgent()})
	v := c.h.IAM.Decide(&iam.Check{Principal: c.p, Action: action, Resource: resource,
		ResourceAccount: c.account, Context: ctx})
	if !v.Allowed {
		return iam.AccessDenied("User: %s is not authorized to perform: %s on resource: %s", c.p.ARN(), action, resource)
	}
	return nil
}

// arn is the ARN of an entity of the account acted on.
func (c *call) arn(kind, path, name string) string {
	a, _ := c.h.IAM.Account(c.account)
	if a.ID == "" {
		if acc, err := c.h.IAM.Store().GetAccount(c.ctx(), c.account); err == nil {
			a = acc
		}
	}
	return iam.EntityARN(a.ID, kind, path, name)
}

func (c *call) accountID() string {
	a, _ := c.h.IAM.Account(c.account)
	if a.ID == "" {
		if acc, err := c.h.IAM.Store().GetAccount(c.ctx(), c.account); err == nil {
			return acc.ID
		}
	}
	return a.ID
}

// respond writes <ActionResponse><ActionResult>result</ActionResult>…
func (c *call) respond(result any) error {
	c.w.Header().Set("Content-Type", "text/xml")
	c.w.WriteHeader(http.StatusOK)
	c.status = http.StatusOK
	enc := xml.NewEncoder(c.w)
	start := xml.StartElement{Name: xml.Name{Local: c.action + "Response"}, Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: c.ns}}}
	enc.EncodeToken(start)
	if result != nil {
		enc.EncodeElement(result, xml.StartElement{Name: xml.Name{Local: c.action + "Result"}})
	}
	enc.EncodeElement(struct {
		RequestID string `xml:"RequestId"`
	}{c.id}, xml.StartElement{Name: xml.Name{Local: "ResponseMetadata"}})
	enc.EncodeToken(start.End())
	return enc.Flush()
}

// fail writes an ErrorResponse.
func (c *call) fail(err error) {
	var ie *iam.Error
	if !errors.As(err, &ie) {
		ie = &iam.Error{Code: "ServiceFailure", Message: "The request processing has failed because of an unknown error, exception or failure.", Status: http.StatusInternalServerError}
		switch strata.KindOf(err) {
		case strata.Unavailable:
			ie = &iam.Error{Code: "ServiceUnavailable", Message: "The service is unavailable.", Status: http.StatusServiceUnavailable}
		case strata.Invalid:
			ie = &iam.Error{Code: "InvalidInput", Message: err.Error(), Status: http.StatusBadRequest}
		}
		c.h.Log.Error("iam call failed", "action", c.action, "err", err)
	}
	typ := "Sender"
	if ie.Status >= 500 {
		typ = "Receiver"
	}
	c.status = ie.Status
	c.w.Header().Set("Content-Type", "text/xml")
	c.w.WriteHeader(ie.Status)
	xml.NewEncoder(c.w).Encode(struct {
		XMLName xml.Name `xml:"ErrorResponse"`
		XMLNS   string   `xml:"xmlns,attr"`
		Error   struct {
			Type    string `xml:"Type"`
			Code    string `xml:"Code"`
			Message string `xml:"Message"`
		} `xml:"Error"`
		RequestID string `xml:"RequestId"`
	}{XMLNS: c.ns, Error: struct {
		Type    string `xml:"Type"`
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
	}{typ, ie.Code, ie.Message}, RequestID: c.id})
}

func invalid(msg string) error {
	return &iam.Error{Code: "InvalidInput", Message: msg, Status: http.StatusBadRequest, Kind: strata.Invalid}
}

// required returns a parameter or a ValidationError naming it.
func (c *call) required(name string) (string, error) {
	v := c.get(name)
	if v == "" {
		return "", &iam.Error{Code: "ValidationError", Status: http.StatusBadRequest, Kind: strata.Invalid,
			Message: "1 validation error detected: Value null at '" + lowerFirst(name) + "' failed to satisfy constraint: Member must not be null"}
	}
	return v, nil
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// page applies MaxItems/Marker to n items: the range to return and the
// next marker ("" when done).
func (c *call) page(n int) (from, to int, next string, err error) {
	max := 100
	if m := c.get("MaxItems"); m != "" {
		if max, err = strconv.Atoi(m); err != nil || max < 1 || max > 1000 {
			return 0, 0, "", invalid("MaxItems must be between 1 and 1000.")
		}
	}
	if m := c.get("Marker"); m != "" {
		if from, err = strconv.Atoi(m); err != nil || from < 0 || from > n {
			return 0, 0, "", invalid("Invalid Marker.")
		}
	}
	to = min(n, from+max)
	if to < n {
		next = strconv.Itoa(to)
	}
	return from, to, next, nil
}

func newRequestID() string {
	b := make([]byte, 16)
	rand.Read(b)
	h := hex.EncodeToString(b)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// encodeDoc percent-encodes a policy document, as IAM returns them.
func encodeDoc(doc string) string { return url.PathEscape(doc) }
