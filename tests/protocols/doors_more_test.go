package protocols

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	goftp "github.com/jlaffaye/ftp"
	"github.com/pkg/sftp"
	nfsc "github.com/willscott/go-nfs-client/nfs"
	"github.com/willscott/go-nfs-client/nfs/rpc"
	"golang.org/x/crypto/ssh"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// withProtocols turns on the node's protocol listeners.
func withProtocols(c *server.Config) {
	c.NFSAddr, c.SFTPAddr, c.FTPAddr, c.WebDAVAddr = "127.0.0.1:0", "127.0.0.1:0", "127.0.0.1:0", "127.0.0.1:0"
}

// identity is a user as every door knows it: its key for S3, Swift,
// SFTP, FTP, WebDAV and SMB, and its uid for NFS (AUTH_SYS).
type identity struct {
	ak, sk string
	uid    uint32
}

// newUser makes an IAM user of the root account with policy, mapped to
// NFS uid, with one access key.
func newUser(t *testing.T, n *testenv.Server, name, policy string, uid uint32) identity {
	t.Helper()
	ic := n.IAMClient()
	_, err := ic.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name),
		Tags: []iamtypes.Tag{{Key: aws.String(server.NFSUIDTag), Value: aws.String(fmt.Sprint(uid))}}})
	must(t, "create user", err)
	_, err = ic.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String("p"),
		PolicyDocument: aws.String(policy)})
	must(t, "put policy", err)
	k, err := ic.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(name)})
	must(t, "create key", err)
	return identity{ak: *k.AccessKey.AccessKeyId, sk: *k.AccessKey.SecretAccessKey, uid: uid}
}

