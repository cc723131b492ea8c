package restapi

import (
	"strings"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/strata"
)

// SSHKey is an SSH public key registered on a user, for SFTP logins.
type SSHKey struct {
	ID          string `json:"id"`
	User        string `json:"user,omitempty"` // "" = the account root
	Body        string `json:"body"`
	Fingerprint string `json:"fingerprint"` // MD5, as AWS IAM shows it
	Status      string `json:"status"`
	Uploaded    string `json:"uploaded"`
}

// NewSSHKey uploads an SSH public key: one OpenSSH authorized_keys line.
type NewSSHKey struct {
	Body string `json:"body"`
}

func sshKeyView(k iam.SSHKey) SSHKey {
	return SSHKey{ID: k.ID, User: k.User, Body: k.Body, Fingerprint: k.Fingerprint, Status: k.Status,
		Uploaded: k.Uploaded.UTC().Format("2006-01-02T15:04:05Z")}
}

// sshKeyRoutes serve SSH public keys: a user's under
// /users/{user}/ssh-keys, the account root's own under /ssh-keys. They
// are authorized as the IAM API's SSHPublicKey calls.
func (a *API) sshKeyRoutes() {
	for _, at := range []struct {
		path string
		res  func(*Call) (Resource, error)
		user func(*Call) string
	}{
		{"/users/{user}/ssh-keys", entity("user", "user"), func(c *Call) string { return c.Path("user") }},
		{"/ssh-keys", accountRes, func(*Call) string { return "" }},
	} {
		a.Handle(Route{Method: "GET", Path: at.path, Action: "iam:ListSSHPublicKeys", Resource: at.res,
			Handle: func(c *Call) (any, error) {
				acct, _ := c.target()
				ks, err := c.store().ListSSHPublicKeys(c.Context(), acct.Name, at.user(c))
				out := make([]SSHKey, 0, len(ks))
				for _, k := range ks {
					out = append(out, sshKeyView(k))
				}
				return out, err
			}})
		a.Handle(Route{Method: "POST", Path: at.path, Action: "iam:UploadSSHPublicKey", Resource: at.res,
			Handle: func(c *Call) (any, error) {
				var req NewSSHKey
				if err := c.Decode(&req); err != nil {
					return nil, err
				}
				if strings.TrimSpace(req.Body) == "" {
					return nil, strata.Errorf("restapi", strata.Invalid, "body (the public key) is required")
				}
				acct, _ := c.target()
				k, err := c.store().UploadSSHPublicKey(c.Context(), acct.Name, at.user(c), req.Body)
				return sshKeyView(k), err
			}})
		a.Handle(Route{Method: "PUT", Path: at.path + "/{key}", Action: "iam:UpdateSSHPublicKey", Resource: at.res,
			Handle: func(c *Call) (any, error) {
				var req KeyStatus
				if err := c.Decode(&req); err != nil {
					return nil, err
				}
				acct, _ := c.target()
				return req, c.store().UpdateSSHPublicKey(c.Context(), acct.Name, at.user(c), c.Path("key"), req.Status)
			}})
		a.Handle(Route{Method: "DELETE", Path: at.path + "/{key}", Action: "iam:DeleteSSHPublicKey", Resource: at.res,
			Handle: func(c *Call) (any, error) {
				acct, _ := c.target()
				return map[string]string{"removed": c.Path("key")}, c.store().DeleteSSHPublicKey(c.Context(), acct.Name, at.user(c), c.Path("key"))
			}})
	}
}
