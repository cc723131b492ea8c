package iam

import (
	"bytes"
	"context"
	"net/http"
	"sort"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// MaxSSHKeysPerUser is AWS's quota of SSH public keys per user.
const MaxSSHKeysPerUser = 5

// SSHKey is an SSH public key registered on an IAM user (or, with User
// "", on the account root), as AWS IAM's SSHPublicKey: its holder logs
// in to the SFTP server with it, under any of the holder's access keys.
// Only the public key is kept; it is no secret.
type SSHKey struct {
	ID          string    `json:"id"` // APKA…
	Account     string    `json:"account"`
	User        string    `json:"user,omitempty"`
	Body        string    `json:"body"`        // authorized_keys form: "ssh-ed25519 AAAA…"
	Fingerprint string    `json:"fingerprint"` // MD5, colon-separated, as AWS shows it
	Status      string    `json:"status"`
	Uploaded    time.Time `json:"uploaded"`

	wire []byte // the key's SSH wire form, for the cache's login check
}

func sshKeyKey(id string) []byte { return []byte(prefix + "s/" + id) }

func sshKeyError(code, format string, args ...any) *Error {
	return newErr(code, http.StatusBadRequest, strata.Invalid, format, args...)
}

// parseSSHKey reads an OpenSSH public key line; the comment is dropped.
func parseSSHKey(body string) (ssh.PublicKey, error) {
	pub, _, _, _, err := ssh.ParseAuthorizedKey([]byte(strings.TrimSpace(body)))
	if err != nil {
		return nil, sshKeyError("UnrecognizedPublicKeyEncoding", "The public key encoding format is unsupported or unrecognized: %v", err)
	}
	return pub, nil
}

// holder checks that the holder of a key exists (the user, or for "" the
// account) and returns the user's name as created.
func (s *Store) sshHolder(tx meta.Reader, account, user string) (string, error) {
	if err := s.needAccount(tx, account); err != nil || user == "" {
		return "", err
	}
	var u User
	found, err := getJSON(tx, userKey(account, user), &u)
	if err == nil && !found {
		err = noSuchEntity("The user with name %s cannot be found.", user)
	}
	return u.Name, err
}

// UploadSSHPublicKey registers an SSH public key on a user ("" = the
// account root). A key the user has already is DuplicateSSHPublicKey.
func (s *Store) UploadSSHPublicKey(ctx context.Context, account, user, body string) (SSHKey, error) {
	pub, err := parseSSHKey(body)
	if err != nil {
		return SSHKey{}, err
	}
	k := SSHKey{ID: "APKA" + randomString(16, upperAlnum), Account: account,
		Body:        strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pub))),
		Fingerprint: ssh.FingerprintLegacyMD5(pub), Status: KeyActive, Uploaded: s.now().UTC()}
	err = s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		name, err := s.sshHolder(tx, account, user)
		if err != nil {
			return err
		}
		k.User = name
		n := 0
		if err := s.eachSSHKey(tx, func(o SSHKey) error {
			if o.Account != account || !strings.EqualFold(o.User, user) {
				return nil
			}
			if o.Body == k.Body {
				return sshKeyError("DuplicateSSHPublicKey", "The public key is already associated with the user.")
			}
			n++
			return nil
		}); err != nil {
			return err
		}
		if n >= MaxSSHKeysPerUser {
			return limitExceeded("Cannot exceed quota for SSHPublicKeysPerUser: %d", MaxSSHKeysPerUser)
		}
		return setJSON(tx, touch, sshKeyKey(k.ID), k)
	})
	return k, err
}

