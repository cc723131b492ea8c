package protocols

import (
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/smb"
	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/vfs"
)

// smbDoor is `strata smb` (Samba over the user's FUSE mounts), driven by
// smbclient over SMB3 with encryption.
type smbDoor struct {
	port string
	id   identity
	tmp  string
}

func newSMBDoor(t *testing.T, n *testenv.Server, id identity) *smbDoor {
	testenv.RequireTool(t, "smbd")
	testenv.RequireTool(t, "smbclient")
	addr := testenv.FreeAddr(t)
	cfg := smb.DefaultConfig()
	cfg.Endpoint, cfg.Addr, cfg.State = n.URL(), addr, t.TempDir()
	cfg.Users = []smb.User{{AccessKey: id.ak, SecretKey: id.sk}}
	cfg.Buckets = []string{bucket}
	cfg.Logger = slog.New(slog.DiscardHandler)
	cfg.Mount = func(dir string, v *vfs.FS) (smb.Mount, error) { return fuse.New(dir, v, fuse.Options{}) }
	s, err := smb.Start(ctx, cfg)
	must(t, "strata smb", err)
	t.Cleanup(func() { s.Close() })
	return &smbDoor{port: addr[strings.LastIndex(addr, ":")+1:], id: id, tmp: t.TempDir()}
}

func (d *smbDoor) Name() string { return "smb" }

// run runs smbclient commands in local folder dir.
func (d *smbDoor) run(dir, cmds string) (string, error) {
	cmd := exec.Command("smbclient", "//127.0.0.1/"+bucket, "-p", d.port, "-U", d.id.ak+"%"+d.id.sk,
		"-m", "SMB3", "--client-protection=encrypt", "-c", cmds)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err == nil && strings.Contains(string(out), "NT_STATUS_") {
		err = fmt.Errorf("smbclient %q: %s", cmds, out)
	}
	return string(out), err
}

func (d *smbDoor) Put(p string, data []byte) error {
	return d.PutAll(map[string][]byte{p: data})
}

// PutAll uploads files with one smbclient session: a local copy of the
// tree, sent with a recursive mput.
func (d *smbDoor) PutAll(files map[string][]byte) error {
	dir, err := os.MkdirTemp(d.tmp, "put")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	tops := map[string]bool{}
	for p, b := range files {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, b, 0o644); err != nil {
			return err
		}
		tops[strings.Split(p, "/")[0]] = true
	}
	cmds := "prompt OFF; recurse ON;"
	for top := range tops {
		cmds += " mput " + top + ";"
	}
	_, err = d.run(dir, cmds)
	return err
}

func (d *smbDoor) Get(p string) ([]byte, error) {
	all, err := d.GetAll([]string{p})
	return all[p], err
}

// GetAll downloads files with one smbclient session.
func (d *smbDoor) GetAll(paths []string) (map[string][]byte, error) {
	dir, err := os.MkdirTemp(d.tmp, "get")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmds := "prompt OFF;"
	for i, p := range paths {
		cmds += fmt.Sprintf(" get %q %d;", p, i)
	}
	if _, err := d.run(dir, cmds); err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for i, p := range paths {
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprint(i)))
		if err != nil {
			return nil, err
		}
		out[p] = b
	}
	return out, nil
}

func (d *smbDoor) Missing(p string) bool {
	out, err := d.run(d.tmp, fmt.Sprintf("allinfo %q", p))
	return err != nil && strings.Contains(out, "NT_STATUS_OBJECT_NAME_NOT_FOUND") || strings.Contains(out, "NT_STATUS_OBJECT_PATH_NOT_FOUND")
}

func (d *smbDoor) Rename(oldPath, newPath string) error {
	_, err := d.run(d.tmp, fmt.Sprintf("rename %q %q", oldPath, newPath))
	return err
}
