package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/audit"
	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// openAudit opens the audit sinks the config asks for; n.audit stays
// nil when there are none.
func (n *Node) openAudit() error {
	var sinks audit.Tee
	if n.cfg.AuditLog != "" {
		f, err := audit.OpenFile(audit.FileConfig{Path: n.cfg.AuditLog, MaxSizeMB: n.cfg.AuditMaxSizeMB,
			MaxBackups: n.cfg.AuditMaxBackups, Logger: n.log})
		if err != nil {
			return err
		}
		sinks = append(sinks, f)
	}
	if n.cfg.AuditBus {
		if n.grid == nil || n.grid.bus == nil {
			return strata.Errorf("server.Start", strata.Invalid, "--audit-bus needs the event bus (gateway role)")
		}
		sinks = append(sinks, audit.NewBus(n.grid.bus.NC, 0, n.log))
	}
	if len(sinks) > 0 {
		n.audit = sinks
		n.log.Info("audit on", "file", n.cfg.AuditLog, "bus", n.cfg.AuditBus)
	}
	return nil
}

// closeAudit flushes the sinks; the S3 server has stopped by then, and
// the bus is still open.
func (n *Node) closeAudit() error {
	if n.audit == nil {
		return nil
	}
	return n.audit.Close()
}

// auditSink is the S3 handler's sink: nil (not a nil Tee) when off.
func (n *Node) auditSink() audit.Sink {
	if n.audit == nil {
		return nil
	}
	return n.audit
}

// callerKey holds, in an admin request's context, where rootOnly notes
// who called.
type callerKey struct{}

type caller struct {
	id     auth.Identity
	denied bool
}

// noteCaller tells the audit record of r who called and whether it was
// refused; a no-op when the admin API is not audited.
func noteCaller(r *http.Request, id auth.Identity, denied bool) {
	if c, ok := r.Context().Value(callerKey{}).(*caller); ok {
		c.id, c.denied = id, denied
	}
}

// auditAdmin wraps the /_strata/ handler: each API call (under
// /_strata/api/v1/) and profile (/_strata/admin/) gives one record once
// answered. Health checks and metrics scrapes are not actions and are
// not recorded.
func (n *Node) auditAdmin(h http.Handler) http.Handler {
	if n.audit == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/_strata/admin/") && !strings.HasPrefix(r.URL.Path, restapi.Prefix+"/") {
			h.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		id := requestID()
		w.Header().Set("X-Amz-Request-Id", id)
		aw, body, who := audit.NewWriter(w), audit.CountBody(r.Body), &caller{}
		r = r.WithContext(context.WithValue(r.Context(), callerKey{}, who))
		r.Body = body
		h.ServeHTTP(aw, r) // the mux sets r.Pattern on this request
		rec := audit.Record{
			Time: start.UTC(), RequestID: id,
			Account: who.id.Account, AccessKey: who.id.AccessKey,
			SourceIP: audit.SourceIP(r), UserAgent: r.UserAgent(),
			Operation: adminOperation(r), Resource: r.URL.Path,
			Status: aw.Status(), ErrorCode: aw.ErrorCode,
			BytesIn: body.N(), BytesOut: aw.Bytes(),
			DurationMS: float64(time.Since(start).Microseconds()) / 1000,
		}
		if who.denied {
			rec.ErrorCode = "AccessDenied" // Account stays if it verified: a non-root account tried
		}
		if rec.AccessKey == "" {
			rec.AccessKey = auth.ClaimedAccessKey(r)
		}
		n.audit.Audit(rec)
	})
}

// adminOperation names an admin action by its route: "admin:PUT
// /fn/{name}"; a path no route matched keeps its method and path.
func adminOperation(r *http.Request) string {
	route := r.Pattern
	if route == "" {
		route = r.Method + " " + r.URL.Path
	}
	if strings.Contains(route, restapi.Prefix+"/") {
		return "api:" + strings.Replace(route, restapi.Prefix, "", 1)
	}
	return "admin:" + strings.Replace(route, "/_strata/admin", "", 1)
}

func requestID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return strings.ToUpper(hex.EncodeToString(b))
}
