package server

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/nfs"
	"github.com/strata-storage/strata/internal/shares"
)

// startNFS starts the NFSv3 server, with AUTH_SYS uids mapped to users
// through their IAM tags (nfsIdentity) and its handle table in the data
// folder.
func (n *Node) startNFS(ctx context.Context, svc *shares.Service, addr string) (fileServer, error) {
	return nfs.Listen(addr, nfs.Config{Shares: svc, Identity: &nfsIdentity{store: n.iam.Store(), log: n.log},
		DataDir: n.cfg.DataDir, Log: n.log.With("part", "nfs")})
}

// NFSUIDTag is the IAM user tag that maps an NFS AUTH_SYS uid to the
// user: `aws iam tag-user --user-name alice --tags Key=strata:nfs-uid,Value=1000`.
// Its value is a uid, or "anonymous" for callers no user is mapped to.
// uid 0 and "anonymous" count only on users of the root account (the
// operator's): otherwise root is squashed to the anonymous user, and
// callers without a user are refused. A uid that users of two accounts
// (or two users) claim is refused, so that no account can take another's
// callers.
const NFSUIDTag = "strata:nfs-uid"

// nfsIdentity answers uid lookups from IAM user tags, scanning the users
// at most once per nfsScanEvery.
type nfsIdentity struct {
	store interface {
		ListAccounts(context.Context) ([]iam.Account, error)
		ListUsers(context.Context, string, string) ([]iam.User, error)
		ListAccessKeys(context.Context, string, string) ([]iam.AccessKey, error)
	}
	log interface {
		Warn(string, ...any)
	}

	mu      sync.Mutex
	scanned time.Time
	keys    map[string]string // tag value → access key ("" = claimed twice)
}

const nfsScanEvery = 5 * time.Second

func (m *nfsIdentity) KeyForUID(ctx context.Context, uid uint32) (string, error) {
	return m.lookup(ctx, strconv.FormatUint(uint64(uid), 10))
}

func (m *nfsIdentity) AnonymousKey(ctx context.Context) (string, error) {
	return m.lookup(ctx, "anonymous")
}

func (m *nfsIdentity) lookup(ctx context.Context, value string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.keys == nil || time.Since(m.scanned) > nfsScanEvery {
		keys, err := m.scan(ctx)
		if err != nil {
			return "", err
		}
		m.keys, m.scanned = keys, time.Now()
	}
	return m.keys[value], nil
}

// scan maps each tag value to the first active key of the user carrying it.
func (m *nfsIdentity) scan(ctx context.Context) (map[string]string, error) {
	accounts, err := m.store.ListAccounts(ctx)
	if err != nil {
		return nil, err
	}
	keys := map[string]string{}
	for _, a := range accounts {
		users, err := m.store.ListUsers(ctx, a.Name, "")
		if err != nil {
			return nil, err
		}
		for _, u := range users {
			v := strings.TrimSpace(u.Tags[NFSUIDTag])
			if v == "" || (v == "0" || v == "anonymous") && a.Name != iam.RootAccount {
				continue
			}
			if _, err := strconv.ParseUint(v, 10, 32); err != nil && v != "anonymous" {
				continue
			}
			key, err := m.activeKey(ctx, a.Name, u.Name)
			if err != nil || key == "" {
				continue
			}
			if _, dup := keys[v]; dup {
				m.log.Warn("nfs: uid claimed by two users: refused", "uid", v)
				keys[v] = ""
				continue
			}
			keys[v] = key
		}
	}
	return keys, nil
}

// activeKey is the user's oldest active long-term access key.
func (m *nfsIdentity) activeKey(ctx context.Context, account, user string) (string, error) {
	ks, err := m.store.ListAccessKeys(ctx, account, user)
	if err != nil {
		return "", err
	}
	ks = slices.DeleteFunc(ks, func(k iam.AccessKey) bool { return k.Status != iam.KeyActive || k.Session != nil })
	if len(ks) == 0 {
		return "", nil
	}
	slices.SortFunc(ks, func(a, b iam.AccessKey) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return ks[0].ID, nil
}