// ListSSHPublicKeys lists a user's SSH public keys, oldest first.
func (s *Store) ListSSHPublicKeys(ctx context.Context, account, user string) ([]SSHKey, error) {
	var out []SSHKey
	err := s.eng.View(ctx, func(r meta.Reader) error {
		if _, err := s.sshHolder(r, account, user); err != nil {
			return err
		}
		return s.eachSSHKey(r, func(k SSHKey) error {
			if k.Account == account && strings.EqualFold(k.User, user) {
				out = append(out, k)
			}
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Uploaded.Before(out[j].Uploaded) })
	return out, err
}

// GetSSHPublicKey reads one of a user's SSH public keys.
func (s *Store) GetSSHPublicKey(ctx context.Context, account, user, id string) (SSHKey, error) {
	var k SSHKey
	err := s.eng.View(ctx, func(r meta.Reader) error {
		var err error
		k, err = s.ownSSHKey(r, account, user, id)
		return err
	})
	return k, err
}

// UpdateSSHPublicKey activates or deactivates an SSH public key: an
// inactive key logs no one in.
func (s *Store) UpdateSSHPublicKey(ctx context.Context, account, user, id, status string) error {
	if status != KeyActive && status != KeyInactive {
		return validationError("Value '%s' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]", status)
	}
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		k, err := s.ownSSHKey(tx, account, user, id)
		if err != nil {
			return err
		}
		k.Status = status
		return setJSON(tx, touch, sshKeyKey(id), k)
	})
}

// DeleteSSHPublicKey removes an SSH public key.
func (s *Store) DeleteSSHPublicKey(ctx context.Context, account, user, id string) error {
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		if _, err := s.ownSSHKey(tx, account, user, id); err != nil {
			return err
		}
		return del(tx, touch, sshKeyKey(id))
	})
}

// ownSSHKey reads key id, which must be the user's.
func (s *Store) ownSSHKey(r meta.Reader, account, user, id string) (SSHKey, error) {
	var k SSHKey
	found, err := getJSON(r, sshKeyKey(id), &k)
	if err == nil && (!found || k.Account != account || !strings.EqualFold(k.User, user)) {
		err = noSuchEntity("The Public Key with id %s cannot be found.", id)
	}
	return k, err
}

func (s *Store) eachSSHKey(tx meta.Reader, fn func(SSHKey) error) error {
	return scan(tx, []byte(prefix+"s/"), func(_, v []byte) error {
		var k SSHKey
		if err := jsonInto(v, &k); err != nil {
			return nil
		}
		return fn(k)
	})
}

// sshKeysConflict refuses to delete a user that still has SSH keys, as
// AWS does.
func (s *Store) sshKeysConflict(tx meta.Reader, account, user string) error {
	return s.eachSSHKey(tx, func(k SSHKey) error {
		if k.Account == account && strings.EqualFold(k.User, user) {
			return deleteConflict("Cannot delete entity, must delete SSH public keys first.")
		}
		return nil
	})
}

// moveSSHKeys follows a user's rename (UpdateUser).
func (s *Store) moveSSHKeys(tx meta.Txn, touch func([]byte), account, from, to string) error {
	return s.eachSSHKey(tx, func(k SSHKey) error {
		if k.Account != account || !strings.EqualFold(k.User, from) {
			return nil
		}
		k.User = to
		return setJSON(tx, touch, sshKeyKey(k.ID), k)
	})
}

// putSSHKey decodes an SSH key record into the cache; the caller holds
// c.mu.
func (c *Cache) putSSHKey(id string, v []byte) error {
	var k SSHKey
	if err := jsonInto(v, &k); err != nil {
		return err
	}
	pub, err := parseSSHKey(k.Body)
	if err != nil {
		return err
	}
	k.wire = pub.Marshal()
	c.sshKeys[id] = &k
	return nil
}

// SSHKeyAuthorized reports whether key (in SSH wire form) is an active
// SSH public key of the holder of access key id, and that access key is
// an active long-term key: the SFTP server's public key login, which
// then acts with that access key.
func (c *Cache) SSHKeyAuthorized(id string, key []byte) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	ak := c.keys[id]
	if ak == nil || ak.rec.Status != KeyActive || ak.rec.Session != nil {
		return false
	}
	for _, k := range c.sshKeys {
		if k.Status == KeyActive && k.Account == ak.rec.Account && strings.EqualFold(k.User, ak.rec.User) &&
			bytes.Equal(k.wire, key) {
			return true
		}
	}
	return false
}
