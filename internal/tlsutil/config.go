package tlsutil

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"os"

	"github.com/strata-storage/strata/internal/strata"
)

// Files name a node's certificate and key (PEM) and the cluster CA that
// signs every node's certificate.
type Files struct {
	Cert, Key, CA string
}

// Enabled reports whether TLS is configured.
func (f Files) Enabled() bool { return f.Cert != "" || f.Key != "" }

// Validate checks that the files come as a set: a certificate with its
// key, and a CA only along with them.
func (f Files) Validate() error {
	const op = "tlsutil.Files"
	if (f.Cert == "") != (f.Key == "") {
		return strata.Errorf(op, strata.Invalid, "--tls-cert and --tls-key go together")
	}
	if f.CA != "" && f.Cert == "" {
		return strata.Errorf(op, strata.Invalid, "--tls-ca needs --tls-cert and --tls-key")
	}
	return nil
}

// Set is a node's loaded TLS material.
type Set struct {
	Files
	Cert *Reloader
	Pool *x509.CertPool // the cluster CA; nil without Files.CA
}

// Load reads the files.
func Load(f Files) (*Set, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	r, err := NewReloader(f.Cert, f.Key)
	if err != nil {
		return nil, err
	}
	s := &Set{Files: f, Cert: r}
	if f.CA != "" {
		if s.Pool, err = LoadPool(f.CA); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// LoadPool reads a PEM bundle of CA certificates.
func LoadPool(file string) (*x509.CertPool, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, strata.E("tlsutil.LoadPool", strata.Invalid, err)
	}
	p := x509.NewCertPool()
	if !p.AppendCertsFromPEM(b) {
		return nil, strata.Errorf("tlsutil.LoadPool", strata.Invalid, "%s holds no PEM certificate", file)
	}
	return p, nil
}

// Server is the config of a listener that any client may use (S3): the
// node's certificate, no client certificate asked.
func (s *Set) Server() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: s.Cert.GetCertificate,
		NextProtos: []string{"h2", "http/1.1"}}
}

// Mutual is the config of node-to-node traffic. As a server it requires a
// client certificate signed by the cluster CA; as a client (NATS routes
// dial with the same config) it trusts the CA and presents the node's
// certificate.
func (s *Set) Mutual() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: s.Cert.GetCertificate,
		GetClientCertificate: s.Cert.GetClientCertificate,
		ClientAuth:           tls.RequireAndVerifyClientCert, ClientCAs: s.Pool, RootCAs: s.Pool}
}

// Client is the config a node dials other nodes with: it trusts the
// cluster CA and presents the node's certificate.
func (s *Set) Client() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: s.Pool, GetClientCertificate: s.Cert.GetClientCertificate}
}

// Self is the config of a connection from this node to itself (its
// private event bus on a loopback port): both ends must present the
// node's current certificate, compared byte for byte, so no CA and no
// host name in the certificate is needed.
func (s *Set) Self() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: s.Cert.GetCertificate,
		GetClientCertificate: s.Cert.GetClientCertificate, ClientAuth: tls.RequireAnyClientCert,
		// The standard checks are replaced by the comparison below,
		// which is stricter: only this very certificate is accepted.
		InsecureSkipVerify: true,
		VerifyConnection: func(cs tls.ConnectionState) error {
			own := s.Cert.Certificate()
			if len(cs.PeerCertificates) == 0 || !bytes.Equal(cs.PeerCertificates[0].Raw, own.Certificate[0]) {
				return errNotSelf
			}
			return nil
		}}
}

var errNotSelf = errors.New("tlsutil: peer does not present this node's certificate")
