package iamtest

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestAssumeRole: a user trusted by a role gets temporary credentials
// with the role's rights narrowed by a session policy; they need their
// token and stop working when they expire.
func TestAssumeRole(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root, ic := s.S3(), rootIAM(s)
	must[*s3.CreateBucketOutput](t)(root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bkt-role")}))
	for _, k := range []string{"in/a", "out/b"} {
		if err := put(t, root, "bkt-role", k, k); err != nil {
			t.Fatal(err)
		}
	}
	_, ak, sk := newUser(t, ic, s.URL(), "erin")
	user := must[*iam.GetUserOutput](t)(ic.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("erin")}))
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + *user.User.Arn + `"},"Action":"sts:AssumeRole"}]}`
	role := must[*iam.CreateRoleOutput](t)(ic.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("reader"), AssumeRolePolicyDocument: &trust}))
	must[*iam.PutRolePolicyOutput](t)(ic.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("reader"), PolicyName: aws.String("read"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt-role/*"}]}`)}))
	sc := stsClient(s.URL(), ak, sk, "")
	// The user's own policies must allow sts:AssumeRole? Not within the
	// role's account when the trust policy names the user, as on AWS.
	session := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt-role/in/*"}]}`
	out := must[*sts.AssumeRoleOutput](t)(sc.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn, RoleSessionName: aws.String("job1"),
		DurationSeconds: aws.Int32(900), Policy: &session}))
	cr := out.Credentials
	rc := s3Client(s.URL(), *cr.AccessKeyId, *cr.SecretAccessKey, *cr.SessionToken)
	if got, err := get(rc, "bkt-role", "in/a"); err != nil || got != "in/a" {
		t.Fatalf("role session read: %q %v", got, err)
	}
	_, err := get(rc, "bkt-role", "out/b")
	wantCode(t, err, "AccessDenied") // outside the session policy
	wantCode(t, put(t, rc, "bkt-role", "in/new", "x"), "AccessDenied")
	id := must[*sts.GetCallerIdentityOutput](t)(stsClient(s.URL(), *cr.AccessKeyId, *cr.SecretAccessKey, *cr.SessionToken).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}))
	if want := *out.AssumedRoleUser.Arn; *id.Arn != want {
		t.Fatalf("caller %s, want %s", *id.Arn, want)
	}
	// Without the token, or with another, the key is refused.
	_, err = get(s3Client(s.URL(), *cr.AccessKeyId, *cr.SecretAccessKey, ""), "bkt-role", "in/a")
	wantCode(t, err, "InvalidToken")
	_, err = get(s3Client(s.URL(), *cr.AccessKeyId, *cr.SecretAccessKey, "bogus"), "bkt-role", "in/a")
	wantCode(t, err, "InvalidToken")
	// Expiry: step the clock to one second before, then one after.
	exp := *cr.Expiration
	s.IAM().SetClock(func() time.Time { return exp.Add(-time.Second) })
	if _, err := get(rc, "bkt-role", "in/a"); err != nil {
		t.Fatalf("before expiry: %v", err)
	}
	s.IAM().SetClock(func() time.Time { return exp.Add(time.Second) })
	_, err = get(rc, "bkt-role", "in/a")
	wantCode(t, err, "ExpiredToken")
	s.IAM().SetClock(nil)
	// A principal the trust policy does not name is refused.
	_, ak2, sk2 := newUser(t, ic, s.URL(), "frank")
	_, err = stsClient(s.URL(), ak2, sk2, "").AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn, RoleSessionName: aws.String("x1")})
	wantCode(t, err, "AccessDenied")
	_, err = sc.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn, RoleSessionName: aws.String("x1"), DurationSeconds: aws.Int32(7200)})
	wantCode(t, err, "ValidationError") // beyond the role's 1 h maximum
}

// TestGetSessionToken: the session acts with the user's rights, and
// sts:authentication (Ceph RGW's condition key) tells session requests
// from long-term key requests.
func TestGetSessionToken(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root, ic := s.S3(), rootIAM(s)
	must[*s3.CreateBucketOutput](t)(root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bkt-session")}))
	if err := put(t, root, "bkt-session", "k", "v"); err != nil {
		t.Fatal(err)
	}
	_, ak, sk := newUser(t, ic, s.URL(), "gina")
	must[*iam.PutUserPolicyOutput](t)(ic.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("gina"), PolicyName: aws.String("p"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},` +
			`{"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"sts:authentication":"false"}}}]}`)}))
	_, err := get(s3Client(s.URL(), ak, sk, ""), "bkt-session", "k")
	wantCode(t, err, "AccessDenied") // only a session may read
	out := must[*sts.GetSessionTokenOutput](t)(stsClient(s.URL(), ak, sk, "").GetSessionToken(ctx, &sts.GetSessionTokenInput{DurationSeconds: aws.Int32(900)}))
	cr := out.Credentials
	sc := s3Client(s.URL(), *cr.AccessKeyId, *cr.SecretAccessKey, *cr.SessionToken)
	if _, err := get(sc, "bkt-session", "k"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, put(t, sc, "bkt-session", "k2", "x"), "AccessDenied")
	_, err = stsClient(s.URL(), *cr.AccessKeyId, *cr.SecretAccessKey, *cr.SessionToken).GetSessionToken(ctx, &sts.GetSessionTokenInput{})
	wantCode(t, err, "AccessDenied")
}
