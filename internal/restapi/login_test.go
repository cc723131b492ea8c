package restapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/testenv"
)

func ptr[T any](v T) *T { return &v }

// TestLoginProfiles: console passwords through the REST API, for a user
// and for an account root; the password never comes back, policy
// violations and duplicates get IAM's codes, and a user without IAM
// rights cannot set one.
func TestLoginProfiles(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root := rootClient(t, s)
	var created restapi.CreatedAccount
	root.ok("POST", "/accounts", restapi.NewAccount{Name: "tenant1"}, &created)
	tenant := root.as(created.AccessKey.AccessKey, created.AccessKey.SecretKey)
	tenant.ok("POST", "/users", restapi.NewUser{Name: "bob"}, nil)

	tenant.fails("GET", "/users/bob/login-profile", nil, http.StatusNotFound, "NoSuchEntity")
	tenant.fails("POST", "/users/bob/login-profile", restapi.LoginPassword{Password: ptr("password")}, http.StatusBadRequest, "PasswordPolicyViolation")
	tenant.fails("POST", "/users/nobody/login-profile", restapi.LoginPassword{Password: ptr("Correct-Horse-9")}, http.StatusNotFound, "NoSuchEntity")
	tenant.fails("POST", "/users/bob/login-profile", restapi.LoginPassword{}, http.StatusBadRequest, "InvalidRequest")
	var lp restapi.LoginProfile
	tenant.ok("POST", "/users/bob/login-profile", restapi.LoginPassword{Password: ptr("Correct-Horse-9"), ResetRequired: ptr(true)}, &lp)
	if lp.User != "bob" || !lp.ResetRequired || lp.Created == "" {
		t.Fatalf("created: %+v", lp)
	}
	tenant.fails("POST", "/users/bob/login-profile", restapi.LoginPassword{Password: ptr("Other-Horse-9")}, http.StatusConflict, "EntityAlreadyExists")
	tenant.ok("PUT", "/users/bob/login-profile", restapi.LoginPassword{ResetRequired: ptr(false)}, &lp)
	if lp.ResetRequired {
		t.Fatalf("after update: %+v", lp)
	}
	_, body := tenant.do("GET", "/users/bob/login-profile", nil)
	if strings.Contains(string(body), "Correct-Horse-9") || strings.Contains(string(body), "hash") {
		t.Fatalf("the profile shows the password: %s", body)
	}
	// The administrator reaches the tenant's users; the tenant cannot
	// reach the administrator's account.
	root.ok("GET", "/users/bob/login-profile?account=tenant1", nil, &lp)
	tenant.fails("GET", "/users/bob/login-profile?account=root", nil, http.StatusForbidden, "AccessDenied")
	// A user without IAM rights cannot give itself a new password.
	var key restapi.NewKey
	tenant.ok("POST", "/users/bob/keys", nil, &key)
	bob := root.as(key.AccessKey, key.SecretKey)
	bob.fails("PUT", "/users/bob/login-profile", restapi.LoginPassword{Password: ptr("Bobs-Own-99")}, http.StatusForbidden, "AccessDenied")
	tenant.fails("DELETE", "/users/bob", nil, http.StatusConflict, "DeleteConflict")
	tenant.ok("DELETE", "/users/bob/login-profile", nil, nil)
	tenant.fails("DELETE", "/users/bob/login-profile", nil, http.StatusNotFound, "NoSuchEntity")

	// The account root's own password; the administrator has none.
	var rlp restapi.LoginProfile
	tenant.ok("POST", "/login-profile", restapi.LoginPassword{Password: ptr("Tenant-Root-1")}, &rlp)
	if rlp.User != "" || rlp.Created == "" {
		t.Fatalf("root profile: %+v", rlp)
	}
	tenant.ok("GET", "/login-profile", nil, nil)
	root.fails("POST", "/login-profile", restapi.LoginPassword{Password: ptr("Admin-Root-1")}, http.StatusBadRequest, "InvalidInput")
}
