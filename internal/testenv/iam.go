package testenv

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// IAMClient is an AWS IAM client of the node's endpoint (served on the S3
// listener), signed with the root test key.
func (s *Server) IAMClient() *iam.Client {
	return iam.New(iam.Options{BaseEndpoint: aws.String(s.URL()), Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(AccessKey, SecretKey, "")})
}

// CreateUser makes a user of the root account with one access key and,
// when policy is not "", that inline policy (AWS IAM JSON). It returns
// the key and its secret.
func (s *Server) CreateUser(t testing.TB, name, policy string) (accessKey, secretKey string) {
	t.Helper()
	ctx := context.Background()
	ic := s.IAMClient()
	if _, err := ic.CreateUser(ctx, &iam.CreateUserInput{UserName: &name}); err != nil {
		t.Fatalf("create user %s: %v", name, err)
	}
	if policy != "" {
		if _, err := ic.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: &name, PolicyName: aws.String("p"),
			PolicyDocument: &policy}); err != nil {
			t.Fatalf("put policy of %s: %v", name, err)
		}
	}
	k, err := ic.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: &name})
	if err != nil {
		t.Fatalf("create key of %s: %v", name, err)
	}
	return *k.AccessKey.AccessKeyId, *k.AccessKey.SecretAccessKey
}

// ConfinedPolicy is an IAM policy that lets a user list bucket and read
// and write objects under prefix (e.g. "team/") only: the policy each
// file protocol's tests confine a user with.
func ConfinedPolicy(bucket, prefix string) string {
	return `{"Version":"2012-10-17","Statement":[
{"Effect":"Allow","Action":["s3:ListAllMyBuckets","s3:GetBucketLocation"],"Resource":"*"},
{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::` + bucket + `",
 "Condition":{"StringLike":{"s3:prefix":["","` + prefix + `*"]}}},
{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:DeleteObject","s3:GetObjectTagging","s3:PutObjectTagging"],
 "Resource":"arn:aws:s3:::` + bucket + `/` + prefix + `*"}]}`
}
