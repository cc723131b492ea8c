package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/strata-storage/strata/internal/s3"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/website"
)

// websiteServer is the static website endpoint's listener. It sits with
// the file protocols (n.files, as "website") so that it is listed and
// closed with them.
type websiteServer struct {
	ln  net.Listener
	srv *http.Server
}

func (s *websiteServer) Addr() string { return s.ln.Addr().String() }

func (s *websiteServer) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return s.srv.Shutdown(ctx)
}

// startWebsite serves bucket websites on --website-addr (TLS like every
// listener when the node has a certificate). Reads are authorized by the
// S3 handler h as anonymous S3 GetObject requests.
func (n *Node) startWebsite(h *s3.Handler) error {
	if n.cfg.WebsiteAddr == "" {
		return nil
	}
	log := n.log.With("part", "website")
	ln, err := n.listen(n.cfg.WebsiteAddr, false)
	if err != nil {
		return strata.E("server.startWebsite", strata.Unavailable, err)
	}
	wh := website.New(website.Config{Domains: n.cfg.WebsiteDomains, Objects: n.Objects, Authz: h, Log: log,
		Audit: n.auditSink()})
	s := &websiteServer{ln: ln, srv: &http.Server{Handler: wh, ReadHeaderTimeout: 30 * time.Second,
		IdleTimeout: 2 * time.Minute, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("website server stopped", "err", err)
		}
	}()
	n.files["website"] = s
	log.Info("website endpoint ready", "addr", s.Addr(), "domains", n.cfg.WebsiteDomains)
	return nil
}
