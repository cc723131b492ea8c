package webdav

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"syscall"
	"time"

	xwebdav "golang.org/x/net/webdav"

	"github.com/strata-storage/strata/internal/filetree"
	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/vfs"
)

// Locks live in the namespace, so that every gateway sees them: the
// locks of a resource are the attribute lockAttr of that resource (a
// JSON list: one exclusive lock, or shared ones), and a token names the
// resource it locks, so that UNLOCK, a refresh or an If header finds it
// from the token alone. A record whose root is not the path it sits on
// was carried there by a MOVE (RFC 4918: locks do not move with their
// resource) and counts for nothing; an expired one neither.
const lockAttr = "user.webdav-lock"

// tokenPrefix starts every token: an opaquelocktoken URI (RFC 4918
// appendix C) whose path part is the locked resource.
const tokenPrefix = "opaquelocktoken:"

// requestToken stands for the locks x/net/webdav takes for the length of
// one request without an If header; they only check that no one else
// holds a lock (serialising requests of one gateway would not serialise
// those of another, so they are not kept).
const requestToken = "urn:strata:webdav:request"

// maxLockTimeout caps a lock's timeout, "Infinite" included (RFC 4918
// lets the server choose; the answer says which): a client that dies
// holding a lock does not keep the resource locked for good.
const maxLockTimeout = 24 * time.Hour

func capTimeout(d time.Duration) time.Duration {
	if d < 0 || d > maxLockTimeout {
		return maxLockTimeout
	}
	return d
}

// maxLockWalk bounds the descendants a depth-infinity LOCK checks for
// locks of their own.
const maxLockWalk = 1000

type lockRecord struct {
	Token    string `json:"token"`
	Root     string `json:"root"` // "/bucket/path"
	Owner    string `json:"owner,omitempty"`
	Depth0   bool   `json:"depth0,omitempty"`
	Shared   bool   `json:"shared,omitempty"`
	Duration int64  `json:"duration"`          // ns; negative = infinite
	Expires  int64  `json:"expires,omitempty"` // unix ns; 0 = never
	Account  string `json:"account"`
	User     string `json:"user"`
}

func (r *lockRecord) live(now time.Time) bool {
	return r.Expires == 0 || now.UnixNano() < r.Expires
}

func (r *lockRecord) details() xwebdav.LockDetails {
	return xwebdav.LockDetails{Root: r.Root, Duration: time.Duration(r.Duration), OwnerXML: r.Owner, ZeroDepth: r.Depth0}
}

// covers reports whether the lock applies to name.
func (r *lockRecord) covers(name string) bool {
	return name == r.Root || !r.Depth0 && strings.HasPrefix(name, r.Root+"/")
}

// lockSystem is x/net/webdav's LockSystem for one request. LOCK itself
// is served by serveLock (x/net/webdav knows no shared locks).
type lockSystem struct {
	fsys *fileSystem
	// lockedOut: an If list held but for naming the lock on its
	// resource (RFC 4918 §10.4.1: 423 Locked rather than 412).
	lockedOut bool
}

var _ xwebdav.LockSystem = (*lockSystem)(nil)

func newToken(root string) string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%s%x-%x-%x-%x-%x%s", tokenPrefix, b[0:4], b[4:6], b[6:8], b[8:10], b[10:], (&url.URL{Path: root}).EscapedPath())
}

// tokenRoot is the resource a token names ("" for none of ours).
func tokenRoot(token string) string {
	rest, ok := strings.CutPrefix(token, tokenPrefix)
	if !ok || len(rest) < 37 || rest[36] != '/' {
		return ""
	}
	p, err := url.PathUnescape(rest[36:])
	if err != nil {
		return ""
	}
	return path.Clean(p)
}

// read returns the live locks on name. Errors read as no lock: a
// resource the user may not read is one the request will not change.
func (l *lockSystem) read(name string, now time.Time) []lockRecord {
	fs, rel, ok := l.attrPath(name)
	if !ok {
		return nil
	}
	attrs, err := fs.Xattrs(l.fsys.ctx, rel)
	if err != nil {
		return nil
	}
	return parseLocks(attrs[lockAttr], name, now)
}

func parseLocks(v []byte, name string, now time.Time) []lockRecord {
	if v == nil {
		return nil
	}
	var all, out []lockRecord
	if json.Unmarshal(v, &all) != nil {
		return nil
	}
	for _, r := range all {
		if r.Root == name && r.live(now) {
			out = append(out, r)
		}
	}
	return out
}

