package iamtest

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestClusterIdentityChanges: on a 3-node cluster, a user, key and policy
// made on node1 work on every gateway; a key deactivated on node1 stops
// working on node2 and node3 (the figure: how long that took).
func TestClusterIdentityChanges(t *testing.T) {
	if testing.Short() {
		t.Skip("cluster")
	}
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 3})
	ic := iamClient(c.Node(0).URL(), testenv.AccessKey, testenv.SecretKey, "")
	_, ak, sk := newUser(t, ic, c.Node(0).URL(), "ivan")
	must[*iam.PutUserPolicyOutput](t)(ic.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("ivan"), PolicyName: aws.String("p"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`)}))
	clients := make([]*s3.Client, 3)
	for i := range clients {
		clients[i] = s3Client(c.Node(i).URL(), ak, sk, "")
		i := i
		eventually(t, 10*time.Second, "key works on every node", func() bool {
			_, err := clients[i].ListBuckets(ctx, &s3.ListBucketsInput{})
			return err == nil
		})
	}
	must[*iam.UpdateAccessKeyOutput](t)(ic.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: aws.String("ivan"), AccessKeyId: &ak, Status: iamtypes.StatusTypeInactive}))
	done := time.Now()
	for i := 1; i < 3; i++ {
		i := i
		eventually(t, 10*time.Second, "deactivation reaches every node", func() bool {
			_, err := clients[i].ListBuckets(ctx, &s3.ListBucketsInput{})
			return code(err) == "InvalidAccessKeyId"
		})
		t.Logf("node%d refused the deactivated key %v after the change", i+1, time.Since(done))
	}
	// A policy change reaches the other gateways the same way.
	must[*iam.DeleteUserPolicyOutput](t)(ic.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: aws.String("ivan"), PolicyName: aws.String("p")}))
	must[*iam.UpdateAccessKeyOutput](t)(ic.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: aws.String("ivan"), AccessKeyId: &ak, Status: iamtypes.StatusTypeActive}))
	eventually(t, 10*time.Second, "policy removal reaches node3", func() bool {
		_, err := clients[2].ListBuckets(ctx, &s3.ListBucketsInput{})
		return code(err) == "AccessDenied"
	})
}
