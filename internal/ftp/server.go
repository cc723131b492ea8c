package ftp

import (
	"context"
	"crypto/tls"
	"log/slog"
	"net"
	"sync"
	"time"

	ftpserver "github.com/fclairamb/ftpserverlib"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/strata"
)

// Config describes an FTP server.
type Config struct {
	Addr   string          // listen address
	Shares *shares.Service // logins and the users' trees
	// TLS, when set, is offered with AUTH TLS and required before a
	// login, and for data connections (PROT P).
	TLS *tls.Config
	// PassivePorts is the range passive data connections listen on
	// ("FIRST-LAST"); "" = any free port.
	PassivePorts string
	// IdleTimeout disconnects a silent client (15 min).
	IdleTimeout time.Duration
	// FailDelay is how long a refused login waits before its answer
	// (500 ms), which slows the guessing of secrets down; the library
	// then closes the connection.
	FailDelay time.Duration
	Log       *slog.Logger
}

// DefaultConfig is a config with the defaults filled in.
func DefaultConfig() Config {
	return Config{IdleTimeout: 15 * time.Minute, FailDelay: 500 * time.Millisecond}
}

// Validate checks the config.
func (c Config) Validate() error {
	const op = "ftp.Config"
	if c.Addr == "" || c.Shares == nil {
		return strata.Errorf(op, strata.Invalid, "an address and a shares service are required")
	}
	_, err := ParsePorts(c.PassivePorts)
	return err
}

// Server is a running FTP server.
type Server struct {
	cfg      Config
	ln       net.Listener
	lib      *ftpserver.FtpServer
	settings *ftpserver.Settings
	log      *slog.Logger

	mu     sync.Mutex
	conns  map[*trackedConn]struct{} // control connections
	closed bool
	left   sync.WaitGroup // clients connected
	open   sync.WaitGroup // files open (a transfer ends after its client)
	served chan struct{}
}

// Start listens on cfg.Addr and serves until Close.
func Start(cfg Config) (*Server, error) {
	const op = "ftp.Start"
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultConfig().IdleTimeout
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	ports, _ := ParsePorts(cfg.PassivePorts)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, strata.E(op, strata.Unavailable, err)
	}
	s := &Server{cfg: cfg, ln: ln, log: cfg.Log, conns: map[*trackedConn]struct{}{}, served: make(chan struct{})}
	s.settings = &ftpserver.Settings{
		Listener:                 trackedListener{Listener: ln, s: s},
		PublicHost:               publicHost(ln.Addr()),
		Banner:                   "Strata FTP",
		IdleTimeout:              int(cfg.IdleTimeout / time.Second),
		ConnectionTimeout:        30,
		DisableSite:              false,
		DisableActiveMode:        false,
		ActiveTransferPortNon20:  true,
		DefaultTransferType:      ftpserver.TransferTypeBinary,
		ActiveConnectionsCheck:   ftpserver.IPMatchRequired,
		PasvConnectionsCheck:     ftpserver.IPMatchRequired,
		PassiveTransferPortRange: nil,
	}
	if ports != nil {
		s.settings.PassiveTransferPortRange = *ports
	}
	if cfg.TLS != nil {
		s.settings.TLSRequired = ftpserver.MandatoryEncryption
	}
	s.lib = ftpserver.NewFtpServer(&mainDriver{s: s})
	s.lib.Logger = cfg.Log.With("lib", "ftpserverlib")
	if err := s.lib.Listen(); err != nil {
		ln.Close()
		return nil, strata.E(op, strata.Unavailable, err)
	}
	go func() {
		defer close(s.served)
		s.lib.Serve()
	}()
	return s, nil
}

// publicHost is the address PASV answers name: the listener's own IPv4
// address when it has one; for a wildcard listener, "" lets each answer
// name the address the client reached.
func publicHost(a net.Addr) string {
	ta, ok := a.(*net.TCPAddr)
	if !ok || ta.IP.IsUnspecified() || ta.IP.To4() == nil {
		return ""
	}
	return ta.IP.String()
}

