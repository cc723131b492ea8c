package restapi_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestReadOnlyUser: a user created through the API with the AWS
// read-only policy reads through the API and S3, and gets 403 on every
// write; the simulator agrees and names the deciding statement.
func TestReadOnlyUser(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root := rootClient(t, s)
	root.ok("POST", "/buckets", restapi.NewBucket{Name: "photos"}, nil)
	if _, err := s.S3().PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("photos"), Key: aws.String("a.jpg")}); err != nil {
		t.Fatal(err)
	}
	root.ok("POST", "/users", restapi.NewUser{Name: "reader"}, nil)
	root.ok("POST", "/users/reader/policies/attached", restapi.PolicyRef{ARN: iam.BuiltinARN("AmazonS3ReadOnlyAccess")}, nil)
	var key restapi.NewKey
	root.ok("POST", "/users/reader/keys", nil, &key)
	if key.SecretKey == "" {
		t.Fatal("no secret in the new key")
	}
	var keys []restapi.Key
	root.ok("GET", "/users/reader/keys", nil, &keys)
	if len(keys) != 1 || keys[0].AccessKey != key.AccessKey {
		t.Fatalf("keys: %+v", keys)
	}
	var held restapi.Holding
	root.ok("GET", "/users/reader/policies", nil, &held)
	if len(held.Attached) != 1 {
		t.Fatalf("policies: %+v", held)
	}

	reader := root.as(key.AccessKey, key.SecretKey)
	var page restapi.Listing
	reader.ok("GET", "/buckets/photos/objects", nil, &page)
	if len(page.Objects) != 1 || page.Objects[0].Key != "a.jpg" {
		t.Fatalf("listing: %+v", page)
	}
	var info object.ObjectInfo
	reader.ok("GET", "/buckets/photos/objects/a.jpg", nil, &info)
	reader.ok("GET", "/buckets/photos/versioning", nil, nil)
	for _, w := range []struct {
		method, path string
		body         any
	}{
		{"POST", "/buckets", restapi.NewBucket{Name: "mine"}},
		{"DELETE", "/buckets/photos", nil},
		{"PUT", "/buckets/photos/versioning", restapi.Versioning{Status: "Enabled"}},
		{"PUT", "/buckets/photos/policy", restapi.Document{Document: `{"Version":"2012-10-17","Statement":[]}`}},
		{"POST", "/users", restapi.NewUser{Name: "evil"}},
		{"POST", "/users/reader/keys", nil},
		{"POST", "/cluster/services/x/lock", nil},
		{"POST", "/jobs", restapi.JobRequest{Kind: "gc"}},
		{"GET", "/accounts", nil},
	} {
		reader.fails(w.method, w.path, w.body, http.StatusForbidden, "AccessDenied")
	}
	// S3 agrees with the API.
	rs3 := testenv.S3Client(s.URL(), key.AccessKey, key.SecretKey)
	if _, err := rs3.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("photos"), Key: aws.String("b")}); err == nil {
		t.Fatal("S3 PutObject allowed to the read-only user")
	}

	var sim restapi.SimulateResult
	root.ok("POST", "/iam/simulate", restapi.SimulateRequest{User: "reader", Action: "s3:PutObject", Resource: "arn:aws:s3:::photos/b"}, &sim)
	if sim.Allowed || len(sim.Statements) != 0 {
		t.Fatalf("simulate put: %+v", sim)
	}
	root.ok("POST", "/iam/simulate", restapi.SimulateRequest{User: "reader", Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/a.jpg"}, &sim)
	if !sim.Allowed || len(sim.Statements) != 1 || sim.Statements[0].Source != "managed policy "+iam.BuiltinARN("AmazonS3ReadOnlyAccess") {
		t.Fatalf("simulate get: %+v", sim)
	}
	// An explicit deny in an inline policy wins, and is named.
	root.ok("PUT", "/users/reader/policies/inline/no-a", restapi.Document{Document: `{"Version":"2012-10-17","Statement":[{"Sid":"NoA","Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/a.jpg"}]}`}, nil)
	root.ok("POST", "/iam/simulate", restapi.SimulateRequest{User: "reader", Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/a.jpg"}, &sim)
	if sim.Allowed || len(sim.Statements) != 2 {
		t.Fatalf("simulate with deny: %+v", sim)
	}
	reader.fails("GET", "/buckets/photos/objects/a.jpg", nil, http.StatusForbidden, "AccessDenied")
	root.fails("PUT", "/users/reader/policies/inline/bad", restapi.Document{Document: `{"Statement":[{"Effect":"Allow"}]}`}, http.StatusBadRequest, "MalformedPolicyDocument")
	// The reader may not simulate (it reads policies).
	reader.fails("POST", "/iam/simulate", restapi.SimulateRequest{User: "reader", Action: "s3:GetObject", Resource: "*"}, http.StatusForbidden, "AccessDenied")
}

// TestAccountsAndGroups: the administrator creates an account whose new
// key works at once; groups, roles and managed policies round-trip; an
// account's root may not act on another account.
func TestAccountsAndGroups(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root := rootClient(t, s)
	var created restapi.CreatedAccount
	root.ok("POST", "/accounts", restapi.NewAccount{Name: "tenant1", Email: "ops@example.com"}, &created)
	tenant := root.as(created.AccessKey.AccessKey, created.AccessKey.SecretKey)
	var me restapi.Whoami
	tenant.ok("GET", "/whoami", nil, &me)
	if me.Account != "tenant1" || me.Admin {
		t.Fatalf("tenant whoami: %+v", me)
	}
	tenant.fails("GET", "/users?account=root", nil, http.StatusForbidden, "AccessDenied")
	tenant.fails("GET", "/accounts", nil, http.StatusForbidden, "AccessDenied")
	tenant.ok("POST", "/users", restapi.NewUser{Name: "bob"}, nil)
	tenant.ok("POST", "/groups", restapi.NewGroup{Name: "devs"}, nil)
	var g iam.Group
	tenant.ok("PUT", "/groups/devs/members/bob", nil, &g)
	if len(g.Members) != 1 || g.Members[0] != "bob" {
		t.Fatalf("group: %+v", g)
	}
	var p restapi.Policy
	tenant.ok("POST", "/policies", restapi.NewPolicy{Name: "rw", Document: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`}, &p)
	tenant.ok("POST", "/groups/devs/policies/attached", restapi.PolicyRef{ARN: p.ARN}, nil)
	var sim restapi.SimulateResult
	tenant.ok("POST", "/iam/simulate", restapi.SimulateRequest{User: "bob", Action: "s3:PutObject", Resource: "arn:aws:s3:::x/y"}, &sim)
	if !sim.Allowed || len(sim.Statements) != 1 || sim.Statements[0].Source != "managed policy "+p.ARN {
		t.Fatalf("simulate through a group: %+v", sim)
	}
	tenant.ok("DELETE", "/groups/devs/policies/attached/"+p.ARN, nil, nil)
	tenant.ok("PUT", "/policies/rw", restapi.Document{Document: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}`}, &p)
	if p.Version != "v2" {
		t.Fatalf("policy after update: %+v", p)
	}
	tenant.ok("POST", "/roles", restapi.NewRole{Name: "ci", AssumeRolePolicy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`}, nil)
	var roles []iam.Role
	tenant.ok("GET", "/roles", nil, &roles)
	if len(roles) != 1 {
		t.Fatalf("roles: %+v", roles)
	}
	// The administrator sees the tenant's users; deleting the account
	// waits for its buckets to go.
	var users []iam.User
	root.ok("GET", "/users?account=tenant1", nil, &users)
	if len(users) != 1 || users[0].Name != "bob" {
		t.Fatalf("users of tenant1: %+v", users)
	}
	tenant.ok("POST", "/buckets", restapi.NewBucket{Name: "tenant-data"}, nil)
	root.fails("DELETE", "/accounts/tenant1", nil, http.StatusConflict, "DeleteConflict")
	root.fails("POST", "/users", map[string]string{"nmae": "typo"}, http.StatusBadRequest, "InvalidRequest")
	tenant.fails("POST", "/users", restapi.NewUser{Name: "bob"}, http.StatusConflict, "EntityAlreadyExists")
}

// TestUnknownAccount: the administrator naming an account that does not
// exist gets a 404, not an empty answer.
func TestUnknownAccount(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root := rootClient(t, s)
	root.fails("GET", "/users?account=nobody", nil, http.StatusNotFound, "NoSuchEntity")
	root.fails("POST", "/users?account=nobody", restapi.NewUser{Name: "x"}, http.StatusNotFound, "NoSuchEntity")
}
