package smb

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/vfs"
)

// User is one SMB login: an access key id (the SMB user name) and its
// secret (the SMB password).
type User struct {
	AccessKey string
	SecretKey string
}

// Config shapes a Samba front end.
type Config struct {
	Endpoint string // Strata S3 endpoint, e.g. http://127.0.0.1:9000
	Region   string // S3 region the requests are signed for
	Addr     string // host:port smbd listens on (an IP address, not a name)
	State    string // folder for smb.conf, Samba's databases and the mounts
	Users    []User
	// Buckets, when set, are the only buckets served; otherwise each
	// user's buckets are listed with its own key.
	Buckets []string
	// Encrypt is Samba's "server smb encrypt": off, if_required, desired
	// or required.
	Encrypt string
	// Signing is Samba's "server signing": default, auto or mandatory.
	Signing string
	Smbd    string // path of smbd (found on PATH when empty)
	// HTTP is the client of the endpoint (TLS roots); nil means
	// http.DefaultClient.
	HTTP *http.Client
	// Mount mounts a bucket's file system on a folder: internal/fuse in
	// `strata smb` (the caller wires it, so that this package, a
	// protocol, imports no other protocol).
	Mount  Mounter
	VFS    vfs.Options
	Logger *slog.Logger
	// Restart bounds the back-off between smbd restarts after a crash.
	Restart time.Duration
	// RemoveAccounts removes the Unix accounts this run created when it
	// stops. Off by default: another `strata smb` on the host may serve
	// the same key and need the account.
	RemoveAccounts bool
}

// Mounter mounts v on dir until the returned Mount is unmounted.
type Mounter func(dir string, v *vfs.FS) (Mount, error)

// Mount is a mounted bucket.
type Mount interface {
	// Unmount unmounts; it fails (and may be retried) while busy.
	Unmount() error
}

// DefaultConfig returns a config with every optional field set.
func DefaultConfig() Config {
	return Config{
		Endpoint: "http://127.0.0.1:9000",
		Region:   "us-east-1",
		Addr:     "0.0.0.0:445",
		State:    "/var/lib/strata/smb",
		Encrypt:  "desired",
		Signing:  "mandatory",
		Restart:  30 * time.Second,
	}
}

// unixName accepts the access key ids that can also be Unix account names
// (useradd's rule, capitals allowed): Samba needs an account per user.
var unixName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]{0,31}$`)

var bucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,62}$`)

// Validate checks the config.
func (c *Config) Validate() error {
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return strata.Errorf("smb", strata.Invalid, "smb address %q: %v", c.Addr, err)
	}
	if net.ParseIP(host) == nil {
		return strata.Errorf("smb", strata.Invalid, "smb address %q: the host must be an IP address", c.Addr)
	}
	if p, err := strconv.Atoi(port); err != nil || p <= 0 || p > 65535 {
		return strata.Errorf("smb", strata.Invalid, "smb address %q: bad port", c.Addr)
	}
	if c.State == "" || !filepath.IsAbs(c.State) {
		return strata.Errorf("smb", strata.Invalid, "smb state folder %q must be an absolute path", c.State)
	}
	if c.Mount == nil {
		return strata.Errorf("smb", strata.Invalid, "no Mounter to mount the buckets with")
	}
	if len(c.Users) == 0 {
		return strata.Errorf("smb", strata.Invalid, "no users to serve (give --user or --credentials)")
	}
	seen := map[string]bool{}
	for _, u := range c.Users {
		if !unixName.MatchString(u.AccessKey) {
			return strata.Errorf("smb", strata.Invalid, "access key %q cannot be a Unix user name", u.AccessKey)
		}
		if strings.EqualFold(u.AccessKey, "root") || seen[strings.ToLower(u.AccessKey)] {
			return strata.Errorf("smb", strata.Invalid, "access key %q is reserved or given twice", u.AccessKey)
		}
		seen[strings.ToLower(u.AccessKey)] = true
		if u.SecretKey == "" || strings.ContainsAny(u.SecretKey, "\n\r") {
			return strata.Errorf("smb", strata.Invalid, "access key %q has no usable secret", u.AccessKey)
		}
	}
	for _, b := range c.Buckets {
		if !bucketName.MatchString(b) {
			return strata.Errorf("smb", strata.Invalid, "bad bucket name %q", b)
		}
	}
	switch c.Encrypt {
	case "off", "if_required", "desired", "required":
	default:
		return strata.Errorf("smb", strata.Invalid, "encrypt must be off, if_required, desired or required, not %q", c.Encrypt)
	}
	switch c.Signing {
	case "default", "auto", "mandatory":
	default:
		return strata.Errorf("smb", strata.Invalid, "signing must be default, auto or mandatory, not %q", c.Signing)
	}
	return nil
}

// ParseCredentials reads ACCESS_KEY:SECRET lines; blank lines and lines
// starting with # are skipped. The secret is everything after the first
// colon.
func ParseCredentials(r io.Reader) ([]User, error) {
	var users []User
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		u, err := ParseUser(line)
		if err != nil {
			return nil, strata.Errorf("smb", strata.Invalid, "credentials line %d: %v", n, err)
		}
		users = append(users, u)
	}
	if err := sc.Err(); err != nil {
		return nil, strata.Errorf("smb", strata.Invalid, "credentials: %v", err)
	}
	return users, nil
}

// ParseUser parses one ACCESS_KEY:SECRET pair.
func ParseUser(s string) (User, error) {
	ak, sk, ok := strings.Cut(s, ":")
	if !ok || ak == "" || sk == "" {
		return User{}, strata.Errorf("smb", strata.Invalid, "want ACCESS_KEY:SECRET")
	}
	return User{AccessKey: ak, SecretKey: sk}, nil
}
