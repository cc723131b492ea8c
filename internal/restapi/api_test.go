package restapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestAuthAndErrors: signed calls pass, anonymous and badly signed ones
// do not, and every error is {"code","message","request_id"}.
func TestAuthAndErrors(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root := rootClient(t, s)
	var me restapi.Whoami
	root.ok("GET", "/whoami", nil, &me)
	if !me.Admin || me.Account != "root" {
		t.Fatalf("root whoami: %+v", me)
	}
	alt := root.as(testenv.AltAccessKey, testenv.AltSecretKey)
	alt.ok("GET", "/whoami", nil, &me)
	if me.Admin || me.Account != "alt" {
		t.Fatalf("alt whoami: %+v", me)
	}
	root.as("", "").fails("GET", "/whoami", nil, http.StatusUnauthorized, "Unauthenticated")
	root.as(testenv.AccessKey, "wrong-secret-wrong-secret-wrong-secret-x").fails("GET", "/whoami", nil, http.StatusForbidden, "SignatureDoesNotMatch")
	root.fails("GET", "/no/such/route", nil, http.StatusNotFound, "NoSuchRoute")
	root.fails("DELETE", "/whoami", nil, http.StatusMethodNotAllowed, "MethodNotAllowed")
	// The ad hoc admin endpoints are gone (the API replaces them).
	if _, err := testenv.Admin(context.Background(), s.URL(), "GET", "/_strata/admin/services", nil); err == nil || !strings.Contains(err.Error(), "404") {
		t.Fatalf("/_strata/admin/services still answers: %v", err)
	}
	// The document is public.
	if st, b := root.as("", "").do("GET", "/openapi.yaml", nil); st != 200 || len(b) < 1000 {
		t.Fatalf("openapi.yaml: %d, %d bytes", st, len(b))
	}
}

// TestClusterLock: the root account locks a service and its score drops
// to 0; another account may neither list nor lock (strata:* actions are
// the root account's).
func TestClusterLock(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root := rootClient(t, s)
	var svcs []strata.Service
	root.ok("GET", "/cluster/services?type=blob", nil, &svcs)
	if len(svcs) == 0 {
		t.Fatal("no blob service listed")
	}
	id := svcs[0].ID
	alt := root.as(testenv.AltAccessKey, testenv.AltSecretKey)
	alt.fails("GET", "/cluster/services", nil, http.StatusForbidden, "AccessDenied")
	alt.fails("POST", "/cluster/services/"+id+"/lock", nil, http.StatusForbidden, "AccessDenied")
	var svc strata.Service
	root.ok("POST", "/cluster/services/"+id+"/lock", restapi.LockRequest{Score: 0}, &svc)
	if !svc.Locked || svc.Score != 0 {
		t.Fatalf("after lock: %+v", svc)
	}
	root.ok("POST", "/cluster/services/"+id+"/unlock", nil, &svc)
	if svc.Locked {
		t.Fatalf("after unlock: %+v", svc)
	}
	root.fails("POST", "/cluster/services/"+id+"/lock", map[string]any{"scor": 3}, http.StatusBadRequest, "InvalidRequest")
	var nodes []restapi.Node
	root.ok("GET", "/cluster/nodes", nil, &nodes)
	if len(nodes) == 0 || len(nodes[0].Services) == 0 {
		t.Fatalf("nodes: %+v", nodes)
	}
	var f restapi.Formula
	root.ok("GET", "/cluster/formula", nil, &f)
	if f.Formula == "" {
		t.Fatal("empty formula")
	}
}
