package smb

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/fsapi"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/vfs"
)

// mount is one bucket mounted with one user's key.
type mount struct {
	user, bucket, dir string
	m                 Mount
}

// mountAll mounts, for each user, each bucket it may reach, and returns
// the mounts and, per bucket, the users who have it.
func (s *Server) mountAll(ctx context.Context) error {
	s.shares = map[string][]string{}
	for _, u := range s.cfg.Users {
		buckets := s.cfg.Buckets
		if len(buckets) == 0 {
			var err error
			if buckets, err = listBuckets(ctx, s.http(), s.cfg.Endpoint, s.cfg.Region, u); err != nil {
				if strata.KindOf(err) != strata.Permission {
					return err
				}
				s.log.Warn("user may not list buckets; it gets no share (name buckets with --bucket)", "user", u.AccessKey)
			}
		}
		for _, b := range buckets {
			ok, err := s.mountOne(ctx, u, b)
			if err != nil {
				return err
			}
			if ok {
				s.shares[b] = append(s.shares[b], u.AccessKey)
			}
		}
		if low := strings.ToLower(u.AccessKey); low != u.AccessKey {
			// %U is the name as the client typed it, and Samba takes
			// user names in any case: let the lower-case spelling reach
			// the same mounts.
			link := s.lay.userDir(low)
			os.Remove(link)
			if err := os.Symlink(u.AccessKey, link); err != nil {
				return strata.E("smb.mount", strata.Internal, err)
			}
		}
	}
	return nil
}

// mountOne mounts bucket b with u's key, unless the key cannot reach it.
func (s *Server) mountOne(ctx context.Context, u User, b string) (bool, error) {
	c := fsapi.NewClient(s.cfg.Endpoint, b, u.AccessKey, u.SecretKey, s.cfg.Region)
	if s.cfg.HTTP != nil {
		c.SetHTTP(s.cfg.HTTP)
	}
	if _, err := c.Stat(ctx, ""); err != nil {
		switch fsapi.Errno(err) {
		case syscall.EACCES, syscall.EPERM, syscall.ENOENT:
			s.log.Info("bucket not reachable with this key; not shared to it", "user", u.AccessKey, "bucket", b, "err", err)
			return false, nil
		}
		return false, strata.Errorf("smb.mount", strata.Unavailable, "bucket %s as %s: %v", b, u.AccessKey, err)
	}
	dir := filepath.Join(s.lay.userDir(u.AccessKey), b)
	unmountStale(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return false, strata.E("smb.mount", strata.Internal, err)
	}
	log := s.log.With("user", u.AccessKey, "bucket", b)
	m, err := s.cfg.Mount(dir, vfs.New(c, s.cfg.VFS, log))
	if err != nil {
		return false, strata.Errorf("smb.mount", strata.Internal, "mount %s: %v", dir, err)
	}
	s.mounts = append(s.mounts, &mount{user: u.AccessKey, bucket: b, dir: dir, m: m})
	log.Debug("mounted", "dir", dir)
	return true, nil
}

// unmountStale detaches a mount a crashed earlier run left behind (its
// FUSE server is gone, so any access fails with ENOTCONN).
func unmountStale(dir string) {
	if _, err := os.Stat(dir); err == nil || errors.Is(err, os.ErrNotExist) {
		return
	}
	exec.Command("fusermount3", "-u", "-z", dir).Run()
	exec.Command("umount", "-l", dir).Run()
}

// unmountAll unmounts every mount; a busy one is retried for a while,
// then detached lazily.
func (s *Server) unmountAll(log *slog.Logger) error {
	var first error
	for _, m := range s.mounts {
		var err error
		for i := 0; i < 50; i++ {
			if err = m.m.Unmount(); err == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if err != nil {
			log.Warn("unmount failed; detaching", "dir", m.dir, "err", err)
			exec.Command("umount", "-l", m.dir).Run()
			if first == nil {
				first = strata.Errorf("smb.unmount", strata.Internal, "unmount %s: %v", m.dir, err)
			}
		}
	}
	s.mounts = nil
	return first
}
