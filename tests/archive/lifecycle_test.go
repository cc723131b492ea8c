package archivetest

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/fsapi"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestTransitionToGlacierThenRestore is issue 13's tiering case, sized
// for go test: 1,000 objects under a 1-day transition rule to GLACIER
// (one lifecycle day = 1 s, which also sets the restore day). Their
// chunks move to the archive pool's volume, GET is refused for every one,
// the file API lists them all, and a restore makes one readable until
// its copy expires.
func TestTransitionToGlacierThenRestore(t *testing.T) {
	const n, size = 1000, 70 << 10 // above the inline size: real chunks
	var hot, cold string
	s := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.LifecycleDay, c.LifecycleInterval = time.Second, time.Hour // passes run by the test
		hot, cold = filepath.Join(c.DataDir, "hot"), filepath.Join(c.DataDir, "cold")
		c.Volumes = []string{hot + ":pool=ssd", cold + ":pool=archive"}
	}})
	for _, sc := range []object.StorageClass{{Name: "STANDARD", Pool: "ssd", Policy: "SINGLE", SmallPolicy: "SINGLE"},
		{Name: "GLACIER", Pool: "archive", Policy: "SINGLE", SmallPolicy: "SINGLE"}} {
		if _, err := s.Objects.Classes().Put(ctx, sc); err != nil {
			t.Fatal(err)
		}
	}
	c := s.S3()
	b := "raw"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	data := randBytes(size, 14)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 8 {
				_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String(fmt.Sprintf("run/%04d", i)), Body: bytes.NewReader(data)})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	if h, a := chunkFiles(hot), chunkFiles(cold); h != n || a != 0 {
		t.Fatalf("before: %d chunk files on ssd, %d on archive", h, a)
	}
	if _, err := c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: &b,
		LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{{ID: aws.String("cold"),
			Status: types.ExpirationStatusEnabled, Filter: &types.LifecycleRuleFilter{Prefix: aws.String("")},
			Transitions: []types.Transition{{Days: aws.Int32(1), StorageClass: types.TransitionStorageClassGlacier}}}}}}); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(1500 * time.Millisecond)
	rep, err := s.Objects.Lifecycle(ctx, object.LifecycleOptions{Day: time.Second, Now: func() time.Time { return later }})
	if err != nil || rep.Transitioned != n || rep.Failed != 0 {
		t.Fatalf("lifecycle pass: %+v %v", rep, err)
	}
	if h, a := chunkFiles(hot), chunkFiles(cold); h != 0 || a != n {
		t.Fatalf("after the transition: %d chunk files on ssd, %d on archive", h, a)
	}
	for i := range n {
		_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String(fmt.Sprintf("run/%04d", i))})
		wantCode(t, err, "InvalidObjectState")
	}
	fc := fsapi.NewClient(s.URL(), b, testenv.AccessKey, testenv.SecretKey, "us-east-1")
	listed := 0
	for after := ""; ; {
		page, err := fc.List(ctx, "run", after, 1000)
		if err != nil {
			t.Fatal(err)
		}
		listed += len(page.Entries)
		if page.Next == "" {
			break
		}
		after = page.Next
	}
	if listed != n {
		t.Fatalf("the file API lists %d of %d archived files", listed, n)
	}

	key := "run/0042"
	if _, err := c.RestoreObject(ctx, &s3.RestoreObjectInput{Bucket: &b, Key: &key,
		RestoreRequest: &types.RestoreRequest{Days: aws.Int32(2)}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "restore done", func() bool {
		_, r := headRestore(t, c, b, key)
		return strings.HasPrefix(r, `ongoing-request="false"`)
	})
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if !bytes.Equal(got, data) {
		t.Fatal("restored bytes differ")
	}
	if h := chunkFiles(hot); h != 1 {
		t.Fatalf("the restored copy: %d chunk files on ssd, want 1 (STANDARD's pool)", h)
	}
	// Two (one-second) days later the copy is gone and the object archived.
	waitFor(t, 30*time.Second, "restored copy expired", func() bool {
		_, r := headRestore(t, c, b, key)
		return r == ""
	})
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key})
	wantCode(t, err, "InvalidObjectState")
	// The copy's chunks are freed just after the commit that drops it.
	waitFor(t, 30*time.Second, "restored copy's chunks freed", func() bool { return chunkFiles(hot) == 0 })
}

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
