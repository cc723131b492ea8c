package sftp

import (
	"context"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/strata"
)

// Config wires an SFTP server.
type Config struct {
	Addr   string          // host:port to listen on
	Shares *shares.Service // logins and the users' trees
	// KeyDir holds the host key (made there on first start).
	KeyDir string
	// Authorized reports whether key is an active SSH public key of the
	// user who owns accessKey; nil turns public key logins off.
	Authorized func(ctx context.Context, accessKey string, key ssh.PublicKey) bool
	Log        *slog.Logger
}

// Server is a running SFTP server.
type Server struct {
	cfg Config
	ssh *ssh.ServerConfig
	ln  net.Listener
	log *slog.Logger

	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool
	wg     sync.WaitGroup
}

// handshakeTimeout bounds a connection's SSH handshake and login, so a
// client that connects and says nothing does not hold a slot for ever.
const handshakeTimeout = 30 * time.Second

// Start listens on cfg.Addr and serves until Close.
func Start(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Shares == nil {
		return nil, strata.Errorf("sftp.Start", strata.Invalid, "no shares service")
	}
	key, err := loadHostKey(cfg.KeyDir)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: cfg.Log, conns: map[net.Conn]struct{}{}}
	s.ssh = s.serverConfig()
	s.ssh.AddHostKey(key)
	if s.ln, err = net.Listen("tcp", cfg.Addr); err != nil {
		return nil, strata.E("sftp.Start", strata.Unavailable, err)
	}
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops listening and ends every connection; their open files are
// released (published) as each SFTP session ends.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closed = true
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	err := s.ln.Close()
	s.wg.Wait()
	return err
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				s.log.Error("sftp accept failed", "err", err)
			}
			return
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			c.Close()
			return
		}
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go func() {
			defer s.wg.Done()
			s.serve(c)
			s.mu.Lock()
			delete(s.conns, c)
			s.mu.Unlock()
		}()
	}
}

// serve runs one SSH connection: a login, then SFTP subsystems on its
// session channels, all over one shares session.
func (s *Server) serve(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(handshakeTimeout))
	sc, chans, reqs, err := ssh.NewServerConn(c, s.ssh)
	if err != nil {
		s.log.Debug("sftp handshake failed", "remote", c.RemoteAddr().String(), "err", err)
		return
	}
	defer sc.Close()
	c.SetDeadline(time.Time{})
	go ssh.DiscardRequests(reqs)
	sess, err := s.cfg.Shares.Trusted(context.Background(), sc.Permissions.Extensions[extKey], client(sc))
	if err != nil {
		s.log.Info("sftp session refused", "remote", c.RemoteAddr().String(), "err", err)
		return
	}
	defer sess.Close()
	var wg sync.WaitGroup
	for nc := range chans {
		if nc.ChannelType() != "session" {
			nc.Reject(ssh.UnknownChannelType, "only session channels")
			continue
		}
		ch, creqs, err := nc.Accept()
		if err != nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.channel(ch, creqs, sess)
		}()
	}
	// The connection is gone: the channels' request servers end, and
	// close their open files, before the session goes.
	wg.Wait()
}

// channel serves one session channel: only the "sftp" subsystem.
func (s *Server) channel(ch ssh.Channel, reqs <-chan *ssh.Request, sess *shares.Session) {
	defer ch.Close()
	for req := range reqs {
		if req.Type != "subsystem" || subsystem(req.Payload) != "sftp" {
			req.Reply(false, nil)
			continue
		}
		req.Reply(true, nil)
		go ssh.DiscardRequests(reqs)
		rs := sftp.NewRequestServer(ch, newHandlers(sess))
		if err := rs.Serve(); err != nil && !errors.Is(err, io.EOF) {
			sess.Log().Debug("sftp session ended", "err", err)
		}
		rs.Close()
		return
	}
}

// subsystem decodes a subsystem request's payload: one SSH string.
func subsystem(payload []byte) string {
	if len(payload) < 4 {
		return ""
	}
	n := binary.BigEndian.Uint32(payload)
	if uint64(n) > uint64(len(payload)-4) {
		return ""
	}
	return string(payload[4 : 4+n])
}

// client describes an SSH connection to the shares service. SSH
// encrypts, so the gateway sees it as secure transport (aws:SecureTransport
// is true), as it sees HTTPS; the state carries no TLS details.
func client(c ssh.ConnMetadata) shares.Client {
	return shares.Client{Protocol: "sftp", Remote: c.RemoteAddr().String(), TLS: &tls.ConnectionState{}}
}
