package faulttest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestDamagedVolumesThroughS3 deletes and corrupts chunk files of one
// volume of an EC4+2 store (6 volumes) and a THREECOPIES store (3
// volumes): reads stay exact, `strata rebuild --verify` restores
// protection, and then losing a different volume is survived too.
func TestDamagedVolumesThroughS3(t *testing.T) {
	for _, tc := range []struct {
		policy string
		vols   int
	}{{"EC4+2", 6}, {"THREECOPIES", 3}} {
		t.Run(tc.policy, func(t *testing.T) {
			p := testenv.StartProcess(t, testenv.ProcOptions{Volumes: tc.vols, Args: []string{"--policy", tc.policy}})
			c := testenv.S3Client(p.URL(), testenv.AccessKey, testenv.SecretKey)
			c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("dmg")})
			objs := map[string][]byte{}
			for i, n := range []int{100 << 10, 1 << 20, 7<<20 + 3, 20 << 20} {
				b := bytes.Repeat([]byte(fmt.Sprintf("%08d", i)), n/8+1)[:n]
				k := fmt.Sprint("o", i)
				objs[k] = b
				if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("dmg"), Key: &k, Body: bytes.NewReader(b)}); err != nil {
					t.Fatal(err)
				}
			}
			check := func(label string) {
				for k, want := range objs {
					out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("dmg"), Key: &k})
					if err != nil {
						t.Fatalf("%s: get %s: %v", label, k, err)
					}
					got, err := io.ReadAll(out.Body)
					out.Body.Close()
					if err != nil || !bytes.Equal(got, want) {
						t.Fatalf("%s: %s read back wrong (err %v)", label, k, err)
					}
				}
			}
			damage(t, filepath.Join(p.Dir(), "volumes", "0"), false)
			check("after damaging volume 0")
			rep := admin(t, p.URL(), "rebuild", `{"verify":"1"}`)
			if !strings.Contains(rep, `"fragments_rebuilt"`) || strings.Contains(rep, `"fragments_rebuilt":0,`) {
				t.Fatalf("rebuild did nothing: %s", rep)
			}
			t.Logf("rebuild report: %s", strings.Join(strings.Fields(rep), " "))
			damage(t, filepath.Join(p.Dir(), "volumes", "1"), true)
			check("after rebuild and losing volume 1")
		})
	}
}

// damage deletes half of a volume's chunk files and corrupts the rest
// (or deletes all of them).
func damage(t *testing.T, vol string, all bool) {
	i := 0
	filepath.Walk(filepath.Join(vol, "chunks"), func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return nil
		}
		i++
		if all || i%2 == 0 {
			os.Remove(p)
			return nil
		}
		f, _ := os.OpenFile(p, os.O_RDWR, 0)
		defer f.Close()
		b := []byte{0}
		f.ReadAt(b, fi.Size()/2)
		b[0] ^= 0xa5
		f.WriteAt(b, fi.Size()/2)
		return nil
	})
	if i == 0 {
		t.Fatalf("no chunk files in %s", vol)
	}
}
