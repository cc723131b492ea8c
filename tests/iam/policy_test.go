package iamtest

import (
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestUserPolicyVariables: a user whose only policy allows s3:GetObject
// on bucket/team/${aws:username}/* reads there and nowhere else, and can
// neither write nor list.
func TestUserPolicyVariables(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root, ic := s.S3(), rootIAM(s)
	must[*s3.CreateBucketOutput](t)(root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bucket")}))
	for _, k := range []string{"team/alice/a.txt", "team/bob/b.txt", "other/c.txt"} {
		if err := put(t, root, "bucket", k, "data "+k); err != nil {
			t.Fatal(err)
		}
	}
	alice, _, _ := newUser(t, ic, s.URL(), "alice")
	// No policy yet: nothing is allowed, not even in the own account.
	_, err := get(alice, "bucket", "team/alice/a.txt")
	wantCode(t, err, "AccessDenied")
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/team/${aws:username}/*"}]}`
	must[*iam.PutUserPolicyOutput](t)(ic.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("alice"), PolicyName: aws.String("own"), PolicyDocument: &doc}))
	if got, err := get(alice, "bucket", "team/alice/a.txt"); err != nil || got != "data team/alice/a.txt" {
		t.Fatalf("own prefix: %q %v", got, err)
	}
	for _, k := range []string{"team/bob/b.txt", "other/c.txt"} {
		_, err := get(alice, "bucket", k)
		wantCode(t, err, "AccessDenied")
	}
	wantCode(t, put(t, alice, "bucket", "team/alice/new.txt", "x"), "AccessDenied")
	_, err = alice.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bucket")})
	wantCode(t, err, "AccessDenied")
	_, err = alice.ListBuckets(ctx, &s3.ListBucketsInput{})
	wantCode(t, err, "AccessDenied")
	// The document reads back as it was written.
	out := must[*iam.GetUserPolicyOutput](t)(ic.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String("alice"), PolicyName: aws.String("own")}))
	// IAM returns documents percent-encoded.
	if got, err := url.PathUnescape(aws.ToString(out.PolicyDocument)); err != nil || got != doc {
		t.Fatalf("policy document = %q", aws.ToString(out.PolicyDocument))
	}
}

// TestBucketPolicyDenyOverridesIdentityAllow: an explicit Deny in the
// bucket policy wins over s3:* granted to the user.
func TestBucketPolicyDenyOverridesIdentityAllow(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root, ic := s.S3(), rootIAM(s)
	must[*s3.CreateBucketOutput](t)(root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bkt-deny")}))
	bob, _, _ := newUser(t, ic, s.URL(), "bob")
	must[*iam.AttachUserPolicyOutput](t)(ic.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("bob"), PolicyArn: aws.String("arn:aws:iam::aws:policy/AmazonS3FullAccess")}))
	if err := put(t, bob, "bkt-deny", "secret/x", "1"); err != nil {
		t.Fatal(err)
	}
	if err := put(t, bob, "bkt-deny", "public/x", "1"); err != nil {
		t.Fatal(err)
	}
	deny := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::bkt-deny/secret/*"}]}`
	must[*s3.PutBucketPolicyOutput](t)(root.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("bkt-deny"), Policy: &deny}))
	_, err := get(bob, "bkt-deny", "secret/x")
	wantCode(t, err, "AccessDenied")
	wantCode(t, put(t, bob, "bkt-deny", "secret/y", "1"), "AccessDenied")
	if _, err := get(bob, "bkt-deny", "public/x"); err != nil {
		t.Fatalf("outside the deny: %v", err)
	}
	// The Deny binds the account root too.
	_, err = get(root, "bkt-deny", "secret/x")
	wantCode(t, err, "AccessDenied")
}

// TestGroupsAndManagedPolicies: rights come through groups and managed
// policies, versions switch them, and deletes are refused while in use.
func TestGroupsAndManagedPolicies(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root, ic := s.S3(), rootIAM(s)
	must[*s3.CreateBucketOutput](t)(root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bkt-groups")}))
	if err := put(t, root, "bkt-groups", "k", "v"); err != nil {
		t.Fatal(err)
	}
	carol, _, _ := newUser(t, ic, s.URL(), "carol")
	read := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::bkt-groups","arn:aws:s3:::bkt-groups/*"]}]}`
	pol := must[*iam.CreatePolicyOutput](t)(ic.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("read-g"), PolicyDocument: &read}))
	must[*iam.CreateGroupOutput](t)(ic.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("readers")}))
	must[*iam.AttachGroupPolicyOutput](t)(ic.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: aws.String("readers"), PolicyArn: pol.Policy.Arn}))
	_, err := get(carol, "bkt-groups", "k")
	wantCode(t, err, "AccessDenied")
	must[*iam.AddUserToGroupOutput](t)(ic.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String("readers"), UserName: aws.String("carol")}))
	if _, err := get(carol, "bkt-groups", "k"); err != nil {
		t.Fatalf("through the group: %v", err)
	}
	// A new default version that denies takes over.
	denyDoc := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`
	must[*iam.CreatePolicyVersionOutput](t)(ic.CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{PolicyArn: pol.Policy.Arn, PolicyDocument: &denyDoc, SetAsDefault: true}))
	_, err = get(carol, "bkt-groups", "k")
	wantCode(t, err, "AccessDenied")
	must[*iam.SetDefaultPolicyVersionOutput](t)(ic.SetDefaultPolicyVersion(ctx, &iam.SetDefaultPolicyVersionInput{PolicyArn: pol.Policy.Arn, VersionId: aws.String("v1")}))
	if _, err := get(carol, "bkt-groups", "k"); err != nil {
		t.Fatalf("back on v1: %v", err)
	}
	_, err = ic.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: pol.Policy.Arn})
	wantCode(t, err, "DeleteConflict")
	_, err = ic.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: aws.String("readers")})
	wantCode(t, err, "DeleteConflict")
	_, err = ic.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("carol")})
	wantCode(t, err, "DeleteConflict")
	groups := must[*iam.ListGroupsForUserOutput](t)(ic.ListGroupsForUser(ctx, &iam.ListGroupsForUserInput{UserName: aws.String("carol")}))
	if len(groups.Groups) != 1 || *groups.Groups[0].GroupName != "readers" {
		t.Fatalf("groups of carol: %+v", groups.Groups)
	}
	_, err = ic.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("nobody")})
	wantCode(t, err, "NoSuchEntity")
	_, err = ic.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("CAROL")})
	wantCode(t, err, "EntityAlreadyExists")
	_, err = ic.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("carol"), PolicyName: aws.String("bad"), PolicyDocument: aws.String(`{"Statement":[{"Effect":"Maybe"}]}`)})
	wantCode(t, err, "MalformedPolicyDocument")
}

// TestKeysLifecycle: at most two keys, deactivation refuses the key at
// once, last use is recorded, and a deleted key is unknown.
func TestKeysLifecycle(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	ic := rootIAM(s)
	dave, ak, _ := newUser(t, ic, s.URL(), "dave")
	must[*iam.PutUserPolicyOutput](t)(ic.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("dave"), PolicyName: aws.String("all"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)}))
	must[*s3.CreateBucketOutput](t)(dave.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("daves")}))
	must[*iam.CreateAccessKeyOutput](t)(ic.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("dave")}))
	_, err := ic.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("dave")})
	wantCode(t, err, "LimitExceeded")
	must[*iam.UpdateAccessKeyOutput](t)(ic.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: aws.String("dave"), AccessKeyId: &ak, Status: iamtypes.StatusTypeInactive}))
	_, err = dave.ListBuckets(ctx, &s3.ListBucketsInput{})
	wantCode(t, err, "InvalidAccessKeyId")
	keys := must[*iam.ListAccessKeysOutput](t)(ic.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String("dave")}))
	if len(keys.AccessKeyMetadata) != 2 {
		t.Fatalf("keys: %+v", keys.AccessKeyMetadata)
	}
	// Last use is written off the request path: wait for it.
	eventually(t, 10*time.Second, "last use recorded", func() bool {
		lu := must[*iam.GetAccessKeyLastUsedOutput](t)(ic.GetAccessKeyLastUsed(ctx, &iam.GetAccessKeyLastUsedInput{AccessKeyId: &ak}))
		return lu.AccessKeyLastUsed != nil && lu.AccessKeyLastUsed.LastUsedDate != nil
	})
	must[*iam.UpdateAccessKeyOutput](t)(ic.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: aws.String("dave"), AccessKeyId: &ak, Status: iamtypes.StatusTypeActive}))
	must[*s3.ListBucketsOutput](t)(dave.ListBuckets(ctx, &s3.ListBucketsInput{}))
	must[*iam.DeleteAccessKeyOutput](t)(ic.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String("dave"), AccessKeyId: &ak}))
	_, err = dave.ListBuckets(ctx, &s3.ListBucketsInput{})
	wantCode(t, err, "InvalidAccessKeyId")
	// A user cannot manage IAM without a policy for it.
	_, err = iamClient(s.URL(), ak, "x", "").ListUsers(ctx, &iam.ListUsersInput{})
	if err == nil {
		t.Fatal("a deleted key listed users")
	}
}

// TestListAllMyBucketsResource: ListBuckets is matched against
// "arn:aws:s3:::*", as the policies AWS documents for it are written; a
// resource naming one bucket does not cover it.
func TestListAllMyBucketsResource(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	doc := func(effect, resource string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::other/*"},` +
			`{"Effect":"` + effect + `","Action":"s3:ListAllMyBuckets","Resource":"` + resource + `"}]}`
	}
	for _, tc := range []struct {
		name, effect, resource, code string
	}{
		{"lister", "Allow", "arn:aws:s3:::*", ""},
		{"anylister", "Allow", "*", ""},
		{"onebucket", "Allow", "arn:aws:s3:::other", "AccessDenied"},
		{"denied", "Deny", "arn:aws:s3:::*", "AccessDenied"},
	} {
		ak, sk := s.CreateUser(t, tc.name, doc(tc.effect, tc.resource))
		c := s3Client(s.URL(), ak, sk, "")
		_, err := c.ListBuckets(ctx, &s3.ListBucketsInput{})
		if got := code(err); got != tc.code {
			t.Errorf("%s (%s %s): ListBuckets %q, want %q", tc.name, tc.effect, tc.resource, got, tc.code)
		}
	}
}