// attrPath is where name's attributes are; the root and the buckets
// have none (and can be locked only through what they hold).
func (l *lockSystem) attrPath(name string) (*vfs.FS, string, bool) {
	bucket, rel := shares.Split(name)
	if rel == "" {
		return nil, "", false
	}
	fs, err := l.fsys.sess.FS(l.fsys.ctx, bucket)
	return fs, rel, err == nil
}

// lockedBy returns the live locks covering name: on it, and the
// depth-infinity locks of the collections above it.
func (l *lockSystem) lockedBy(name string, now time.Time) []lockRecord {
	out := l.read(name, now)
	for p := path.Dir(name); strings.Count(p, "/") > 1; p = path.Dir(p) {
		for _, r := range l.read(p, now) {
			if !r.Depth0 {
				out = append(out, r)
			}
		}
	}
	return out
}

func (l *lockSystem) mine(r *lockRecord) bool {
	return r.Account == l.fsys.sess.Account() && r.User == l.fsys.sess.User()
}

// Confirm checks one list of an If header against name0 and name1: every
// condition must hold, and a resource under a lock must be named by one
// of the list's tokens, of a lock of this user.
func (l *lockSystem) Confirm(now time.Time, name0, name1 string, conditions ...xwebdav.Condition) (func(), error) {
	for _, name := range []string{name0, name1} {
		if name == "" {
			continue
		}
		if !l.confirmed(path.Clean("/"+name), now, conditions) {
			return nil, xwebdav.ErrConfirmationFailed
		}
	}
	return func() {}, nil
}

func (l *lockSystem) confirmed(name string, now time.Time, conditions []xwebdav.Condition) bool {
	locks := l.lockedBy(name, now)
	submitted := len(locks) == 0
	for _, c := range conditions {
		ok := false
		switch {
		case c.Token != "":
			for i := range locks {
				if locks[i].Token == c.Token && l.mine(&locks[i]) {
					ok = true
				}
			}
			if ok && !c.Not {
				submitted = true
			}
		case c.ETag != "":
			e, err := l.fsys.stat(l.fsys.ctx, name)
			ok = err == nil && etag(e) == strings.TrimPrefix(c.ETag, "W/")
		}
		if ok == c.Not {
			return false
		}
	}
	if !submitted {
		l.lockedOut = true
	}
	return submitted
}

// Create is x/net/webdav's lock for the length of a request without an
// If header: it checks that no lock covers the resource.
func (l *lockSystem) Create(now time.Time, d xwebdav.LockDetails) (string, error) {
	if len(l.lockedBy(path.Clean("/"+d.Root), now)) > 0 {
		return "", xwebdav.ErrLocked
	}
	return requestToken, nil
}

// take takes a lock (LOCK): exclusive, it conflicts with any lock on,
// above or (at depth infinity) below the resource; shared, only with
// exclusive ones.
func (l *lockSystem) take(now time.Time, d xwebdav.LockDetails, shared bool) (lockRecord, error) {
	root := path.Clean("/" + d.Root)
	d.Duration = capTimeout(d.Duration)
	conflict := func(rs []lockRecord) bool {
		for _, r := range rs {
			if !shared || !r.Shared {
				return true
			}
		}
		return false
	}
	if conflict(l.lockedBy(root, now)) || !d.ZeroDepth && l.lockedBelow(root, now, conflict) {
		return lockRecord{}, xwebdav.ErrLocked
	}
	fs, rel, ok := l.attrPath(root)
	if !ok {
		return lockRecord{}, l.fsys.fail("lock", root, syscall.EACCES)
	}
	if err := l.makeResource(fs, rel); err != nil {
		return lockRecord{}, l.fsys.fail("lock", root, err)
	}
	r := lockRecord{Token: newToken(root), Root: root, Owner: d.OwnerXML, Depth0: d.ZeroDepth, Shared: shared,
		Duration: int64(d.Duration), Account: l.fsys.sess.Account(), User: l.fsys.sess.User()}
	if d.Duration >= 0 {
		r.Expires = now.Add(d.Duration).UnixNano()
	}
	// The first lock is created in one gateway transaction (XATTR_CREATE);
	// adding a shared lock to others, or replacing dead records, reads
	// and writes the list.
	v, _ := json.Marshal([]lockRecord{r})
	err := fs.SetXattr(l.fsys.ctx, rel, lockAttr, v, xattrCreate)
	if vfs.Errno(err) == syscall.EEXIST {
		held := l.read(root, now)
		if conflict(held) {
			return lockRecord{}, xwebdav.ErrLocked
		}
		v, _ = json.Marshal(append(held, r))
		err = fs.SetXattr(l.fsys.ctx, rel, lockAttr, v, 0)
	}
	if err != nil {
		return lockRecord{}, l.fsys.fail("lock", root, err)
	}
	return r, nil
}

