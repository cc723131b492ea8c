package sftp

import (
	"context"
	"errors"

	"golang.org/x/crypto/ssh"
)

// extKey is the permission extension that carries the logged-in access
// key from the login callbacks to the connection.
const extKey = "strata-access-key"

// errLogin is every refused login, saying nothing of what was wrong.
var errLogin = errors.New("login refused")

// serverConfig is the SSH server's login rules: the user name is an
// access key id; a password is its secret, and a public key must be an
// active SSH key registered on the key's IAM user.
func (s *Server) serverConfig() *ssh.ServerConfig {
	cfg := &ssh.ServerConfig{
		ServerVersion: "SSH-2.0-Strata",
		PasswordCallback: func(c ssh.ConnMetadata, pw []byte) (*ssh.Permissions, error) {
			// Login checks the secret; the connection opens its own
			// session once the handshake is over (Trusted).
			sess, err := s.cfg.Shares.Login(context.Background(), c.User(), string(pw), client(c))
			if err != nil {
				return nil, errLogin
			}
			sess.Close()
			return &ssh.Permissions{Extensions: map[string]string{extKey: c.User()}}, nil
		},
		MaxAuthTries: 6,
	}
	if s.cfg.Authorized != nil {
		cfg.PublicKeyCallback = func(c ssh.ConnMetadata, key ssh.PublicKey) (*ssh.Permissions, error) {
			// Called before the client has proved it holds the key too;
			// the ssh package checks that signature before it accepts.
			if !s.cfg.Authorized(context.Background(), c.User(), key) {
				s.log.Info("sftp public key refused", "remote", c.RemoteAddr().String(), "access_key", c.User(),
					"fingerprint", ssh.FingerprintSHA256(key))
				return nil, errLogin
			}
			return &ssh.Permissions{Extensions: map[string]string{extKey: c.User()}}, nil
		}
	}
	return cfg
}