// Addr is the address the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops listening and disconnects every client, and waits (5 s at
// most) until their files are released: a transfer under way fails and
// leaves nothing new, before the node's storage closes.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	conns := make([]*trackedConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	err := s.lib.Stop()
	// Closing the connections under the library ends each client's
	// command loop, which then ends its transfer and reports the
	// departure. (The library's ClientContext.Close would do the same
	// but races with a client's own QUIT.)
	for _, c := range conns {
		c.Close()
	}
	<-s.served
	done := make(chan struct{})
	go func() { s.left.Wait(); s.open.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		s.log.Warn("ftp clients or files still open after close")
	}
	if err != nil {
		return strata.E("ftp.Close", strata.Internal, err)
	}
	return nil
}

// clientState is what the server keeps of a connection (cc.Extra).
type clientState struct {
	tls     *tls.ConnectionState // the control connection's, once secured
	driver  *driver              // after login
	counted bool                 // in Server.left
}

func state(cc ftpserver.ClientContext) *clientState {
	st, _ := cc.Extra().(*clientState)
	return st
}

// mainDriver is the library's hook into the server: settings, logins,
// and the arrival and departure of clients.
type mainDriver struct{ s *Server }

var (
	_ ftpserver.MainDriver                     = (*mainDriver)(nil)
	_ ftpserver.MainDriverExtensionTLSVerifier = (*mainDriver)(nil)
)

func (m *mainDriver) GetSettings() (*ftpserver.Settings, error) { return m.s.settings, nil }

func (m *mainDriver) GetTLSConfig() (*tls.Config, error) {
	if m.s.cfg.TLS == nil {
		return nil, strata.Errorf("ftp.TLS", strata.Invalid, "TLS is not configured on this node")
	}
	c := m.s.cfg.TLS.Clone()
	// No ALPN: FTP clients send none, and one that offered protocols
	// the config does not list would be refused by the handshake.
	c.NextProtos = nil
	return c, nil
}

func (m *mainDriver) ClientConnected(cc ftpserver.ClientContext) (string, error) {
	s := m.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return "Strata FTP is stopping", strata.Errorf("ftp.connect", strata.Unavailable, "server closed")
	}
	cc.SetExtra(&clientState{counted: true})
	s.left.Add(1)
	return "Strata FTP: log in with an access key id and its secret", nil
}

func (m *mainDriver) ClientDisconnected(cc ftpserver.ClientContext) {
	st := state(cc)
	if st == nil {
		return
	}
	if st.driver != nil {
		st.driver.leave()
	}
	if st.counted {
		m.s.left.Done()
	}
}

// VerifyConnection records the control connection's TLS state at USER,
// so that the session's requests carry it (aws:SecureTransport); a
// password is still required.
func (m *mainDriver) VerifyConnection(cc ftpserver.ClientContext, _ string, conn *tls.Conn) (ftpserver.ClientDriver, error) {
	if st := state(cc); st != nil {
		cs := conn.ConnectionState()
		st.tls = &cs
	}
	return nil, nil
}

// AuthUser checks an access key id and its secret.
func (m *mainDriver) AuthUser(cc ftpserver.ClientContext, user, pass string) (ftpserver.ClientDriver, error) {
	st := state(cc)
	if st == nil {
		return nil, shares.ErrLogin
	}
	c := shares.Client{Protocol: "ftp", Remote: cc.RemoteAddr().String(), TLS: st.tls}
	sess, err := m.s.cfg.Shares.Login(context.Background(), user, pass, c)
	if err != nil {
		time.Sleep(m.s.cfg.FailDelay)
		return nil, shares.ErrLogin
	}
	if st.driver != nil { // a second login on the same connection
		st.driver.leave()
	}
	st.driver = newDriver(sess, &m.s.open)
	return st.driver, nil
}

// trackedListener records the control connections it accepts, so that
// Close can end them.
type trackedListener struct {
	net.Listener
	s *Server
}

func (l trackedListener) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	c := &trackedConn{Conn: conn, s: l.s}
	l.s.mu.Lock()
	closed := l.s.closed
	if !closed {
		l.s.conns[c] = struct{}{}
	}
	l.s.mu.Unlock()
	if closed {
		conn.Close()
	}
	return c, nil
}

// trackedConn is a control connection; it leaves the server's set when
// closed.
type trackedConn struct {
	net.Conn
	s    *Server
	once sync.Once
	err  error
}

func (c *trackedConn) Close() error {
	c.once.Do(func() {
		c.s.mu.Lock()
		delete(c.s.conns, c)
		c.s.mu.Unlock()
		c.err = c.Conn.Close()
	})
	return c.err
}
