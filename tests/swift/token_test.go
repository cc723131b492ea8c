package swifttest

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestTokenSurvivesRestart: a token is sealed by the cluster key, so it
// still works after the node restarts; a deactivated key's token stops
// working at once.
func TestTokenSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	cfg := testenv.NodeConfig(t, testenv.Options{Dir: dir})
	n, err := server.Start(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := &testenv.Server{Node: n, Dir: dir}
	ak, sk := s.CreateUser(t, "tok", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
	auth := n.URL() + "/auth/v1.0"
	u := newClient(t, auth, ak, sk)
	u.must(201, "PUT", "/tok", nil, "")
	u.must(201, "PUT", "/tok/o", nil, "kept")
	n.Close()

	cfg.S3Addr = n.Addr() // same address, so the storage URL still holds
	n2, err := server.Start(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer n2.Close()
	if _, b := u.must(200, "GET", "/tok/o", nil, ""); b != "kept" {
		t.Fatalf("after restart: %q", b)
	}
	s2 := &testenv.Server{Node: n2, Dir: dir}
	if _, err := s2.IAMClient().UpdateAccessKey(context.Background(), &iam.UpdateAccessKeyInput{
		UserName: aws.String("tok"), AccessKeyId: aws.String(ak), Status: types.StatusTypeInactive}); err != nil {
		t.Fatal(err)
	}
	u.must(401, "GET", "/tok/o", nil, "")
}
