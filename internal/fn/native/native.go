//go:build linux

package native

import (
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/strata-storage/strata/internal/fn/invoke"
)

// Fixed sandbox limits; memory, time and output come from invoke.Limits.
const (
	sandboxNofile = 256
	sandboxNproc  = 64
	nobody        = 65534
	defaultPath   = "/usr/local/bin:/usr/bin:/bin"
)

// Runtime runs native programs; it implements invoke.Runtime and is
// safe for concurrent use.
type Runtime struct {
	opts Options
	log  *slog.Logger
	root bool
	uid  int
	gid  int

	nsOff  atomic.Bool // namespaces refused by the kernel or turned off
	nsWarn sync.Once

	keepUser bool // KeepUser, or nobody has no mapping in our user namespace

	// startCmd starts a built command; tests replace it to simulate a
	// kernel that refuses namespaces.
	startCmd func(*exec.Cmd) error

	cgOnce   sync.Once
	cgParent string      // "" when cgroups are unavailable
	cgOff    atomic.Bool // placing children into cgroups failed
	cgWarn   sync.Once
}

var _ invoke.Runtime = (*Runtime)(nil)

// New returns a Runtime. It creates WorkDir if needed.
func New(opts Options) (*Runtime, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.WorkDir == "" {
		opts.WorkDir = filepath.Join(os.TempDir(), "strata-fn")
	}
	if opts.CgroupRoot == "" {
		opts.CgroupRoot = "/sys/fs/cgroup"
	}
	if opts.SelfExe == "" {
		exe, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("native: find own executable: %w", err)
		}
		opts.SelfExe = exe
	}
	// The child starts in its work directory: a relative path would
	// resolve there.
	exe, err := filepath.Abs(opts.SelfExe)
	if err != nil {
		return nil, fmt.Errorf("native: %w", err)
	}
	opts.SelfExe = exe
	if _, err := os.Stat(exe); err != nil {
		return nil, fmt.Errorf("native: shim executable: %w", err)
	}
	wd, err := filepath.Abs(opts.WorkDir)
	if err != nil {
		return nil, fmt.Errorf("native: %w", err)
	}
	opts.WorkDir = wd
	// 0711: a program running as nobody may need to traverse to $HOME.
	if err := os.MkdirAll(wd, 0o711); err != nil {
		return nil, fmt.Errorf("native: work dir: %w", err)
	}
	r := &Runtime{
		opts: opts,
		log:  opts.Logger.With("runtime", "native"),
		root: os.Geteuid() == 0,
		uid:  os.Getuid(),
		gid:  os.Getgid(),
	}
	r.nsOff.Store(opts.NoNamespaces)
	r.startCmd = (*exec.Cmd).Start
	r.keepUser = opts.KeepUser
	if r.root && !r.keepUser && !(idMapped("/proc/self/uid_map", nobody) && idMapped("/proc/self/gid_map", nobody)) {
		// Root of a user namespace (rootless container) that cannot
		// switch to nobody: already unprivileged on the host.
		r.log.Warn("uid/gid 65534 not mapped in this user namespace; native functions keep the current user")
		r.keepUser = true
	}
	return r, nil
}

// Namespaces reports whether children currently run in namespaces: false
// once the kernel has refused them or when Options.NoNamespaces is set.
func (r *Runtime) Namespaces() bool { return !r.nsOff.Load() }

// dropUser reports whether children switch to nobody.
func (r *Runtime) dropUser() bool { return r.root && !r.keepUser }

// idMapped reports whether id falls in a range of a uid_map or gid_map
// file ("inside outside count" lines). Unreadable maps count as mapped:
// the kernel then has no user namespaces.
func idMapped(file string, id int) bool {
	b, err := os.ReadFile(file)
	if err != nil {
		return true
	}
	for _, line := range strings.Split(string(b), "\n") {
		var inside, outside, count int
		if _, err := fmt.Sscan(line, &inside, &outside, &count); err == nil && id >= inside && id < inside+count {
			return true
		}
	}
	return false
}

// cgroupParent returns the parent cgroup for invocations, or "" when
// cgroups are unavailable. It is set up once.
func (r *Runtime) cgroupParent() string {
	r.cgOnce.Do(func() {
		if !cgroupsUsable(r.opts.CgroupRoot) {
			r.log.Info("cgroup v2 unavailable; relying on rlimits", "root", r.opts.CgroupRoot)
			return
		}
		parent, err := prepareCgroupParent(r.opts.CgroupRoot)
		if err != nil {
			r.log.Warn("cannot create parent cgroup; relying on rlimits", "err", err)
			return
		}
		r.cgParent = parent
	})
	if r.cgOff.Load() {
		return ""
	}
	return r.cgParent
}
