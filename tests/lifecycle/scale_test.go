package lifecycletest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/object"
)

// The scanner's work follows what is due, not what is stored: 10,000 old
// objects outside a rule's prefix are read once, when the rule is new,
// and never again; later passes read only the entries written since.
func TestScanWorkFollowsWhatIsDue(t *testing.T) {
	e := start(t)
	b := e.bucket("many", false)
	const old = 10000
	for i := 0; i < old; i++ {
		key := fmt.Sprintf("old/%05d", i)
		if _, err := e.srv.Objects.PutObject(ctx, b, key, strings.NewReader("x"), object.PutOptions{Size: 1}); err != nil {
			t.Fatal(err)
		}
	}
	e.rules(b, types.LifecycleRule{ID: aws.String("new"), Filter: prefix("new/"),
		Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}})
	first := e.pass(2)
	if first.Visited != old || first.Expired != 0 {
		t.Fatalf("first pass %+v: want the %d entries visited once", first, old)
	}
	// That pass applied the rule up to one day after now: write past it.
	time.Sleep(day + day/10)
	for i := 0; i < 5; i++ {
		e.put(b, fmt.Sprintf("new/%d", i), []byte("n"), "")
	}
	second := e.pass(3)
	if second.Visited != 5 || second.Expired != 5 {
		t.Fatalf("second pass %+v: want only the 5 new entries visited, and expired", second)
	}
	third := e.pass(4)
	if third.Visited != 0 {
		t.Fatalf("third pass %+v: want nothing visited", third)
	}
	t.Logf("pass 1: %d visited, %d backfilled in %.3fs; pass 2: %d visited, %d expired in %.3fs; pass 3: %d visited in %.4fs",
		first.Visited, first.Backfilled, first.Seconds, second.Visited, second.Expired, second.Seconds, third.Visited, third.Seconds)
}
