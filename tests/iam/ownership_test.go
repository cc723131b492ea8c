package iamtest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

func withAlt(c *server.Config) {
	c.Users = append(c.Users, server.User{Account: "alt", AccessKey: testenv.AltAccessKey, SecretKey: testenv.AltSecretKey})
}

// TestObjectOwnership: BucketOwnerEnforced gives every new object to the
// bucket owner and refuses ACLs; it cannot be set over a granting ACL.
func TestObjectOwnership(t *testing.T) {
	s := testenv.Start(t, testenv.Options{Edit: withAlt})
	root := s.S3()
	alt := s3Client(s.URL(), testenv.AltAccessKey, testenv.AltSecretKey, "")
	b := "owned"
	must[*s3.CreateBucketOutput](t)(root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b, ACL: s3types.BucketCannedACLPublicRead}))
	enforced := &s3types.OwnershipControls{Rules: []s3types.OwnershipControlsRule{{ObjectOwnership: s3types.ObjectOwnershipBucketOwnerEnforced}}}
	_, err := root.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: &b, OwnershipControls: enforced})
	wantCode(t, err, "InvalidBucketAclWithObjectOwnership")
	must[*s3.PutBucketAclOutput](t)(root.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: &b, ACL: s3types.BucketCannedACLPrivate}))
	must[*s3.PutBucketOwnershipControlsOutput](t)(root.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: &b, OwnershipControls: enforced}))
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:PutObject","s3:GetObjectAcl"],"Resource":"arn:aws:s3:::owned/*"}]}`
	must[*s3.PutBucketPolicyOutput](t)(root.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: &b, Policy: &pol}))
	if err := put(t, alt, b, "by-alt", "x"); err != nil {
		t.Fatal(err)
	}
	acl := must[*s3.GetObjectAclOutput](t)(root.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: &b, Key: aws.String("by-alt")}))
	if got := aws.ToString(acl.Owner.ID); got != "root" {
		t.Fatalf("owner of alt's object under BucketOwnerEnforced: %q", got)
	}
	_, err = alt.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("private"), ACL: s3types.ObjectCannedACLPrivate})
	wantCode(t, err, "AccessControlListNotSupported")
}

// TestMissingKeyNeedsList: a missing key is 404 only to callers that may
// list its name, 403 to others.
func TestMissingKeyNeedsList(t *testing.T) {
	s := testenv.Start(t, testenv.Options{Edit: withAlt})
	root := s.S3()
	alt := s3Client(s.URL(), testenv.AltAccessKey, testenv.AltSecretKey, "")
	b := "listing"
	must[*s3.CreateBucketOutput](t)(root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}))
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::listing","Condition":{"StringLike":{"s3:prefix":"public/*"}}}]}`
	must[*s3.PutBucketPolicyOutput](t)(root.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: &b, Policy: &pol}))
	_, err := alt.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("public/x")})
	wantCode(t, err, "NotFound")
	_, err = alt.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("private/x")})
	wantCode(t, err, "Forbidden")
	_, err = root.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("private/x")})
	wantCode(t, err, "NotFound")
}

// TestObjectOwnershipPostUpload: a browser POST upload follows the bucket's
// Object Ownership like a PUT: the bucket owner owns it under
// BucketOwnerEnforced, and an ACL field other than
// bucket-owner-full-control is refused.
func TestObjectOwnershipPostUpload(t *testing.T) {
	s := testenv.Start(t, testenv.Options{Edit: withAlt})
	root := s.S3()
	b := "owned-post"
	must[*s3.CreateBucketOutput](t)(root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}))
	enforced := &s3types.OwnershipControls{Rules: []s3types.OwnershipControlsRule{{ObjectOwnership: s3types.ObjectOwnershipBucketOwnerEnforced}}}
	must[*s3.PutBucketOwnershipControlsOutput](t)(root.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: &b, OwnershipControls: enforced}))
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::owned-post/*"}]}`
	must[*s3.PutBucketPolicyOutput](t)(root.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: &b, Policy: &pol}))

	// A SigV2 form signed by alt, as browsers post them.
	post := func(key, acl string) int {
		conds := fmt.Sprintf(`{"bucket":%q},{"key":%q}`, b, key)
		if acl != "" {
			conds += fmt.Sprintf(`,{"acl":%q}`, acl)
		}
		policy := fmt.Sprintf(`{"expiration":%q,"conditions":[%s]}`, time.Now().Add(time.Hour).UTC().Format("2006-01-02T15:04:05Z"), conds)
		p64 := base64.StdEncoding.EncodeToString([]byte(policy))
		m := hmac.New(sha1.New, []byte(testenv.AltSecretKey))
		m.Write([]byte(p64))
		fields := [][2]string{{"AWSAccessKeyId", testenv.AltAccessKey}, {"policy", p64},
			{"signature", base64.StdEncoding.EncodeToString(m.Sum(nil))}, {"key", key}}
		if acl != "" {
			fields = append(fields, [2]string{"acl", acl})
		}
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		for _, f := range fields {
			w.WriteField(f[0], f[1])
		}
		fw, _ := w.CreateFormFile("file", key)
		fw.Write([]byte("posted"))
		w.Close()
		resp, err := http.Post(s.URL()+"/"+b, w.FormDataContentType(), &body)
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			t.Logf("POST %s (acl %q): %d %s", key, acl, resp.StatusCode, msg)
		}
		return resp.StatusCode
	}
	if code := post("by-alt", ""); code/100 != 2 {
		t.Fatalf("POST by alt: %d", code)
	}
	acl := must[*s3.GetObjectAclOutput](t)(root.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: &b, Key: aws.String("by-alt")}))
	if got := aws.ToString(acl.Owner.ID); got != "root" {
		t.Fatalf("owner of alt's POST upload under BucketOwnerEnforced: %q", got)
	}
	if code := post("public", "public-read"); code != http.StatusBadRequest {
		t.Fatalf("POST with acl=public-read under BucketOwnerEnforced: %d, want 400", code)
	}
	if code := post("full", "bucket-owner-full-control"); code/100 != 2 {
		t.Fatalf("POST with acl=bucket-owner-full-control: %d", code)
	}
}
