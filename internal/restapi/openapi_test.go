package restapi_test

import (
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/strata-storage/strata/api"
	"github.com/strata-storage/strata/internal/restapi"
)

// TestDocumentMatchesRouter keeps api/openapi.yaml and the router equal:
// every served route is documented with its IAM action, and every
// documented operation is served.
func TestDocumentMatchesRouter(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]yaml.Node `yaml:"paths"`
	}
	if err := yaml.Unmarshal(api.OpenAPI, &doc); err != nil {
		t.Fatalf("api/openapi.yaml: %v", err)
	}
	documented := map[string]*string{}
	for path, ops := range doc.Paths {
		for method, node := range ops {
			if method == "parameters" {
				continue
			}
			var op struct {
				Action *string `yaml:"x-strata-action"`
			}
			if err := node.Decode(&op); err != nil {
				t.Fatalf("%s %s: %v", method, path, err)
			}
			documented[strings.ToUpper(method)+" "+path] = op.Action
		}
	}
	var served []string
	for _, rt := range restapi.New(restapi.Options{}).Routes() {
		k := rt.Method + " " + strings.ReplaceAll(rt.Path, "...}", "}")
		served = append(served, k)
		action, ok := documented[k]
		switch {
		case !ok:
			t.Errorf("served but not documented: %s", k)
		case rt.Public:
		case action == nil:
			t.Errorf("%s: documented without x-strata-action", k)
		case *action != rt.Action:
			t.Errorf("%s: document says action %q, router checks %q", k, *action, rt.Action)
		}
	}
	for k := range documented {
		if !slices.Contains(served, k) {
			t.Errorf("documented but not served: %s", k)
		}
	}
	if len(served) < 10 {
		t.Fatalf("only %d routes served", len(served))
	}
}
