package iam

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/strata-storage/strata/internal/iam/policy"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Cache is a gateway's in-memory copy of every IAM record. It answers
// authentication and authorization without a metadata round trip. It
// follows this node's own commits at once, and other gateways' commits
// through Apply, which the cluster's watch of the "I/" prefix calls.
type Cache struct {
	store *Store

	mu       sync.RWMutex
	accounts map[string]*Account // by name
	byID     map[string]string   // account ID → name
	users    map[string]*User    // "account/name"
	groups   map[string]*Group
	roles    map[string]*Role
	policies map[string]*ManagedPolicy
	keys     map[string]*cachedKey
	sshKeys  map[string]*SSHKey
	parsed   sync.Map     // document text → *policy.Policy
	mentions sync.Map     // mentionKey → bool
	memoN    atomic.Int64 // entries in parsed and mentions: both are dropped past memoMax
	uses     sync.Map     // access key id → time of the last recorded use
	now      atomic.Pointer[func() time.Time]

	bgMu   sync.Mutex
	bg     sync.WaitGroup // last-use writes in flight
	closed bool
}

// Close waits for the background writes in flight and starts no more:
// call it before closing the engine.
func (c *Cache) Close() {
	c.bgMu.Lock()
	c.closed = true
	c.bgMu.Unlock()
	c.bg.Wait()
}

// SetClock replaces the clock that session expiry is judged by (tests
// step it past an expiry instead of sleeping 15 minutes).
func (c *Cache) SetClock(now func() time.Time) {
	if now == nil {
		c.now.Store(nil)
		return
	}
	c.now.Store(&now)
}

func (c *Cache) clock() time.Time {
	if f := c.now.Load(); f != nil {
		return (*f)()
	}
	return time.Now()
}

type cachedKey struct {
	rec    AccessKey
	secret string
}

// NewCache loads every record and keeps the copy current with the
// store's own commits.
func NewCache(ctx context.Context, s *Store) (*Cache, error) {
	c := &Cache{store: s}
	if err := c.Reload(ctx); err != nil {
		return nil, err
	}
	s.notify = c.refresh
	return c, nil
}

// Store returns the store behind the cache.
func (c *Cache) Store() *Store { return c.store }

// Reload reads every record again (after a broken watch).
func (c *Cache) Reload(ctx context.Context) error {
	fresh := &Cache{store: c.store}
	fresh.reset()
	err := c.store.eng.View(ctx, func(r meta.Reader) error {
		return scan(r, Prefix(), func(k, v []byte) error {
			fresh.put(k, v)
			return nil
		})
	})
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.accounts, c.byID, c.users, c.groups = fresh.accounts, fresh.byID, fresh.users, fresh.groups
	c.roles, c.policies, c.keys = fresh.roles, fresh.policies, fresh.keys
	c.sshKeys = fresh.sshKeys
	c.mu.Unlock()
	return nil
}

func (c *Cache) reset() {
	c.accounts, c.byID = map[string]*Account{}, map[string]string{}
	c.users, c.groups, c.roles = map[string]*User{}, map[string]*Group{}, map[string]*Role{}
	c.policies, c.keys = map[string]*ManagedPolicy{}, map[string]*cachedKey{}
	c.sshKeys = map[string]*SSHKey{}
}

// Apply records a change seen on the engine's change feed: value nil
// means the key was deleted. Changes must come in commit order.
func (c *Cache) Apply(key, value []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if value == nil {
		c.remove(key)
		return
	}
	c.put(key, value)
}

// refresh re-reads one key after a local commit. The lock is held across
// the read so that two commits' refreshes cannot land out of order.
func (c *Cache) refresh(key []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var v []byte
	err := c.store.eng.View(ctx, func(r meta.Reader) (err error) {
		v, err = r.Get(key)
		return err
	})
	switch {
	case strata.Is(err, strata.NotExist):
		c.remove(key)
	case err == nil:
		c.put(key, v)
	default:
		c.store.log.Warn("iam cache refresh failed", "key", string(key), "err", err)
	}
}

