package iamtest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestCrossAccount: another account's user needs both its own policy and
// the bucket's grant; anonymous callers get only what the bucket grants;
// the public access block takes public grants away.
func TestCrossAccount(t *testing.T) {
	s := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.Users = append(c.Users, server.User{Account: "alt", AccessKey: testenv.AltAccessKey, SecretKey: testenv.AltSecretKey})
	}})
	root := s.S3()
	must[*s3.CreateBucketOutput](t)(root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("shared")}))
	if err := put(t, root, "shared", "doc", "v"); err != nil {
		t.Fatal(err)
	}
	altIAM := iamClient(s.URL(), testenv.AltAccessKey, testenv.AltSecretKey, "")
	hank, _, _ := newUser(t, altIAM, s.URL(), "hank")
	altID := accountID(t, altIAM)
	grant := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + altID + `:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}]}`
	must[*s3.PutBucketPolicyOutput](t)(root.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("shared"), Policy: &grant}))
	_, err := get(hank, "shared", "doc")
	wantCode(t, err, "AccessDenied") // the bucket grants, hank's account has not delegated
	must[*iam.PutUserPolicyOutput](t)(altIAM.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("hank"), PolicyName: aws.String("p"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)}))
	if _, err := get(hank, "shared", "doc"); err != nil {
		t.Fatalf("both sides allow: %v", err)
	}
	wantCode(t, put(t, hank, "shared", "doc2", "x"), "AccessDenied") // only one side allows
	// The alt account's root is its own account: the grant suffices.
	if _, err := get(s3Client(s.URL(), testenv.AltAccessKey, testenv.AltSecretKey, ""), "shared", "doc"); err != nil {
		t.Fatalf("alt root: %v", err)
	}
	// Anonymous: nothing until a public grant; the public access block
	// then takes it away again.
	anon := s3.New(s3.Options{BaseEndpoint: aws.String(s.URL()), Region: "us-east-1", UsePathStyle: true})
	_, err = get(anon, "shared", "doc")
	wantCode(t, err, "AccessDenied")
	public := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}]}`
	must[*s3.PutBucketPolicyOutput](t)(root.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("shared"), Policy: &public}))
	if _, err := get(anon, "shared", "doc"); err != nil {
		t.Fatalf("public read: %v", err)
	}
	st := must[*s3.GetBucketPolicyStatusOutput](t)(root.GetBucketPolicyStatus(ctx, &s3.GetBucketPolicyStatusInput{Bucket: aws.String("shared")}))
	if !aws.ToBool(st.PolicyStatus.IsPublic) {
		t.Fatal("policy status not public")
	}
	must[*s3.PutPublicAccessBlockOutput](t)(root.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: aws.String("shared"),
		PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{RestrictPublicBuckets: aws.Bool(true), BlockPublicPolicy: aws.Bool(true), BlockPublicAcls: aws.Bool(true)}}))
	_, err = get(anon, "shared", "doc")
	wantCode(t, err, "AccessDenied")
	_, err = root.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("shared"), Policy: &public})
	wantCode(t, err, "AccessDenied")
	_, err = root.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String("shared"), ACL: s3types.BucketCannedACLPublicRead})
	wantCode(t, err, "AccessDenied")
	// A policy naming another bucket is malformed.
	other := strings.ReplaceAll(public, "shared/*", "elsewhere/*")
	_, err = root.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("shared"), Policy: &other})
	wantCode(t, err, "MalformedPolicy")
	// The alt account's users cannot manage the root account.
	_, err = altIAM.ListUsers(ctx, &iam.ListUsersInput{})
	if err != nil {
		t.Fatalf("alt root lists its own users: %v", err)
	}
}

func accountID(t *testing.T, ic *iam.Client) string {
	t.Helper()
	u := must[*iam.GetUserOutput](t)(ic.GetUser(ctx, &iam.GetUserInput{}))
	arn := aws.ToString(u.User.Arn) // arn:aws:iam::ID:root
	return strings.Split(arn, ":")[4]
}

// TestGrantByEmail: an ACL grant by e-mail address goes to the account
// with that address (and reads back as a grant to its canonical id); an
// address no account has is UnresolvableGrantByEmailAddress.
func TestGrantByEmail(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	body, err := testenv.Admin(ctx, s.URL(), "POST", restapi.Prefix+"/accounts",
		[]byte(`{"name":"carol","email":"Carol@Example.com"}`))
	if err != nil {
		t.Fatal(err)
	}
	var created restapi.CreatedAccount
	if err := json.Unmarshal(body, &created); err != nil {
		t.Fatal(err)
	}
	carol := s3Client(s.URL(), created.AccessKey.AccessKey, created.AccessKey.SecretKey, "")
	root := s.S3()
	must[*s3.CreateBucketOutput](t)(root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("mail")}))
	if err := put(t, root, "mail", "doc", "v"); err != nil {
		t.Fatal(err)
	}
	_, err = carol.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("mail")})
	wantCode(t, err, "AccessDenied")
	_, err = root.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String("mail"), GrantRead: aws.String("emailAddress=nobody@example.com")})
	wantCode(t, err, "UnresolvableGrantByEmailAddress")
	must[*s3.PutBucketAclOutput](t)(root.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String("mail"),
		GrantRead: aws.String("emailAddress=carol@example.com"), GrantFullControl: aws.String("id=root")}))
	if _, err := carol.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("mail")}); err != nil {
		t.Fatalf("list after the grant by e-mail: %v", err)
	}
	acl := must[*s3.GetBucketAclOutput](t)(root.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String("mail")}))
	found := false
	for _, g := range acl.Grants {
		found = found || (aws.ToString(g.Grantee.ID) == "carol" && g.Permission == s3types.PermissionRead)
	}
	if !found {
		t.Fatalf("grants after a grant by e-mail: %+v", acl.Grants)
	}
}
