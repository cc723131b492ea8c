package nfs

import (
	"context"
	"crypto/rand"
	"errors"
	"log/slog"
	"net"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	gonfs "github.com/willscott/go-nfs"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/strata"
)

// Identity maps AUTH_SYS callers to the access keys they act as.
type Identity interface {
	// KeyForUID is the access key of the user mapped to uid, "" if
	// none. For uid 0 it answers only an explicit mapping: root is
	// otherwise squashed to the anonymous key.
	KeyForUID(ctx context.Context, uid uint32) (string, error)
	// AnonymousKey is the key of unmapped callers, "" if they are
	// refused.
	AnonymousKey(ctx context.Context) (string, error)
}

// Config wires a Server.
type Config struct {
	Shares   *shares.Service
	Identity Identity
	// DataDir holds the handle table ("" keeps it in memory: handles
	// then end with the process).
	DataDir string
	// Idle is how long a file's vfs handle stays open after its last
	// READ or WRITE (5 s).
	Idle time.Duration
	// Remap is how often a caller's uid is mapped again, so that a
	// changed tag or a disabled key takes effect (30 s).
	Remap time.Duration
	Log   *slog.Logger
}

// Server is a running NFSv3 server.
type Server struct {
	cfg   Config
	log   *slog.Logger
	ln    net.Listener
	table *table
	id    [8]byte // the write verifier: new at each start
	ctx   context.Context
	stop  context.CancelFunc
	wg    sync.WaitGroup

	mu    sync.Mutex
	users map[userKey]*user
	// refused serves the calls of callers no user is mapped to: every
	// operation fails with EACCES.
	refused *bucketFS
	conns   map[*recordConn]struct{}
}

// userKey identifies callers that share a session: one address, one uid
// (the session carries the address into policy conditions).
type userKey struct {
	ip  string
	uid int64 // -1: AUTH_NONE
}

// Listen starts a server on addr.
func Listen(addr string, cfg Config) (*Server, error) {
	if cfg.Shares == nil || cfg.Identity == nil {
		return nil, strata.Errorf("nfs.Listen", strata.Invalid, "shares and identity are required")
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Idle <= 0 {
		cfg.Idle = 5 * time.Second
	}
	if cfg.Remap <= 0 {
		cfg.Remap = 30 * time.Second
	}
	dir := ""
	if cfg.DataDir != "" {
		dir = filepath.Join(cfg.DataDir, "nfs-handles")
	}
	t, err := openTable(dir)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Close()
		return nil, strata.E("nfs.Listen", strata.Unavailable, err)
	}
	quietLibrary()
	ctx, stop := context.WithCancel(context.Background())
	s := &Server{cfg: cfg, log: cfg.Log, ln: ln, table: t, ctx: ctx, stop: stop,
		users: map[userKey]*user{}, conns: map[*recordConn]struct{}{}}
	rand.Read(s.id[:])
	s.refused = &bucketFS{srv: s, err: syscall.EACCES, recent: map[string]seen{}, open: map[uint64]*openFile{}, lost: map[uint64]bool{}}
	s.wg.Add(2)
	go s.accept()
	go s.janitor()
	return s, nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops the server: connections end, open files are published and
// released, the handle table is synced.
func (s *Server) Close() error {
	err := s.ln.Close()
	s.stop()
	s.mu.Lock()
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	s.mu.Lock()
	users := s.users
	s.users = map[userKey]*user{}
	s.mu.Unlock()
	for _, u := range users {
		u.close()
	}
	if terr := s.table.Close(); err == nil {
		err = terr
	}
	if errors.Is(err, net.ErrClosed) {
		err = nil
	}
	return err
}

// accept serves each connection with its own go-nfs server and handler,
// so that the handler knows whose calls it serves.
func (s *Server) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		rc := newRecordConn(c)
		s.mu.Lock()
		s.conns[rc] = struct{}{}
		s.mu.Unlock()
		srv := &gonfs.Server{Handler: &handler{srv: s, conn: rc}, ID: s.id, Context: s.ctx}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			srv.Serve(&oneConn{c: rc})
			<-rc.done
			s.mu.Lock()
			delete(s.conns, rc)
			s.mu.Unlock()
		}()
	}
}

// janitor releases idle open files and forgets idle users.
func (s *Server) janitor() {
	defer s.wg.Done()
	tick := time.NewTicker(max(s.cfg.Idle/4, 100*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-tick.C:
		}
		var gone []*user
		s.mu.Lock()
		all := make([]*user, 0, len(s.users))
		for k, u := range s.users {
			if time.Since(u.last) > userIdle {
				delete(s.users, k)
				gone = append(gone, u)
				continue
			}
			all = append(all, u)
		}
		s.mu.Unlock()
		for _, u := range all {
			u.releaseIdle(s.cfg.Idle)
		}
		for _, u := range gone {
			u.close()
		}
	}
}

// userIdle is how long an unused session is kept.
const userIdle = 10 * time.Minute

// errNoUser refuses a caller no user is mapped to.
var errNoUser = errors.New("nfs: no Strata user for this caller")

// user is the session the caller acts as: its uid mapped to a key (uid 0
// only when mapped explicitly), else the anonymous key, else refused.
func (s *Server) user(c Call, ok bool, remote net.Addr) (*user, error) {
	k := userKey{uid: -1}
	if ok && c.Flavor == authSys {
		k.uid = int64(c.UID)
	}
	k.ip, _, _ = net.SplitHostPort(remote.String())
	s.mu.Lock()
	u := s.users[k]
	if u != nil && time.Since(u.checked) < s.cfg.Remap {
		u.last = time.Now()
		s.mu.Unlock()
		return u, nil
	}
	s.mu.Unlock()
	key, err := s.keyFor(k.uid)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if u = s.users[k]; u != nil && u.key == key {
		u.checked, u.last = time.Now(), time.Now()
		return u, nil
	}
	sess, err := s.cfg.Shares.Trusted(s.ctx, key, shares.Client{Protocol: "nfs", Remote: remote.String()})
	if err != nil {
		return nil, err
	}
	if old := s.users[k]; old != nil {
		go old.close()
	}
	u = &user{srv: s, key: key, sess: sess, buckets: map[string]*bucketFS{}, checked: time.Now(), last: time.Now()}
	u.root = &rootFS{u: u}
	s.users[k] = u
	return u, nil
}

func (s *Server) keyFor(uid int64) (string, error) {
	if uid >= 0 {
		key, err := s.cfg.Identity.KeyForUID(s.ctx, uint32(uid))
		if err != nil || key != "" {
			return key, err
		}
	}
	key, err := s.cfg.Identity.AnonymousKey(s.ctx)
	if err == nil && key == "" {
		err = errNoUser
	}
	return key, err
}

// quietLibrary keeps go-nfs's own logging to errors that matter: it logs
// every failed lookup as an error otherwise.
func quietLibrary() {
	libLogOnce.Do(func() { gonfs.Log.SetLevel(gonfs.FatalLevel) })
}

var libLogOnce sync.Once