// put decodes a record into the maps; the caller holds mu.
func (c *Cache) put(key, v []byte) {
	kind, rest, ok := recordKind(key)
	if !ok {
		return
	}
	var err error
	switch kind {
	case 'a':
		var a Account
		if err = json.Unmarshal(v, &a); err == nil {
			if old := c.accounts[rest]; old != nil {
				delete(c.byID, old.ID)
			}
			c.accounts[rest], c.byID[a.ID] = &a, rest
		}
	case 'u':
		var u User
		if err = json.Unmarshal(v, &u); err == nil {
			c.users[rest] = &u
		}
	case 'g':
		var g Group
		if err = json.Unmarshal(v, &g); err == nil {
			c.groups[rest] = &g
		}
	case 'r':
		var r Role
		if err = json.Unmarshal(v, &r); err == nil {
			c.roles[rest] = &r
		}
	case 'p':
		var p ManagedPolicy
		if err = json.Unmarshal(v, &p); err == nil {
			c.policies[rest] = &p
		}
	case 'k':
		var k AccessKey
		if err = json.Unmarshal(v, &k); err == nil {
			secret, oerr := c.store.seal.Open(k.ID, k.Sealed)
			if oerr != nil {
				c.store.log.Error("access key secret does not open", "key", k.ID, "err", oerr)
				delete(c.keys, rest)
				return
			}
			c.keys[rest] = &cachedKey{rec: k, secret: secret}
		}
	case 's':
		err = c.putSSHKey(rest, v)
	}
	if err != nil {
		c.store.log.Error("iam record does not decode", "key", string(key), "err", err)
	}
}

func (c *Cache) remove(key []byte) {
	kind, rest, ok := recordKind(key)
	if !ok {
		return
	}
	switch kind {
	case 'a':
		if old := c.accounts[rest]; old != nil {
			delete(c.byID, old.ID)
		}
		delete(c.accounts, rest)
	case 'u':
		delete(c.users, rest)
	case 'g':
		delete(c.groups, rest)
	case 'r':
		delete(c.roles, rest)
	case 'p':
		delete(c.policies, rest)
	case 'k':
		delete(c.keys, rest)
	case 's':
		delete(c.sshKeys, rest)
	}
}

// Account returns an account by name.
func (c *Cache) Account(name string) (Account, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if a := c.accounts[name]; a != nil {
		return *a, true
	}
	return Account{}, false
}

// AccountByEmail returns the account whose e-mail address is email
// (compared without case), for ACL grants by e-mail address.
func (c *Cache) AccountByEmail(email string) (Account, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, a := range c.accounts {
		if a.Email != "" && strings.EqualFold(a.Email, email) {
			return *a, true
		}
	}
	return Account{}, false
}

// AccountByID returns an account by its 12-digit ID.
func (c *Cache) AccountByID(id string) (Account, bool) {
	c.mu.RLock()
	name, ok := c.byID[id]
	c.mu.RUnlock()
	if !ok {
		return Account{}, false
	}
	return c.Account(name)
}

// Role returns a role.
func (c *Cache) Role(account, name string) (Role, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if r := c.roles[account+"/"+lower(name)]; r != nil {
		return *r, true
	}
	return Role{}, false
}

// Parsed returns a policy document parsed, memoized by its text.
func (c *Cache) Parsed(doc string) (*policy.Policy, error) {
	if p, ok := c.parsed.Load(doc); ok {
		return p.(*policy.Policy), nil
	}
	p, err := policy.Parse([]byte(doc))
	if err != nil {
		return nil, err
	}
	c.memoAdd()
	c.parsed.Store(doc, p)
	return p, nil
}

// memoMax bounds the memos: session policies are as many documents as
// sessions, and an old one costs only a parse to bring back.
const memoMax = 10000

func (c *Cache) memoAdd() {
	if c.memoN.Add(1) <= memoMax {
		return
	}
	c.memoN.Store(0)
	c.parsed.Clear()
	c.mentions.Clear()
}

func lower(s string) string { return strings.ToLower(s) }
