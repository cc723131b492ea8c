package protocols

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path"
	"strings"
	"testing"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

func withSFTP(c *server.Config) { c.SFTPAddr = "127.0.0.1:0" }

// sftpDoor is the SFTP server (pkg/sftp's client), logged in with the
// access key and its secret; the bucket is the folder /bucket.
type sftpDoor struct{ c *sftp.Client }

func newSFTPDoor(t *testing.T, n *testenv.Server, ak, sk string) door {
	t.Helper()
	conn, err := ssh.Dial("tcp", n.ProtocolAddr("sftp"), &ssh.ClientConfig{User: ak, Auth: []ssh.AuthMethod{ssh.Password(sk)},
		HostKeyCallback: ssh.InsecureIgnoreHostKey()})
	if err != nil {
		t.Fatalf("sftp login: %v", err)
	}
	c, err := sftp.NewClient(conn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(); conn.Close() })
	return sftpDoor{c: c}
}

func (d sftpDoor) Name() string { return "sftp" }

func (d sftpDoor) path(p string) string { return "/" + bucket + "/" + p }

func (d sftpDoor) Put(p string, data []byte) error {
	if err := d.c.MkdirAll(path.Dir(d.path(p))); err != nil {
		return err
	}
	f, err := d.c.Create(d.path(p))
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (d sftpDoor) Get(p string) ([]byte, error) {
	f, err := d.c.Open(d.path(p))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func (d sftpDoor) Missing(p string) bool {
	_, err := d.c.Stat(d.path(p))
	return errors.Is(err, fs.ErrNotExist)
}

func (d sftpDoor) Rename(oldPath, newPath string) error {
	return d.c.PosixRename(d.path(oldPath), d.path(newPath))
}

func (d sftpDoor) Overwrite(p string, off int64, data []byte) error {
	f, err := d.c.OpenFile(d.path(p), os.O_WRONLY)
	if err != nil {
		return err
	}
	if _, err := f.WriteAt(data, off); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// sftpRemote is rclone's sftp backend, with the secret as password
// (rclone wants it obscured) and no shell (the server has none).
func sftpRemote(t *testing.T, n *testenv.Server, ak, sk string) rcloneRemote {
	t.Helper()
	out, err := exec.Command(testenv.RequireTool(t, "rclone"), "obscure", sk).Output()
	if err != nil {
		t.Fatalf("rclone obscure: %v", err)
	}
	host, port, _ := net.SplitHostPort(n.ProtocolAddr("sftp"))
	return rcloneRemote{name: "sftp", root: "r:/" + bucket, env: []string{"RCLONE_CONFIG_R_TYPE=sftp",
		"RCLONE_CONFIG_R_HOST=" + host, "RCLONE_CONFIG_R_PORT=" + port, "RCLONE_CONFIG_R_USER=" + ak,
		"RCLONE_CONFIG_R_PASS=" + strings.TrimSpace(string(out)), "RCLONE_CONFIG_R_SHELL_TYPE=none"}}
}
