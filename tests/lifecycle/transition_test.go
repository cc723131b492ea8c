package lifecycletest

import (
	"bytes"
	"io"
	"io/fs"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// A transition moves the data to another class, on its pool's volumes:
// HEAD reports the class, and the ETag, version and bytes stay.
func TestTransition(t *testing.T) {
	var hot, cold string
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.LifecycleDay, c.LifecycleInterval = day, time.Hour
		hot, cold = filepath.Join(c.DataDir, "hot"), filepath.Join(c.DataDir, "cold")
		c.Volumes = []string{hot + ":pool=hot", cold + ":pool=cold"}
	}})
	e := &env{t: t, srv: srv, c: srv.S3()}
	for _, c := range []object.StorageClass{{Name: "STANDARD", Pool: "hot", Policy: "SINGLE", SmallPolicy: "SINGLE"},
		{Name: "STANDARD_IA", Pool: "cold", Policy: "SINGLE", SmallPolicy: "SINGLE"}} {
		if _, err := e.srv.Objects.Classes().Put(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	b := e.bucket("tier", true)
	body := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB: chunks, not inline
	old := e.put(b, "k", body[:len(body)/2], "")
	cur := e.put(b, "k", body, "")
	e.rules(b, types.LifecycleRule{ID: aws.String("ia"), Filter: prefix(""),
		Transitions: []types.Transition{{Days: aws.Int32(1), StorageClass: types.TransitionStorageClassStandardIa}},
		NoncurrentVersionTransitions: []types.NoncurrentVersionTransition{{NoncurrentDays: aws.Int32(1),
			StorageClass: types.TransitionStorageClassStandardIa}}})
	if rep := e.pass(0.5); rep.Transitioned != 0 {
		t.Fatalf("transitioned too early: %+v", rep)
	}
	if h, c := chunkFiles(hot), chunkFiles(cold); h == 0 || c != 0 {
		t.Fatalf("before: %d chunk files on hot, %d on cold; want all on hot", h, c)
	}
	rep := e.pass(1.5)
	if rep.Transitioned != 2 || rep.Failed != 0 {
		t.Fatalf("report %+v: want the current and the noncurrent version transitioned", rep)
	}
	for _, v := range []struct {
		out  *s3.PutObjectOutput
		want []byte
	}{{cur, body}, {old, body[:len(body)/2]}} {
		head, err := e.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("k"), VersionId: v.out.VersionId})
		if err != nil {
			t.Fatal(err)
		}
		if head.StorageClass != types.StorageClassStandardIa || aws.ToString(head.ETag) != aws.ToString(v.out.ETag) {
			t.Fatalf("HEAD: class %q ETag %s, want STANDARD_IA and %s", head.StorageClass, aws.ToString(head.ETag), aws.ToString(v.out.ETag))
		}
		got, err := e.c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("k"), VersionId: v.out.VersionId})
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(got.Body)
		got.Body.Close()
		if err != nil || !bytes.Equal(data, v.want) {
			t.Fatalf("GET after transition: %d bytes, %v", len(data), err)
		}
	}
	if h, c := chunkFiles(hot), chunkFiles(cold); h != 0 || c == 0 {
		t.Fatalf("after: %d chunk files on hot, %d on cold; want all on cold", h, c)
	}
	if rep := e.pass(2.5); rep.Transitioned != 0 {
		t.Fatalf("transitioned again: %+v", rep)
	}
}

// chunkFiles counts the chunk files of a volume.
func chunkFiles(vol string) int {
	n := 0
	filepath.WalkDir(filepath.Join(vol, "chunks"), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}
