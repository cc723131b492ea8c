package fuse

import (
	"context"
	"strings"
	"sync"
	"time"

	gofs "github.com/hanwen/go-fuse/v2/fs"
	"github.com/hanwen/go-fuse/v2/fuse"

	"github.com/strata-storage/strata/internal/vfs"
)

// Options tune a mount.
type Options struct {
	EntryTimeout time.Duration // how long the kernel trusts a name (10 s)
	AttrTimeout  time.Duration // how long the kernel trusts attributes (10 s)
	PollInterval time.Duration // change-feed polling period (100 ms)
	AllowOther   bool          // let other users than the mounter in
	Debug        bool          // log every FUSE request
	// NoXattrs answers every xattr request with ENOSYS, after which the
	// kernel sends none (JuiceFS's default), and xattrs are unavailable.
	// Without it, ls -l still asks only once per mount, since the names
	// it asks of every file are refused (filetree.XattrKept).
	NoXattrs bool
}

func (o *Options) defaults() {
	// Ten seconds: the change feed invalidates what the kernel keeps of a
	// name another client changed within a poll period, so the timeouts
	// only bound staleness when the feed cannot be read; at one second, a
	// stat or rm a little after a file was written asked the mount again.
	if o.EntryTimeout == 0 {
		o.EntryTimeout = 10 * time.Second
	}
	if o.AttrTimeout == 0 {
		o.AttrTimeout = 10 * time.Second
	}
	if o.PollInterval == 0 {
		o.PollInterval = 100 * time.Millisecond
	}
}

// Mount is a mounted bucket.
type Mount struct {
	v      *vfs.FS
	opts   Options
	root   *node
	server *fuse.Server
	cancel context.CancelFunc

	cacheMu sync.Mutex
	cached  map[uint64][2]int64 // ino -> (mtime, size) its kernel pages were read at
}

// New mounts v at dir and serves it until Unmount (or an external
// fusermount -u).
func New(dir string, v *vfs.FS, opts Options) (*Mount, error) {
	opts.defaults()
	m := &Mount{v: v, opts: opts, cached: map[uint64][2]int64{}}
	m.root = &node{m: m}
	neg := time.Duration(0) // S3 PUTs must show at once: never cache a miss
	fo := &gofs.Options{
		EntryTimeout:    &m.opts.EntryTimeout,
		AttrTimeout:     &m.opts.AttrTimeout,
		NegativeTimeout: &neg,
		RootStableAttr:  &gofs.StableAttr{Ino: 1},
		NullPermissions: true, // mode 0 is a mode, not "unset"
		MountOptions: fuse.MountOptions{
			FsName:       "strata:" + v.Client().Bucket(),
			Name:         "strata",
			MaxWrite:     1 << 20,
			MaxReadAhead: 1 << 20,
			EnableLocks:  true,
			// The kernel checks permissions against the mode and owner we
			// report, as on a local file system.
			Options:       []string{"default_permissions"},
			AllowOther:    opts.AllowOther,
			Debug:         opts.Debug,
			DisableXAttrs: opts.NoXattrs,
		},
	}
	raw := &lockReleaser{RawFileSystem: gofs.NewNodeFS(m.root, fo), m: m}
	srv, err := fuse.NewServer(raw, dir, &fo.MountOptions)
	if err != nil {
		return nil, err
	}
	go srv.Serve()
	if err := srv.WaitMount(); err != nil {
		srv.Unmount()
		return nil, err
	}
	m.server = srv
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	go v.Run(ctx, opts.PollInterval, m.invalidate)
	return m, nil
}

// Wait blocks until the file system is unmounted.
func (m *Mount) Wait() {
	m.server.Wait()
	m.cancel()
}

// Unmount unmounts (the kernel flushes and releases open files first).
func (m *Mount) Unmount() error {
	err := m.server.Unmount()
	m.cancel()
	return err
}

// keepCache says whether the kernel may keep a file's pages at open: only
// if the file is unchanged since the pages were read.
func (m *Mount) keepCache(e vfs.Entry) bool {
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	cur := [2]int64{e.Mtime, e.Size}
	prev, ok := m.cached[e.Ino]
	m.cached[e.Ino] = cur
	return ok && prev == cur
}

// invalidate drops the kernel's cached name, attributes and pages of a
// changed path, for the inodes the kernel knows.
func (m *Mount) invalidate(c vfs.Change) {
	parent := m.root.EmbeddedInode()
	parts := strings.Split(c.Path, "/")
	for _, name := range parts[:len(parts)-1] {
		if parent = parent.GetChild(name); parent == nil {
			return
		}
	}
	name := parts[len(parts)-1]
	if child := parent.GetChild(name); child != nil {
		m.cacheMu.Lock()
		delete(m.cached, child.StableAttr().Ino)
		m.cacheMu.Unlock()
		child.NotifyContent(0, 0)
	}
	parent.NotifyEntry(name)
}
