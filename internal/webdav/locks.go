package webdav

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"strings"
	"syscall"
	"time"

	xwebdav "golang.org/x/net/webdav"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/vfs"
)

// Locks live in the namespace, so that every gateway sees them: a lock is
// the attribute lockAttr of the resource it locks (x/net/webdav's locks
// are exclusive, so one per resource), and its token names that
// resource, so that UNLOCK, a refresh or an If header finds it from the
// token alone. A record whose root is not the path it sits on was carried
// there by a MOVE (RFC 4918: locks do not move with their resource) and
// counts for nothing; an expired one neither.
const lockAttr = "user.webdav-lock"

// tokenPrefix starts every token: an opaquelocktoken URI (RFC 4918
// appendix C) whose path part is the locked resource.
const tokenPrefix = "opaquelocktoken:"

// requestToken stands for the locks x/net/webdav takes for the length of
// one request without an If header; they only check that no one else
// holds a lock (serialising requests of one gateway would not serialise
// those of another, so they are not kept).
const requestToken = "urn:strata:webdav:request"

// maxLockWalk bounds the descendants a depth-infinity LOCK checks for
// locks of their own.
const maxLockWalk = 1000

type lockRecord struct {
	Token    string `json:"token"`
	Root     string `json:"root"` // "/bucket/path"
	Owner    string `json:"owner,omitempty"`
	Depth0   bool   `json:"depth0,omitempty"`
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

// lockSystem is x/net/webdav's LockSystem for one request.
type lockSystem struct {
	fsys    *fileSystem
	persist bool // a LOCK request: Create takes a real lock
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

// read returns the live lock on name, or nil. Errors read as no lock: a
// resource the user may not read is one the request will not change.
func (l *lockSystem) read(name string, now time.Time) *lockRecord {
	fs, rel, ok := l.attrPath(name)
	if !ok {
		return nil
	}
	attrs, err := fs.Xattrs(l.fsys.ctx, rel)
	if err != nil {
		return nil
	}
	return parseLock(attrs[lockAttr], name, now)
}

func parseLock(v []byte, name string, now time.Time) *lockRecord {
	if v == nil {
		return nil
	}
	var r lockRecord
	if json.Unmarshal(v, &r) != nil || r.Root != name || !r.live(now) {
		return nil
	}
	return &r
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

// lockedBy returns a live lock covering name: on it, or a depth-infinity
// lock on a collection above it.
func (l *lockSystem) lockedBy(name string, now time.Time) *lockRecord {
	if r := l.read(name, now); r != nil {
		return r
	}
	for p := path.Dir(name); strings.Count(p, "/") > 1; p = path.Dir(p) {
		if r := l.read(p, now); r != nil && !r.Depth0 {
			return r
		}
	}
	return nil
}

func (l *lockSystem) mine(r *lockRecord) bool {
	return r.Account == l.fsys.sess.Account() && r.User == l.fsys.sess.User()
}

// Confirm checks that one of the If header's tokens names a live lock of
// this user covering each of name0 and name1.
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
	for _, c := range conditions {
		if c.Not || c.Token == "" {
			continue
		}
		root := tokenRoot(c.Token)
		if root == "" {
			continue
		}
		if r := l.read(root, now); r != nil && r.Token == c.Token && r.covers(name) && l.mine(r) {
			return true
		}
	}
	return false
}

// Create takes a lock. Outside a LOCK request it only checks that no one
// holds one.
func (l *lockSystem) Create(now time.Time, d xwebdav.LockDetails) (string, error) {
	root := path.Clean("/" + d.Root)
	if !l.persist {
		if l.lockedBy(root, now) != nil {
			return "", xwebdav.ErrLocked
		}
		return requestToken, nil
	}
	if l.lockedBy(root, now) != nil || !d.ZeroDepth && l.lockedBelow(root, now) {
		return "", xwebdav.ErrLocked
	}
	fs, rel, ok := l.attrPath(root)
	if !ok {
		return "", l.fsys.fail("lock", root, syscall.EACCES)
	}
	if err := l.makeResource(fs, rel); err != nil {
		return "", l.fsys.fail("lock", root, err)
	}
	r := lockRecord{Token: newToken(root), Root: root, Owner: d.OwnerXML, Depth0: d.ZeroDepth,
		Duration: int64(d.Duration), Account: l.fsys.sess.Account(), User: l.fsys.sess.User()}
	if d.Duration >= 0 {
		r.Expires = now.Add(d.Duration).UnixNano()
	}
	v, _ := json.Marshal(r)
	err := fs.SetXattr(l.fsys.ctx, rel, lockAttr, v, xattrCreate)
	if vfs.Errno(err) == syscall.EEXIST {
		// A dead record (expired, or carried by a MOVE), or a lock
		// another gateway took since we looked.
		if l.read(root, now) != nil {
			return "", xwebdav.ErrLocked
		}
		err = fs.SetXattr(l.fsys.ctx, rel, lockAttr, v, 0)
	}
	if err != nil {
		return "", l.fsys.fail("lock", root, err)
	}
	return r.Token, nil
}

// xattrCreate is setxattr's XATTR_CREATE: the lock is taken only if the
// resource has none, decided by the gateway in one transaction.
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
// a live lock (a depth-infinity lock may not cover another's). It looks
// at maxLockWalk resources at most.
func (l *lockSystem) lockedBelow(root string, now time.Time) bool {
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
			if l.read(path.Join(root, p[len(rel):]), now) != nil {
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
	r, fs, rel := l.byToken(token, now)
	if r == nil || !l.mine(r) {
		return xwebdav.LockDetails{}, xwebdav.ErrNoSuchLock
	}
	r.Duration, r.Expires = int64(duration), 0
	if duration >= 0 {
		r.Expires = now.Add(duration).UnixNano()
	}
	v, _ := json.Marshal(r)
	if err := fs.SetXattr(l.fsys.ctx, rel, lockAttr, v, 0); err != nil {
		return xwebdav.LockDetails{}, l.fsys.fail("lock", r.Root, err)
	}
	return r.details(), nil
}

// Unlock removes a lock; only its owner may.
func (l *lockSystem) Unlock(now time.Time, token string) error {
	if token == requestToken {
		return nil
	}
	r, fs, rel := l.byToken(token, now)
	if r == nil {
		return xwebdav.ErrNoSuchLock
	}
	if !l.mine(r) {
		return xwebdav.ErrForbidden
	}
	err := fs.SetXattr(l.fsys.ctx, rel, lockAttr, nil, 0)
	if err != nil && vfs.Errno(err) != syscall.ENODATA {
		return l.fsys.fail("unlock", r.Root, err)
	}
	return nil
}

// byToken finds the live lock a token names.
func (l *lockSystem) byToken(token string, now time.Time) (*lockRecord, *vfs.FS, string) {
	root := tokenRoot(token)
	if root == "" {
		return nil, nil, ""
	}
	fs, rel, ok := l.attrPath(root)
	if !ok {
		return nil, nil, ""
	}
	r := l.read(root, now)
	if r == nil || r.Token != token {
		return nil, nil, ""
	}
	return r, fs, rel
}
