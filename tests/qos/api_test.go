package qostest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/qos"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestLimitsThroughAPI: the administrator sets, reads, lists and removes
// limits through the native REST API, and a set limit applies to S3 at
// once; another account may neither read nor set them; a bad scope or
// limit is a 400.
func TestLimitsThroughAPI(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	alt := client(s.URL(), testenv.AltAccessKey, testenv.AltSecretKey)
	mkBucket(t, alt, "alt-b")
	const base = "/_strata/api/v1/qos/limits"
	as := func(ak, sk, method, path, body string) ([]byte, error) {
		return testenv.AdminAs(ctx, s.URL(), ak, sk, method, path, []byte(body))
	}
	root := func(method, path, body string) ([]byte, error) {
		return as(testenv.AccessKey, testenv.SecretKey, method, path, body)
	}

	out, err := root("PUT", base+"/account/alt", `{"requests_per_sec":0.0001,"burst":2}`)
	if err != nil {
		t.Fatal(err)
	}
	var set qos.Setting
	if err := json.Unmarshal(out, &set); err != nil || set.Scope.String() != "account/alt" || set.Burst != 2 {
		t.Fatalf("PUT answered %s (%v)", out, err)
	}
	if got := count(t, alt, "alt-b", 4); got != 2 {
		t.Fatalf("alt after the API set its limit: %d of 4 passed, want 2", got)
	}
	if _, err := root("PUT", base+"/cluster", `{"requests_per_sec":100000}`); err != nil {
		t.Fatal(err)
	}
	out, err = root("GET", base, "")
	var list []qos.Setting
	if err != nil || json.Unmarshal(out, &list) != nil || len(list) != 2 {
		t.Fatalf("list: %s %v", out, err)
	}
	var got qos.Setting
	if out, err = root("GET", base+"/cluster", ""); err != nil || json.Unmarshal(out, &got) != nil ||
		got.Kind != qos.Cluster || got.Requests != 100000 {
		t.Fatalf("get cluster: %s %v", out, err)
	}

	// strata:* actions are the root account's: alt may not even read.
	for _, m := range []string{"GET", "PUT", "DELETE"} {
		if _, err := as(testenv.AltAccessKey, testenv.AltSecretKey, m, base+"/account/alt", `{}`); err == nil || !strings.Contains(err.Error(), "403") {
			t.Errorf("alt %s its own limit: %v, want 403", m, err)
		}
	}
	for _, bad := range []struct{ path, body string }{
		{base + "/tenant/x", `{"requests_per_sec":1}`},
		{base + "/bucket/*", `{"requests_per_sec":1}`},
		{base + "/account/alt", `{"requests_per_sec":-1}`},
		{base + "/account/alt", `{"burst":5}`},
		{base + "/account/alt", `{"requests_per_sec":1,"unknown":2}`},
	} {
		if _, err := root("PUT", bad.path, bad.body); err == nil || !strings.Contains(err.Error(), "400") {
			t.Errorf("PUT %s %s: %v, want 400", bad.path, bad.body, err)
		}
	}
	if _, err := root("GET", base+"/bucket/none", ""); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("GET a limit never set: %v, want 404", err)
	}

	if _, err := root("DELETE", base+"/account/alt", ""); err != nil {
		t.Fatal(err)
	}
	if got := count(t, alt, "alt-b", 10); got != 10 {
		t.Fatalf("alt after the API removed its limit: %d of 10 passed", got)
	}
}
