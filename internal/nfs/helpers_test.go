package nfs_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	nfsc "github.com/willscott/go-nfs-client/nfs"
	"github.com/willscott/go-nfs-client/nfs/rpc"
	"github.com/willscott/go-nfs-client/nfs/xdr"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

var ctx = context.Background()

// fullPolicy lets a user do anything in S3.
const fullPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`

// startNFS runs a node with NFS on and a bucket.
func startNFS(t *testing.T, dir string, buckets ...string) *testenv.Server {
	t.Helper()
	n := testenv.Start(t, testenv.Options{Dir: dir, Edit: func(c *server.Config) { c.NFSAddr = "127.0.0.1:0" }})
	for _, b := range buckets {
		if _, err := n.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)}); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

// nfsUser makes an IAM user with policy whose NFS uid is uid (the tag is
// given at creation: the IAM API has no TagUser yet).
func nfsUser(t *testing.T, n *testenv.Server, name, policy, uid string) {
	t.Helper()
	ic := n.IAMClient()
	if _, err := ic.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name),
		Tags: []iamtypes.Tag{{Key: aws.String(server.NFSUIDTag), Value: aws.String(uid)}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := ic.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String("p"),
		PolicyDocument: aws.String(policy)}); err != nil {
		t.Fatal(err)
	}
	if _, err := ic.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
}

// mount mounts export as uid with the Go NFS client over one connection
// to the node's NFS port (no portmapper).
func mount(t *testing.T, addr, export string, uid uint32) (*nfsc.Target, error) {
	t.Helper()
	m := &nfsc.Mount{Client: testenv.DialNFS(t, addr)}
	return m.Mount(export, rpc.NewAuthUnix("test", uid, uid).Auth())
}

func mustMount(t *testing.T, addr, export string, uid uint32) *nfsc.Target {
	t.Helper()
	v, err := mount(t, addr, export, uid)
	if err != nil {
		t.Fatalf("mount %s as %d: %v", export, uid, err)
	}
	return v
}

// writeFile creates p and writes data through NFS.
func writeFile(t *testing.T, v *nfsc.Target, p string, data []byte) {
	t.Helper()
	f, err := v.OpenFile(p, 0o644)
	if err != nil {
		t.Fatalf("open %s: %v", p, err)
	}
	if _, err := f.Write(data); err != nil {
		t.Fatalf("write %s: %v", p, err)
	}
	if err := f.Close(); err != nil {
		t.Fatalf("close %s: %v", p, err)
	}
}

func readFile(t *testing.T, v *nfsc.Target, p string) []byte {
	t.Helper()
	f, err := v.Open(p)
	if err != nil {
		t.Fatalf("open %s: %v", p, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatalf("read %s: %v", p, err)
	}
	return b
}

// s3Get reads an object through S3.
func s3Get(t *testing.T, n *testenv.Server, bucket, key string) []byte {
	t.Helper()
	out, err := n.S3().GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("S3 GET %s/%s: %v", bucket, key, err)
	}
	defer out.Body.Close()
	b, _ := io.ReadAll(out.Body)
	return b
}

// rename renames through NFS (the Go client has no RENAME).
func rename(v *nfsc.Target, uid uint32, from, to string) error {
	fromDir, fromName := split(from)
	toDir, toName := split(to)
	_, ffh, err := v.Lookup(fromDir)
	if err != nil {
		return err
	}
	_, tfh, err := v.Lookup(toDir)
	if err != nil {
		return err
	}
	type args struct {
		rpc.Header
		From nfsc.Diropargs3
		To   nfsc.Diropargs3
	}
	res, err := v.Call(&args{Header: rpc.Header{Rpcvers: 2, Prog: nfsc.Nfs3Prog, Vers: nfsc.Nfs3Vers,
		Proc: nfsc.NFSProc3Rename, Cred: rpc.NewAuthUnix("test", uid, uid).Auth(), Verf: rpc.AuthNull},
		From: nfsc.Diropargs3{FH: ffh, Filename: fromName}, To: nfsc.Diropargs3{FH: tfh, Filename: toName}})
	if err != nil {
		return err
	}
	st, err := xdr.ReadUint32(res)
	if err != nil {
		return err
	}
	return nfsc.NFS3Error(st)
}

func split(p string) (string, string) {
	i := bytes.LastIndexByte([]byte(p), '/')
	if i < 0 {
		return ".", p
	}
	return p[:i], p[i+1:]
}

func putInput(bucket, key, body string) *s3.PutObjectInput {
	return &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader(body)}
}
