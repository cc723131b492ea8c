package restapi_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/testenv"
)

// BenchmarkListFirstPage reports the time of the first and of a middle
// page (1,000 keys) of a folder of STRATA_LIST_OBJECTS objects (default
// 100,000), through the API on loopback, signed.
func BenchmarkListFirstPage(b *testing.B) {
	n := 100_000
	if s := os.Getenv("STRATA_LIST_OBJECTS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	s := testenv.Start(b, testenv.Options{})
	root := rootClient(b, s)
	root.ok("POST", "/buckets", restapi.NewBucket{Name: "big"}, nil)
	start := time.Now()
	var wg sync.WaitGroup
	keys := make(chan int)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range keys {
				if _, err := s.Objects.PutObject(context.Background(), "big", fmt.Sprintf("folder/%07d", i), strings.NewReader("x"), object.PutOptions{Size: 1}); err != nil {
					b.Error(err)
				}
			}
		}()
	}
	for i := range n {
		keys <- i
	}
	close(keys)
	wg.Wait()
	b.Logf("%d objects written in %v", n, time.Since(start).Round(time.Millisecond))
	var page restapi.Listing
	var times []time.Duration
	b.ResetTimer()
	for range max(b.N, 20) {
		t0 := time.Now()
		root.ok("GET", "/buckets/big/objects?prefix=folder/&delimiter=/&max=1000", nil, &page)
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(times)
	b.Logf("first page of 1000 keys, %d calls: min %v, median %v, max %v", len(times),
		times[0].Round(time.Microsecond), times[len(times)/2].Round(time.Microsecond), times[len(times)-1].Round(time.Microsecond))
	if len(page.Objects) != 1000 || page.Next == "" {
		b.Fatalf("first page: %d objects, next %q", len(page.Objects), page.Next)
	}
	t0 := time.Now()
	root.ok("GET", fmt.Sprintf("/buckets/big/objects?prefix=folder/&max=1000&continuation=folder/%07d", n/2), nil, &page)
	b.Logf("a middle page: %v", time.Since(t0).Round(time.Microsecond))
}
