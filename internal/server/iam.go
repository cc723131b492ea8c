package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/audit"
	"github.com/strata-storage/strata/internal/cluster"
	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/iamapi"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// clusterKeyFile holds the embedded default's cluster key (mode 0600).
const clusterKeyFile = "cluster.key"

// clusterKey returns the key that seals secrets in the directory: from
// --cluster-key-file, else STRATA_CLUSTER_KEY, else (one node) a key
// generated into the data folder on first start, else (a cluster whose
// nodes were given none) one derived from the root secret they share.
func (n *Node) clusterKey() ([]byte, error) {
	const op = "server.clusterKey"
	if f := n.cfg.ClusterKeyFile; f != "" {
		return readKeyFile(f)
	}
	if k := os.Getenv("STRATA_CLUSTER_KEY"); k != "" {
		return decodeKey(k)
	}
	if n.cfg.Clustered() {
		n.log.Warn("cluster key derived from the root secret: give every node --cluster-key-file to rotate them apart")
		return []byte("derived:" + clusterToken(n.cfg.Users[0].SecretKey)), nil
	}
	path := filepath.Join(n.cfg.DataDir, clusterKeyFile)
	k, err := readKeyFile(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return k, err
	}
	k = make([]byte, 32)
	rand.Read(k)
	if err := writeFileSync(path, []byte(hex.EncodeToString(k)+"\n"), 0o600); err != nil {
		return nil, strata.E(op, strata.Internal, err)
	}
	return k, nil
}

func readKeyFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return decodeKey(strings.TrimSpace(string(b)))
}

func decodeKey(s string) ([]byte, error) {
	k, err := hex.DecodeString(s)
	if err != nil || len(k) < 16 {
		return nil, strata.Errorf("server.clusterKey", strata.Invalid, "a cluster key is at least 16 bytes in hex")
	}
	return k, nil
}

// openIAM opens accounts and credentials on the root engine, stores the
// configured keys (root first) and, in a cluster, follows every other
// gateway's changes through the metadata watch.
func (n *Node) openIAM(ctx, bg context.Context) error {
	key, err := n.clusterKey()
	if err != nil {
		return err
	}
	seeds := make([]iam.Seed, 0, len(n.cfg.Users))
	for i, u := range n.cfg.Users {
		acct := u.Account
		if i == 0 {
			acct = iam.RootAccount
		}
		seeds = append(seeds, iam.Seed{Account: acct, AccessKey: u.AccessKey, SecretKey: u.SecretKey})
	}
	if n.iam, err = iam.Open(ctx, n.engine, key, seeds, n.log); err != nil {
		return err
	}
	if n.cfg.Clustered() {
		c := n.iam
		n.goLoop(func() {
			cluster.FollowPrefix(bg, n.etcd, metaPrefix+string(iam.Prefix()), n.log, func(k, v []byte) {
				c.Apply([]byte(strings.TrimPrefix(string(k), metaPrefix)), v)
			}, func() {
				if err := c.Reload(bg); err != nil && bg.Err() == nil {
					n.log.Warn("iam reload failed", "err", err)
				}
			})
		})
	}
	return nil
}

// IAM returns the node's accounts and credentials (gateways only).
func (n *Node) IAM() *iam.Cache { return n.iam }

// credentials adapts the IAM cache to the S3 verifier.
type credentials struct{ c *iam.Cache }

var _ auth.Resolver = credentials{}

// Lookup serves the verifiers of browser uploads (long-term keys only).
func (k credentials) Lookup(ctx context.Context, accessKey string) (secret, account string, ok bool) {
	p, secret, err := k.c.Authenticate(ctx, accessKey, "")
	if err != nil {
		return "", "", false
	}
	return secret, p.Account.Name, true
}

// Resolve authenticates a key and its session token.
func (k credentials) Resolve(ctx context.Context, accessKey, token string) (string, auth.Identity, error) {
	p, secret, err := k.c.Authenticate(ctx, accessKey, token)
	if err != nil {
		var ie *iam.Error
		if errors.As(err, &ie) {
			return "", auth.Identity{}, &auth.Error{Code: ie.Code, Message: ie.Message, Status: ie.Status}
		}
		return "", auth.Identity{}, &auth.Error{Code: "ServiceUnavailable", Message: "Please reduce your request rate.", Status: http.StatusServiceUnavailable}
	}
	return secret, auth.Identity{Account: p.Account.Name, Principal: p}, nil
}

// isAdmin reports whether an identity may use the admin API: the root
// account's root user, or a user of the root account whose policies allow
// "strata:Admin".
func (n *Node) isAdmin(id auth.Identity) bool {
	p, _ := id.Principal.(*iam.Principal)
	if p == nil {
		return false
	}
	if p.IsAdmin() {
		return true
	}
	return p.Account.Name == iam.RootAccount &&
		n.iam.Decide(&iam.Check{Principal: p, Action: "strata:Admin", Resource: "*"}).Allowed
}

// iamHandler serves the IAM and STS APIs on the S3 endpoint.
func (n *Node) iamHandler(v *auth.Verifier) http.Handler {
	h := &iamapi.Handler{IAM: n.iam, V: v, Log: n.log,
		AccountInUse: func(ctx context.Context, account string) (bool, error) {
			bs, err := n.Objects.ListBuckets(ctx, account)
			return len(bs) > 0, err
		}}
	if sink := n.auditSink(); sink != nil {
		h.Audit = func(r *http.Request, p *iam.Principal, action string, status int) {
			rec := audit.Record{Time: time.Now().UTC(), RequestID: r.Header.Get("X-Amz-Request-Id"), SourceIP: audit.SourceIP(r),
				UserAgent: r.UserAgent(), Operation: action, Status: status, AccessKey: auth.ClaimedAccessKey(r)}
			if p != nil {
				rec.Account, rec.Principal = p.Account.Name, p.ARN()
			}
			sink.Audit(rec)
		}
	}
	return h
}
