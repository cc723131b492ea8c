package tlsutil

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io/fs"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// File names in a certificate folder.
const (
	CAFile    = "ca.pem"
	CAKeyFile = "ca-key.pem"
)

// NodeFiles are the certificate and key file names of a node in dir.
func NodeFiles(dir, name string) (cert, key string) {
	return filepath.Join(dir, name+".pem"), filepath.Join(dir, name+"-key.pem")
}

// Validity of what this package issues.
const (
	caValidity   = 10 * 365 * 24 * time.Hour
	nodeValidity = 2 * 365 * 24 * time.Hour
)

// MakeCA writes a new CA (ECDSA P-256) to dir/ca.pem and dir/ca-key.pem
// (mode 0600). An existing CA is kept: reissuing it would orphan every
// node certificate it signed. It reports whether it created one.
func MakeCA(dir, commonName string) (bool, error) {
	const op = "tlsutil.MakeCA"
	if _, err := os.Stat(filepath.Join(dir, CAKeyFile)); err == nil {
		return false, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, strata.E(op, strata.Internal, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, strata.E(op, strata.Internal, err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return false, strata.E(op, strata.Internal, err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial(), Subject: pkix.Name{CommonName: commonName, Organization: []string{"Strata"}},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(caValidity),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true, IsCA: true, MaxPathLenZero: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return false, strata.E(op, strata.Internal, err)
	}
	if err := writePair(filepath.Join(dir, CAFile), filepath.Join(dir, CAKeyFile), der, key); err != nil {
		return false, err
	}
	return true, nil
}

// MakeNode issues a certificate for a node, signed by the CA in dir,
// usable both as a server and as a client (node-to-node mutual TLS), for
// the given IP addresses and DNS names. It writes dir/NAME.pem and
// dir/NAME-key.pem (0600), replacing any previous pair.
func MakeNode(dir, name string, ips []net.IP, dns []string) (certFile, keyFile string, err error) {
	const op = "tlsutil.MakeNode"
	ca, err := tls.LoadX509KeyPair(filepath.Join(dir, CAFile), filepath.Join(dir, CAKeyFile))
	if err != nil {
		return "", "", strata.E(op, strata.Invalid, err)
	}
	caCert, err := x509.ParseCertificate(ca.Certificate[0])
	if err != nil {
		return "", "", strata.E(op, strata.Corrupt, err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return "", "", strata.E(op, strata.Internal, err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial(), Subject: pkix.Name{CommonName: name, Organization: []string{"Strata"}},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(nodeValidity),
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		IPAddresses: ips, DNSNames: dns,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &key.PublicKey, ca.PrivateKey)
	if err != nil {
		return "", "", strata.E(op, strata.Internal, err)
	}
	certFile, keyFile = NodeFiles(dir, name)
	return certFile, keyFile, writePair(certFile, keyFile, der, key)
}

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	return n
}

// writePair writes the key first (0600) and the certificate last, each
// through a rename, so a reader (a SIGHUP reload) never sees half a file.
func writePair(certFile, keyFile string, der []byte, key *ecdsa.PrivateKey) error {
	const op = "tlsutil.write"
	kb, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return strata.E(op, strata.Internal, err)
	}
	if err := writeAtomic(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		return err
	}
	return writeAtomic(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
}

func writeAtomic(path string, b []byte, mode os.FileMode) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, mode); err != nil {
		return strata.E("tlsutil.write", strata.Internal, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return strata.E("tlsutil.write", strata.Internal, err)
	}
	return nil
}
