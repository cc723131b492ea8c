package iamtest

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestLoginProfiles: the AWS SDK manages console passwords with AWS's
// own calls and error codes; the password never comes back.
func TestLoginProfiles(t *testing.T) {
	s := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.Users = append(c.Users, server.User{Account: "alt", AccessKey: testenv.AltAccessKey, SecretKey: testenv.AltSecretKey})
	}})
	alt := iamClient(s.URL(), testenv.AltAccessKey, testenv.AltSecretKey, "")
	_, hankAK, hankSK := newUser(t, alt, s.URL(), "hank")
	_, err := alt.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("hank"), Password: aws.String("short")})
	wantCode(t, err, "PasswordPolicyViolation")
	_, err = alt.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("nobody"), Password: aws.String("Correct-Horse-9")})
	wantCode(t, err, "NoSuchEntity")
	_, err = alt.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("hank")})
	wantCode(t, err, "NoSuchEntity")
	out := must[*iam.CreateLoginProfileOutput](t)(alt.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("hank"),
		Password: aws.String("Correct-Horse-9"), PasswordResetRequired: true}))
	if aws.ToString(out.LoginProfile.UserName) != "hank" || !out.LoginProfile.PasswordResetRequired || out.LoginProfile.CreateDate == nil {
		t.Fatalf("created profile: %+v", out.LoginProfile)
	}
	_, err = alt.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("hank"), Password: aws.String("Other-Horse-9")})
	wantCode(t, err, "EntityAlreadyExists")
	must[*iam.UpdateLoginProfileOutput](t)(alt.UpdateLoginProfile(ctx, &iam.UpdateLoginProfileInput{UserName: aws.String("hank"),
		Password: aws.String("Other-Horse-9"), PasswordResetRequired: aws.Bool(false)}))
	got := must[*iam.GetLoginProfileOutput](t)(alt.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("hank")}))
	if got.LoginProfile.PasswordResetRequired {
		t.Fatal("reset flag not cleared by UpdateLoginProfile")
	}
	_, err = alt.UpdateLoginProfile(ctx, &iam.UpdateLoginProfileInput{UserName: aws.String("hank"), Password: aws.String("weak")})
	wantCode(t, err, "PasswordPolicyViolation")
	// A user without IAM rights cannot set another's password, nor its own.
	asHank := iamClient(s.URL(), hankAK, hankSK, "")
	_, err = asHank.UpdateLoginProfile(ctx, &iam.UpdateLoginProfileInput{UserName: aws.String("hank"), Password: aws.String("Third-Horse-9")})
	wantCode(t, err, "AccessDenied")
	// But it changes its own with the old one (AWS's ChangePassword).
	_, err = asHank.ChangePassword(ctx, &iam.ChangePasswordInput{OldPassword: aws.String("Wrong-Horse-9"), NewPassword: aws.String("Hanks-Own-99")})
	wantCode(t, err, "AccessDenied")
	must[*iam.ChangePasswordOutput](t)(asHank.ChangePassword(ctx, &iam.ChangePasswordInput{OldPassword: aws.String("Other-Horse-9"), NewPassword: aws.String("Hanks-Own-99")}))
	_, err = alt.ChangePassword(ctx, &iam.ChangePasswordInput{OldPassword: aws.String("x"), NewPassword: aws.String("Hanks-Own-99")})
	wantCode(t, err, "AccessDenied") // the root has no password yet
	// Another account's root cannot reach alt's users.
	_, err = rootIAM(s).GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("hank")})
	wantCode(t, err, "NoSuchEntity")
	// AWS's order: the password goes before the user.
	must[*iam.DeleteAccessKeyOutput](t)(alt.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String("hank"), AccessKeyId: &hankAK}))
	_, err = alt.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("hank")})
	wantCode(t, err, "DeleteConflict")
	if _, err := asHank.GetUser(ctx, &iam.GetUserInput{}); err == nil {
		t.Fatal("hank's deleted key still works")
	}
	must[*iam.DeleteLoginProfileOutput](t)(alt.DeleteLoginProfile(ctx, &iam.DeleteLoginProfileInput{UserName: aws.String("hank")}))
	_, err = alt.DeleteLoginProfile(ctx, &iam.DeleteLoginProfileInput{UserName: aws.String("hank")})
	wantCode(t, err, "NoSuchEntity")
	must[*iam.DeleteUserOutput](t)(alt.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("hank")}))

	// An account root may have a password (no UserName); the
	// administrator may not.
	root := must[*iam.CreateLoginProfileOutput](t)(alt.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{Password: aws.String("Root-Horse-99")}))
	if aws.ToString(root.LoginProfile.UserName) != "" {
		t.Fatalf("root profile names a user: %+v", root.LoginProfile)
	}
	must[*iam.GetLoginProfileOutput](t)(alt.GetLoginProfile(ctx, &iam.GetLoginProfileInput{}))
	_, err = rootIAM(s).CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{Password: aws.String("Root-Horse-99")})
	wantCode(t, err, "InvalidInput")
}
