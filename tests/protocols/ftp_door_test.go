package protocols

import (
	"bytes"
	"io"
	"net"
	"os/exec"
	"path"
	"strings"
	"testing"
	"time"

	goftp "github.com/jlaffaye/ftp"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// ftpDoor is the FTP server (internal/ftp), through a Go FTP client
// logged in as the door's user. Paths are under /BUCKET.
type ftpDoor struct{ c *goftp.ServerConn }

func withFTP(c *server.Config) { c.FTPAddr = "127.0.0.1:0" }

func newFTPDoor(t *testing.T, n *testenv.Server, ak, sk string) door {
	c, err := goftp.Dial(n.ProtocolAddr("ftp"), goftp.DialWithTimeout(30*time.Second))
	must(t, "ftp dial", err)
	must(t, "ftp login", c.Login(ak, sk))
	t.Cleanup(func() { c.Quit() })
	return ftpDoor{c: c}
}

func (d ftpDoor) Name() string { return "ftp" }

func (d ftpDoor) abs(p string) string { return "/" + bucket + "/" + p }

// Put makes the parent folders (MKD of one that exists fails: ignored),
// then stores the file.
func (d ftpDoor) Put(p string, data []byte) error {
	dir := ""
	for _, part := range strings.Split(path.Dir(p), "/") {
		if part == "." {
			break
		}
		dir = path.Join(dir, part)
		d.c.MakeDir(d.abs(dir))
	}
	return d.c.Stor(d.abs(p), bytes.NewReader(data))
}

func (d ftpDoor) Get(p string) ([]byte, error) {
	r, err := d.c.Retr(d.abs(p))
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(r)
	if cerr := r.Close(); err == nil {
		err = cerr
	}
	return b, err
}

func (d ftpDoor) Missing(p string) bool {
	_, err := d.c.FileSize(d.abs(p))
	return err != nil
}

func (d ftpDoor) Rename(oldPath, newPath string) error {
	return d.c.Rename(d.abs(oldPath), d.abs(newPath))
}

// Overwrite is REST + STOR: a resumed upload writes the file in place
// from the offset.
func (d ftpDoor) Overwrite(p string, off int64, data []byte) error {
	return d.c.StorFrom(d.abs(p), bytes.NewReader(data), uint64(off))
}

// ftpRemote is rclone's ftp backend on the node's FTP server.
func ftpRemote(t *testing.T, n *testenv.Server, ak, sk string) rcloneRemote {
	host, port, _ := net.SplitHostPort(n.ProtocolAddr("ftp"))
	rclone := testenv.RequireTool(t, "rclone")
	obscured, err := exec.Command(rclone, "obscure", sk).Output()
	must(t, "rclone obscure", err)
	return rcloneRemote{name: "ftp", root: "r:" + bucket, env: []string{"RCLONE_CONFIG_R_TYPE=ftp",
		"RCLONE_CONFIG_R_HOST=" + host, "RCLONE_CONFIG_R_PORT=" + port, "RCLONE_CONFIG_R_USER=" + ak,
		"RCLONE_CONFIG_R_PASS=" + strings.TrimSpace(string(obscured))}}
}