// fullPolicy lets a user do anything in S3.
const fullPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`

// moreDoors are the protocol doors of node n as user id.
func moreDoors(t *testing.T, n *testenv.Server, id identity) []door {
	return []door{newSwiftDoor(t, n, id), newNFSDoor(t, n, id), newSFTPDoor(t, n, id), newFTPDoor(t, n, id),
		webdavDoor{base: "http://" + n.ProtocolAddr("webdav") + "/" + bucket, id: id}, newSMBDoor(t, n, id)}
}

// rcloneRemotes are the rclone backends of the protocol doors.
func rcloneRemotes(t *testing.T, n *testenv.Server, id identity) []rcloneRemote {
	obscured := obscure(t, id.sk)
	host := func(proto string) (string, string) {
		h, p, _ := strings.Cut(n.ProtocolAddr(proto), ":")
		return h, p
	}
	sh, sp := host("sftp")
	fh, fp := host("ftp")
	return []rcloneRemote{
		{name: "swift", root: "r:" + bucket, env: []string{"RCLONE_CONFIG_R_TYPE=swift", "RCLONE_CONFIG_R_AUTH=" + n.URL() + "/auth/v1.0",
			"RCLONE_CONFIG_R_USER=" + id.ak, "RCLONE_CONFIG_R_KEY=" + id.sk}},
		{name: "webdav", root: "r:" + bucket, env: []string{"RCLONE_CONFIG_R_TYPE=webdav", "RCLONE_CONFIG_R_URL=http://" + n.ProtocolAddr("webdav") + "/",
			"RCLONE_CONFIG_R_VENDOR=other", "RCLONE_CONFIG_R_USER=" + id.ak, "RCLONE_CONFIG_R_PASS=" + obscured}},
		{name: "sftp", root: "r:" + bucket, env: []string{"RCLONE_CONFIG_R_TYPE=sftp", "RCLONE_CONFIG_R_HOST=" + sh, "RCLONE_CONFIG_R_PORT=" + sp,
			"RCLONE_CONFIG_R_USER=" + id.ak, "RCLONE_CONFIG_R_PASS=" + obscured, "RCLONE_CONFIG_R_SHELL_TYPE=none"}},
		{name: "ftp", root: "r:" + bucket, env: []string{"RCLONE_CONFIG_R_TYPE=ftp", "RCLONE_CONFIG_R_HOST=" + fh, "RCLONE_CONFIG_R_PORT=" + fp,
			"RCLONE_CONFIG_R_USER=" + id.ak, "RCLONE_CONFIG_R_PASS=" + obscured}},
	}
}

func obscure(t *testing.T, secret string) string {
	out, err := exec.Command("rclone", "obscure", secret).Output()
	must(t, "rclone obscure", err)
	return strings.TrimSpace(string(out))
}

// swiftDoor is the Swift API with a TempAuth token.
type swiftDoor struct{ token, storage string }

func newSwiftDoor(t *testing.T, n *testenv.Server, id identity) swiftDoor {
	req, _ := http.NewRequest("GET", n.URL()+"/auth/v1.0", nil)
	req.Header.Set("X-Auth-User", id.ak)
	req.Header.Set("X-Auth-Key", id.sk)
	resp, err := http.DefaultClient.Do(req)
	must(t, "swift auth", err)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("swift auth: %s", resp.Status)
	}
	return swiftDoor{token: resp.Header.Get("X-Auth-Token"), storage: resp.Header.Get("X-Storage-Url")}
}

func (d swiftDoor) Name() string { return "swift" }

func (d swiftDoor) do(method, p string, body []byte) (*http.Response, error) {
	req, err := http.NewRequest(method, d.storage+"/"+bucket+"/"+p, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Auth-Token", d.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		resp.Body.Close()
		return nil, fmt.Errorf("swift %s %s: %s", method, p, resp.Status)
	}
	return resp, nil
}

func (d swiftDoor) Put(p string, data []byte) error {
	resp, err := d.do("PUT", p, data)
	if err == nil {
		resp.Body.Close()
	}
	return err
}

func (d swiftDoor) Get(p string) ([]byte, error) {
	resp, err := d.do("GET", p, nil)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func (d swiftDoor) Missing(p string) bool {
	resp, err := d.do("HEAD", p, nil)
	if err == nil {
		resp.Body.Close()
	}
	return err != nil
}

// nfsDoor is NFSv3 through the Go client, as the user's uid.
type nfsDoor struct{ v *nfsc.Target }

func newNFSDoor(t *testing.T, n *testenv.Server, id identity) nfsDoor {
	m := &nfsc.Mount{Client: testenv.DialNFS(t, n.ProtocolAddr("nfs"))}
	v, err := m.Mount("/"+bucket, rpc.NewAuthUnix("test", id.uid, id.uid).Auth())
	must(t, "nfs mount", err)
	return nfsDoor{v: v}
}

func (d nfsDoor) Name() string { return "nfs" }

func (d nfsDoor) Put(p string, data []byte) error {
	dir := ""
	for _, c := range strings.Split(path.Dir(p), "/") {
		dir = path.Join(dir, c)
		if _, _, err := d.v.Lookup(dir); err != nil {
			if _, err := d.v.Mkdir(dir, 0o755); err != nil {
				return err
			}
		}
	}
	f, err := d.v.OpenFile(p, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (d nfsDoor) Get(p string) ([]byte, error) {
	f, err := d.v.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func (d nfsDoor) Missing(p string) bool {
	_, _, err := d.v.Lookup(p)
	return err != nil
}

func (d nfsDoor) Rename(oldPath, newPath string) error { return d.v.Rename(oldPath, newPath) }

func (d nfsDoor) Overwrite(p string, off int64, data []byte) error {
	f, err := d.v.OpenFile(p, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Seek(off, io.SeekStart); err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Close()
}

// sftpDoor is SFTP (pkg/sftp over x/crypto/ssh), logged in with the
// access key and its secret.
type sftpDoor struct{ c *sftp.Client }

func newSFTPDoor(t *testing.T, n *testenv.Server, id identity) sftpDoor {
	conn, err := ssh.Dial("tcp", n.ProtocolAddr("sftp"), &ssh.ClientConfig{User: id.ak, Auth: []ssh.AuthMethod{ssh.Password(id.sk)},
		HostKeyCallback: ssh.InsecureIgnoreHostKey()})
	must(t, "ssh dial", err)
	c, err := sftp.NewClient(conn)
	must(t, "sftp", err)
	t.Cleanup(func() { c.Close(); conn.Close() })
	return sftpDoor{c: c}
}

func (d sftpDoor) Name() string { return "sftp" }

func (d sftpDoor) Put(p string, data []byte) error {
	full := "/" + bucket + "/" + p
	if err := d.c.MkdirAll(path.Dir(full)); err != nil {
		return err
	}
	f, err := d.c.Create(full)
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
	f, err := d.c.Open("/" + bucket + "/" + p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func (d sftpDoor) Missing(p string) bool {
	_, err := d.c.Stat("/" + bucket + "/" + p)
	return err != nil
}

func (d sftpDoor) Rename(oldPath, newPath string) error {
	return d.c.Rename("/"+bucket+"/"+oldPath, "/"+bucket+"/"+newPath)
}

func (d sftpDoor) Overwrite(p string, off int64, data []byte) error {
	f, err := d.c.OpenFile("/"+bucket+"/"+p, os.O_WRONLY)
	if err != nil {
		return err
	}
	if _, err := f.WriteAt(data, off); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ftpDoor is FTP (jlaffaye/ftp), one control connection.
type ftpDoor struct{ c *goftp.ServerConn }

func newFTPDoor(t *testing.T, n *testenv.Server, id identity) ftpDoor {
	c, err := goftp.Dial(n.ProtocolAddr("ftp"))
	must(t, "ftp dial", err)
	must(t, "ftp login", c.Login(id.ak, id.sk))
	t.Cleanup(func() { c.Quit() })
	return ftpDoor{c: c}
}

func (d ftpDoor) Name() string { return "ftp" }

func (d ftpDoor) Put(p string, data []byte) error {
	dir := "/" + bucket
	for _, c := range strings.Split(path.Dir(p), "/") {
		dir += "/" + c
		if _, err := d.c.GetEntry(dir); err != nil {
			if err := d.c.MakeDir(dir); err != nil {
				return err
			}
		}
	}
	return d.c.Stor("/"+bucket+"/"+p, bytes.NewReader(data))
}

func (d ftpDoor) Get(p string) ([]byte, error) {
	r, err := d.c.Retr("/" + bucket + "/" + p)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

func (d ftpDoor) Missing(p string) bool {
	_, err := d.c.FileSize("/" + bucket + "/" + p)
	return err != nil
}

func (d ftpDoor) Rename(oldPath, newPath string) error {
	return d.c.Rename("/"+bucket+"/"+oldPath, "/"+bucket+"/"+newPath)
}

// webdavDoor is WebDAV over plain HTTP with Basic logins.
type webdavDoor struct {
	base string // http://host:port/bucket
	id   identity
}

func (d webdavDoor) Name() string { return "webdav" }

func (d webdavDoor) do(method, p string, body []byte, hdr ...string) (*http.Response, error) {
	req, err := http.NewRequest(method, d.base+"/"+p, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(d.id.ak, d.id.sk)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		resp.Body.Close()
		return resp, fmt.Errorf("webdav %s %s: %s", method, p, resp.Status)
	}
	return resp, nil
}

func (d webdavDoor) Put(p string, data []byte) error {
	dir := ""
	for _, c := range strings.Split(path.Dir(p), "/") {
		dir = path.Join(dir, c)
		if resp, err := d.do("PROPFIND", dir+"/", nil, "Depth", "0"); err == nil {
			resp.Body.Close()
			continue
		}
		resp, err := d.do("MKCOL", dir+"/", nil)
		if err != nil {
			return err
		}
		resp.Body.Close()
	}
	resp, err := d.do("PUT", p, data)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (d webdavDoor) Get(p string) ([]byte, error) {
	resp, err := d.do("GET", p, nil)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func (d webdavDoor) Missing(p string) bool {
	resp, err := d.do("HEAD", p, nil)
	if err == nil {
		resp.Body.Close()
	}
	return err != nil && resp != nil && resp.StatusCode == http.StatusNotFound
}

func (d webdavDoor) Rename(oldPath, newPath string) error {
	resp, err := d.do("MOVE", oldPath+"/", nil, "Destination", d.base+"/"+newPath+"/", "Overwrite", "F")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
