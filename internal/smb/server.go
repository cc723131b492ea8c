package smb

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"

	"github.com/strata-storage/strata/internal/strata"
)

// Server is a running Samba front end: the users' mounts and a supervised
// smbd.
type Server struct {
	cfg    Config
	log    *slog.Logger
	lay    layout
	smbd   string
	acct   accounts
	shares map[string][]string // bucket -> users who reach it
	mounts []*mount
	cancel context.CancelFunc
	done   chan struct{}

	mu   sync.Mutex
	proc *proc // the current smbd
}

// Start mounts the users' buckets, writes smb.conf, fills the passdb and
// starts smbd; it returns once smbd accepts connections. Close stops it.
func Start(ctx context.Context, cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: cfg.Logger, lay: layout{state: cfg.State}, done: make(chan struct{})}
	if s.log == nil {
		s.log = slog.Default()
	}
	smbd := cfg.Smbd
	if smbd == "" {
		smbd = "smbd"
	}
	p, err := exec.LookPath(smbd)
	if err != nil {
		return nil, strata.Errorf("smb.Start", strata.Invalid, "smbd not found (install Debian's samba): %v", err)
	}
	s.smbd = p
	s.acct.conf = s.lay.conf()
	if err := s.prepare(ctx); err != nil {
		s.cleanup()
		return nil, err
	}
	runCtx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	started := make(chan error, 1)
	go func() {
		defer close(s.done)
		s.supervise(runCtx, cfg.Restart, started)
	}()
	select {
	case err = <-started:
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	s.log.Info("smb serving", "addr", cfg.Addr, "shares", len(s.shares), "mounts", len(s.mounts),
		"encrypt", cfg.Encrypt, "signing", cfg.Signing)
	return s, nil
}

// prepare makes the state folders, mounts the buckets, writes smb.conf
// and syncs the passdb (which needs smb.conf).
func (s *Server) prepare(ctx context.Context) error {
	for _, d := range []string{s.lay.private(), filepath.Join(s.lay.samba(), "lock"), filepath.Join(s.lay.samba(), "state"),
		filepath.Join(s.lay.samba(), "cache"), filepath.Join(s.lay.samba(), "run"), filepath.Join(s.lay.samba(), "log"), s.lay.mnt()} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return strata.E("smb.Start", strata.Internal, err)
		}
	}
	if err := s.mountAll(ctx); err != nil {
		return err
	}
	conf := smbConf(confParams{layout: s.lay, Addr: s.cfg.Addr, Encrypt: s.cfg.Encrypt, Signing: s.cfg.Signing, Shares: s.shares})
	if err := os.WriteFile(s.lay.conf(), []byte(conf), 0o600); err != nil {
		return strata.E("smb.Start", strata.Internal, err)
	}
	return s.acct.sync(ctx, s.cfg.Users)
}

// Addr is the address smbd listens on.
func (s *Server) Addr() string { return s.cfg.Addr }

// Shares returns, per shared bucket, the users who may connect to it.
func (s *Server) Shares() map[string][]string { return s.shares }

// Close stops smbd (and the children serving clients), unmounts the
// buckets and, if asked, removes the Unix accounts this run created.
func (s *Server) Close() error {
	if s.cancel != nil {
		s.cancel()
		<-s.done
		s.cancel = nil
	}
	return s.cleanup()
}

func (s *Server) cleanup() error {
	err := s.unmountAll(s.log)
	if s.cfg.RemoveAccounts {
		err = errors.Join(err, s.acct.removeCreated(context.Background()))
	}
	return err
}

// Kill kills smbd as a crash would (for tests of the supervision).
func (s *Server) Kill() {
	s.mu.Lock()
	p := s.proc
	s.mu.Unlock()
	if p != nil {
		p.cmd.Process.Kill()
	}
}

// Pid returns the process id of the current smbd (0 when none runs).
func (s *Server) Pid() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc == nil {
		return 0
	}
	return s.proc.cmd.Process.Pid
}

func (s *Server) http() *http.Client {
	if s.cfg.HTTP != nil {
		return s.cfg.HTTP
	}
	return http.DefaultClient
}
