package lifecycletest

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// The server applies rules by itself every quarter of a shortened
// lifecycle day, and on demand as the "lifecycle" job of the API (what
// `strata lifecycle run` starts).
func TestLifecycleJob(t *testing.T) {
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.LifecycleDay = day }})
	e := &env{t: t, srv: srv, c: srv.S3()}
	b := e.bucket("auto", false)
	e.put(b, "k", []byte("x"), "")
	e.rules(b, types.LifecycleRule{ID: aws.String("r"), Filter: prefix(""),
		Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}})
	deadline := time.Now().Add(20 * day)
	for e.exists(b, "k") {
		if time.Now().After(deadline) {
			t.Fatal("the background pass did not expire k")
		}
		time.Sleep(day / 10)
	}

	// A node whose own pass never runs in the test: the job does it.
	e = start(t)
	b2 := e.bucket("manual", false)
	e.put(b2, "k", []byte("x"), "")
	e.rules(b2, types.LifecycleRule{ID: aws.String("r"), Filter: prefix(""),
		Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}})
	time.Sleep(day + day/2) // one lifecycle day, and the scan's settling time
	body := []byte(`{"kind":"lifecycle"}`)
	var expired int64
	for time.Now().Before(deadline) && e.exists(b2, "k") {
		out, err := testenv.Admin(ctx, e.srv.URL(), http.MethodPost, "/_strata/api/v1/jobs?wait=1", body)
		if err != nil {
			t.Fatal(err)
		}
		var job struct {
			State  string                 `json:"state"`
			Result object.LifecycleReport `json:"result"`
		}
		if err := json.Unmarshal(out, &job); err != nil || job.State != "done" {
			t.Fatalf("job: %s %v", out, err)
		}
		expired += job.Result.Expired
	}
	if e.exists(b2, "k") || expired != 1 {
		t.Fatal("the lifecycle job did not expire k")
	}
}