// xattrCreate is setxattr's XATTR_CREATE.
const xattrCreate = 1

// makeResource creates an empty file for a LOCK of an unmapped URL (a
// "lock-null" resource, which RFC 4918 makes an ordinary empty file).
func (l *lockSystem) makeResource(fs *vfs.FS, rel string) error {
	ctx := l.fsys.ctx
	if _, err := fs.Stat(ctx, rel); vfs.Errno(err) != syscall.ENOENT {
		return err
	}
	_, h, err := fs.Create(ctx, rel, vfs.Attrs{Mode: syscall.S_IFREG | 0o644}, syscall.O_RDWR|syscall.O_EXCL)
	if vfs.Errno(err) == syscall.EEXIST {
		return nil
	}
	if err != nil {
		return err
	}
	err = h.Flush(ctx)
	if rerr := h.Release(ctx); err == nil {
		err = rerr
	}
	l.fsys.changed()
	l.fsys.rw.lockCreated = err == nil
	return err
}

// lockedBelow reports whether a resource below the collection root holds
// a conflicting lock. It looks at maxLockWalk resources at most.
func (l *lockSystem) lockedBelow(root string, now time.Time, conflict func([]lockRecord) bool) bool {
	fs, rel, ok := l.attrPath(root)
	if !ok {
		return false
	}
	ctx := l.fsys.ctx
	if e, err := fs.Stat(ctx, rel); err != nil || !e.IsDir() {
		return false
	}
	seen := 0
	queue := []string{rel}
	for len(queue) > 0 && seen < maxLockWalk {
		dir := queue[0]
		queue = queue[1:]
		ents, err := fs.ReadDir(ctx, dir)
		if err != nil {
			continue
		}
		for _, e := range ents {
			p := vfs.Join(dir, e.Name)
			if seen++; seen > maxLockWalk {
				break
			}
			if conflict(l.read(path.Join(root, p[len(rel):]), now)) {
				return true
			}
			if e.IsDir() {
				queue = append(queue, p)
			}
		}
	}
	return false
}

// Refresh extends a lock of this user.
func (l *lockSystem) Refresh(now time.Time, token string, duration time.Duration) (xwebdav.LockDetails, error) {
	r, err := l.refresh(now, token, duration)
	return r.details(), err
}

func (l *lockSystem) refresh(now time.Time, token string, duration time.Duration) (lockRecord, error) {
	var out lockRecord
	duration = capTimeout(duration)
	err := l.update(now, token, func(rs []lockRecord, i int) []lockRecord {
		rs[i].Duration, rs[i].Expires = int64(duration), 0
		if duration >= 0 {
			rs[i].Expires = now.Add(duration).UnixNano()
		}
		out = rs[i]
		return rs
	})
	return out, err
}

// Unlock removes a lock; only its owner may.
func (l *lockSystem) Unlock(now time.Time, token string) error {
	if token == requestToken {
		return nil
	}
	return l.update(now, token, func(rs []lockRecord, i int) []lockRecord {
		return append(rs[:i], rs[i+1:]...)
	})
}

// update changes the lock a token names, of this user, with f.
func (l *lockSystem) update(now time.Time, token string, f func([]lockRecord, int) []lockRecord) error {
	root := tokenRoot(token)
	fs, rel, ok := l.attrPath(root)
	if root == "" || !ok {
		return xwebdav.ErrNoSuchLock
	}
	rs := l.read(root, now)
	i := slices.IndexFunc(rs, func(r lockRecord) bool { return r.Token == token })
	if i < 0 {
		return xwebdav.ErrNoSuchLock
	}
	if !l.mine(&rs[i]) {
		return xwebdav.ErrForbidden
	}
	var err error
	if rs = f(rs, i); len(rs) == 0 {
		err = fs.SetXattr(l.fsys.ctx, rel, lockAttr, nil, 0)
		if vfs.Errno(err) == filetree.ErrnoNoAttr {
			err = nil
		}
	} else {
		v, _ := json.Marshal(rs)
		err = fs.SetXattr(l.fsys.ctx, rel, lockAttr, v, 0)
	}
	return l.fsys.fail("lock", root, err)
}
